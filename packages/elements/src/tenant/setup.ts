import { ContextConsumer } from '@lit/context';
import { THEME_PATTERNS, type TenantInfo, type TenantTheme } from '@vereinsraum/protocol';
import type { ReactiveController, ReactiveElement } from 'lit';
import { fetchTenantInfo, VereinApiError } from '../api/client.js';
import { vereinConfigContext } from '../context.js';
import { type Locale, resolveLocale } from '../i18n/locale.js';

/** Where a tenant's settings come from: the server helper and the tenant id. */
export interface TenantAddress {
  endpoint: string;
  tenant: string;
}

/** An element that talks to a tenant: its own `endpoint`, `tenant` and `lang` (`''`: from `<verein-config>`). */
export type SetupHost = ReactiveElement & TenantAddress & { lang: string };

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
 * What every element that talks to a tenant sets up the same way. The
 * address: the element's own `endpoint` and `tenant`, else those of the
 * `<verein-config>` around it (through `@lit/context`; a change there updates
 * the element). The language: {@link resolveLocale}, with the tenant's default
 * last. The tenant's public settings (`GET /v1/tenants/{tenant}`, one request
 * per page for all elements of a tenant), loaded whenever the address
 * changes, with the tenant's theme put on the element as
 * `--_tenant-primary`, `--_tenant-on-primary`, `--_tenant-radius` and
 * `--_tenant-font`: the shared styles read them after the page's own
 * `--verein-*` properties and before the defaults, so a page's CSS always
 * wins. Without an endpoint or tenant, or when the request fails, the element
 * keeps its default look.
 *
 * `info` holds the answer (the privacy notice, the logo); the host updates
 * when it arrives. `notAllowed` says the server refused the page's origin
 * (`origin_not_allowed`): the element then shows why (`blocked` and
 * `notAllowedNotice` in `brand.ts`) instead of a form nobody could send. To
 * wait for the answer or learn that it failed, await
 * `fetchTenantInfo(address)`: it is the same request.
 *
 * @example
 * ```ts
 * class MyElement extends LitElement {
 *   readonly #setup = new SetupController(this);
 *   override render() {
 *     return blocked(this.#setup, this.#t, this.#setup.missing()) ?? html`…`;
 *   }
 * }
 * ```
 */
export class SetupController implements ReactiveController {
  /** The tenant's public settings; `undefined` while loading, without a tenant, or when they could not be loaded. */
  info?: TenantInfo;

  /** The server refused this page's origin for the tenant: nothing the element sends would be accepted. */
  notAllowed = false;

  readonly #host: SetupHost;
  readonly #config: ContextConsumer<typeof vereinConfigContext, SetupHost>;
  /** The endpoint and tenant of `info` and the theme (`''`: none). */
  #key = '';

  constructor(host: SetupHost) {
    this.#host = host;
    this.#config = new ContextConsumer(host, { context: vereinConfigContext, subscribe: true });
    host.addController(this);
  }

  /** The server helper's URL: the element's own, else the config's, else `''`. */
  get endpoint(): string {
    return this.#host.endpoint || this.#config.value?.endpoint || '';
  }

  /** The tenant id: the element's own, else the config's, else `''`. */
  get tenant(): string {
    return this.#host.tenant || this.#config.value?.tenant || '';
  }

  /** The element's language: its own `lang`, the config's, the page's, else the tenant's default. */
  get locale(): Locale {
    return resolveLocale(this.#host, this.#config.value?.lang, this.info?.defaultLanguage);
  }

  /** The names of the settings the element lacks: of `endpoint`, `tenant` and those in `more`, each that is `''`. */
  missing(more: Record<string, string> = {}): string[] {
    const all: Record<string, string> = { endpoint: this.endpoint, tenant: this.tenant, ...more };
    return Object.keys(all).filter((name) => !all[name]);
  }

  /** Before each render: load the tenant's settings when the endpoint or tenant changed. */
  hostUpdate(): void {
    const { endpoint, tenant } = this;
    const key = endpoint && tenant ? `${endpoint} ${tenant}` : '';
    if (key === this.#key) return;
    this.#key = key;
    this.notAllowed = false;
    if (this.info) this.#show(undefined);
    if (key) {
      fetchTenantInfo({ endpoint, tenant }).then(
        (info) => key === this.#key && this.#show(info),
        (error: unknown) => {
          if (key !== this.#key || !(error instanceof VereinApiError && error.code === 'origin_not_allowed')) return;
          this.notAllowed = true;
          this.#host.requestUpdate();
        },
      );
    }
  }

  #show(info: TenantInfo | undefined): void {
    this.info = info;
    // Typed, but from the network: each value is checked before use.
    const theme: Record<string, unknown> = { ...info?.theme };
    for (const [token, name] of TOKENS) {
      const value = theme[token];
      // `null` removes the property.
      this.#host.style.setProperty(`--_tenant-${name}`, typeof value === 'string' && THEME_PATTERNS[token].test(value) ? value : null);
    }
    this.#host.requestUpdate();
  }
}
