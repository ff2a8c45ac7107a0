// The tenant's logo, a page the tenant does not allow, and the element's
// missing settings (see `gate.ts`), for elements that carry the texts of both
// languages: these pick the webmaster's texts by the element's language.
import { type NotAllowedMessages, notAllowedMessagesFor } from '../i18n/not-allowed.js';
import { type BlockedTexts, gate, notAllowedView } from './gate.js';
import type { SetupController } from './setup.js';

export { type BlockedTexts, tenantLogo } from './gate.js';

/**
 * In place of an element on a page whose origin the tenant does not allow:
 * `sorry` for visitors (the element's `origin_not_allowed` text), then a
 * disclosure (`part="webmaster"`) that names the page's origin and what the
 * operator must add, for the webmaster, in the element's language.
 */
export function notAllowedNotice(setup: SetupController, sorry: string, overrides?: Partial<NotAllowedMessages>) {
  return notAllowedView(setup, sorry, notAllowedMessagesFor(setup.locale, overrides));
}

/**
 * What an element shows in place of itself while it cannot work: which
 * settings are `missing`, or on a page the tenant does not allow, its note;
 * `undefined` when it can work.
 */
export function blocked(setup: SetupController, t: BlockedTexts, missing: string[], overrides?: Partial<NotAllowedMessages>) {
  return gate(setup, t, missing, notAllowedMessagesFor(setup.locale, overrides));
}
