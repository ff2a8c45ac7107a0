// What every element that talks to a tenant shows of it besides its theme:
// its logo, and a page the tenant does not allow.
import type { TenantInfo } from '@vereinsraum/protocol';
import { html, nothing } from 'lit';
import type { NotAllowedMessages } from '../i18n/not-allowed.js';

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
 * operator must add, for the webmaster.
 */
export function notAllowedNotice(sorry: string, t: NotAllowedMessages, tenant: string) {
  return html`<p>${sorry}</p><details part="webmaster"><summary>${t.forWebmaster}</summary><p>${t.fix(location.origin, tenant)}</p></details>`;
}
