import { THEME_PATTERNS, type TenantInfo, type TenantTheme } from '@vereinsraum/protocol';
import type { ReactiveController, ReactiveControllerHost } from 'lit';
import { fetchTenantInfo, VereinApiError } from '../api/client.js';

/** Where a tenant's settings come from: the server helper and the tenant id. */
export interface TenantAddress {
  endpoint: string;
  tenant: string;
}

/**
 * Each theme token and the internal custom property it sets (`--_tenant-…`).
 * Its value is checked once more here with the protocol's
 * {@link THEME_PATTERNS}: a value that does not match is left out, so nothing
 * but such plain values reaches the page's CSS. (The server also keeps a
 * radius within 48px or 3rem and font quotes in pairs; a value past that
 * would still be harmless CSS.)
 */
const TOKENS: ReadonlyArray<[keyof TenantTheme, string]> = [
  ['primary', 'primary'],
  ['onPrimary', 'on-primary'],
  ['radius', 'radius'],
  ['font', 'font'],
];

/**
 * Loads the public settings of an element's tenant (`GET /v1/tenants/{tenant}`,
 * one request per page for all elements of a tenant) and puts the tenant's
 * theme on the element as `--_tenant-primary`, `--_tenant-on-primary`,
 * `--_tenant-radius` and `--_tenant-font`. The shared styles read them after
 * the page's own `--verein-*` properties and before the defaults, so a page's
 * CSS always wins. Without an endpoint or tenant, or when the request fails,
 * the element keeps its default look.
 *
 * `info` holds the answer for the element's language default and the privacy
 * notice; the host updates when it arrives. `notAllowed` says the server
 * refused the page's origin (`origin_not_allowed`): the element then shows
 * why instead of a form nobody could send. To wait for the answer or learn
 * that it failed, await `fetchTenantInfo(address)`: it is the same request.
 *
 * @example
 * ```ts
 * class MyElement extends LitElement {
 *   private readonly tenantInfo = new TenantController(this, () => this.address);
 *   private get locale() {
 *     return resolveLocale(this, this.config.lang, this.tenantInfo.info?.defaultLanguage);
 *   }
 * }
 * ```
 */
export class TenantController implements ReactiveController {
  /** The tenant's public settings; `undefined` while loading, without a tenant, or when they could not be loaded. */
  info?: TenantInfo;

  /** The server refused this page's origin for the tenant: nothing the element sends would be accepted. */
  notAllowed = false;

  /** The endpoint and tenant of `info` and the theme (`''`: none). */
  private key = '';

  constructor(
    private readonly host: ReactiveControllerHost & HTMLElement,
    private readonly address: () => TenantAddress,
  ) {
    host.addController(this);
  }

  /** Before each render: load the tenant's settings when the endpoint or tenant changed. */
  hostUpdate(): void {
    const { endpoint, tenant } = this.address();
    const key = endpoint && tenant ? `${endpoint} ${tenant}` : '';
    if (key === this.key) return;
    this.key = key;
    this.notAllowed = false;
    if (this.info) this.show(undefined);
    if (key) {
      fetchTenantInfo({ endpoint, tenant }).then(
        (info) => key === this.key && this.show(info),
        (error: unknown) => {
          if (key !== this.key || !(error instanceof VereinApiError && error.code === 'origin_not_allowed')) return;
          this.notAllowed = true;
          this.host.requestUpdate();
        },
      );
    }
  }

  private show(info: TenantInfo | undefined): void {
    this.info = info;
    // Typed, but from the network: each value is checked before use.
    const theme: Record<string, unknown> = { ...info?.theme };
    for (const [token, name] of TOKENS) {
      const value = theme[token];
      // `null` removes the property.
      this.host.style.setProperty(`--_tenant-${name}`, typeof value === 'string' && THEME_PATTERNS[token].test(value) ? value : null);
    }
    this.host.requestUpdate();
  }
}
