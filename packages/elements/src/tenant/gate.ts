// What every element that talks to a tenant shows of it besides its theme:
// its logo, a page the tenant does not allow, and the element's missing
// settings. Without texts of its own: the caller passes them in its language
// (`brand.ts` picks them for elements that carry both languages).
import type { TenantInfo } from '@vereinsraum/protocol';
import { html, nothing } from 'lit';
import type { NotAllowedMessages } from '../i18n/not-allowed.js';
import type { SetupController } from './setup.js';

/** The texts an element shows in place of itself while it cannot work. */
export interface BlockedTexts {
  notConfigured: (missing: string) => string;
  errors: { origin_not_allowed: string };
}

/**
 * The tenant's logo (`part="logo"`), its name as `alt`; nothing without a
 * logo, while the tenant's details are unknown, or when `off` (`no-logo`).
 * Only http(s) images; the image is asked for without a referrer.
 */
export function tenantLogo(info: TenantInfo | undefined, off: boolean) {
  const src = info?.logoUrl;
  return !off && src && /^https?:\/\//i.test(src)
    ? html`<img class="logo" part="logo" src=${src} alt=${info.name} referrerpolicy="no-referrer" />`
    : nothing;
}

/**
 * In place of an element on a page whose origin the tenant does not allow:
 * `sorry` for visitors (the element's `origin_not_allowed` text), then a
 * disclosure (`part="webmaster"`) that names the page's origin and what the
 * operator must add, for the webmaster (`t`, in the element's language).
 */
export function notAllowedView(setup: SetupController, sorry: string, t: NotAllowedMessages) {
  return html`<p>${sorry}</p><details part="webmaster"><summary>${t.forWebmaster}</summary><p>${t.fix(location.origin, setup.tenant)}</p></details>`;
}

/**
 * What an element shows in place of itself while it cannot work: which
 * settings are `missing`, or on a page the tenant does not allow, its note
 * (`notAllowed`: the webmaster's texts); `undefined` when it can work.
 */
export function gate(setup: SetupController, t: BlockedTexts, missing: string[], notAllowed: NotAllowedMessages) {
  if (missing.length > 0) return html`<p class="message error" part="message" role="alert">${t.notConfigured(missing.join(', '))}</p>`;
  if (setup.notAllowed)
    return html`<div class="message" part="message">${notAllowedView(setup, t.errors.origin_not_allowed, notAllowed)}</div>`;
  return undefined;
}
