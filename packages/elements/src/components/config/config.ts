import { ContextProvider } from '@lit/context';
// Without lit-html: the element renders one slot, and a page's first load carries no template engine (docs/architecture.md, "Chunks").
import { css, type PropertyDeclarations, ReactiveElement } from '@lit/reactive-element';
import { type VereinConfigValue, vereinConfigContext } from '../../context.js';

/**
 * Shares the server address, the tenant and the language with every
 * Vereinsraum element inside it, so each element needs only its `room`.
 * It renders nothing of its own.
 *
 * @summary Settings for the Vereinsraum elements inside it.
 * @tagname verein-config
 * @slot - The page content with Vereinsraum elements.
 *
 * @example
 * ```html
 * <verein-config endpoint="https://vereinsraum.example-stadt.de" tenant="tsv-musterstadt" lang="de">
 *   <verein-join-room room="training"></verein-join-room>
 * </verein-config>
 * ```
 */
export class VereinConfig extends ReactiveElement {
  static override styles = css`
    :host {
      display: contents;
    }
    :host([hidden]) {
      display: none !important;
    }
  `;

  // Declared without decorators, like the join element: fewer bundle bytes.
  static override properties: PropertyDeclarations = {
    endpoint: { reflect: true },
    tenant: { reflect: true },
    lang: {},
  };

  /** Register the element (once) as `tag` in `registry`. */
  static define(tag = 'verein-config', registry: CustomElementRegistry = customElements): typeof VereinConfig {
    if (!registry.get(tag)) registry.define(tag, this);
    return this;
  }

  /** Base URL of the Vereinsraum server, e.g. `https://vereinsraum.example-stadt.de`. */
  endpoint = '';

  /** The tenant (club, group or town) whose rooms the elements use. */
  tenant = '';

  /**
   * Language of the elements (`de` or `en`); default: the page's language,
   * else the tenant's default language from the server.
   * Not reflected: an empty `lang=""` attribute would hide the page's language.
   */
  override lang = '';

  private readonly provider = new ContextProvider(this, { context: vereinConfigContext, initialValue: {} });

  override willUpdate(): void {
    const value: VereinConfigValue = {};
    if (this.endpoint) value.endpoint = this.endpoint;
    if (this.tenant) value.tenant = this.tenant;
    if (this.lang) value.lang = this.lang;
    this.provider.setValue(value);
  }

  protected override createRenderRoot(): HTMLElement | DocumentFragment {
    const root = super.createRenderRoot();
    root.append(document.createElement('slot'));
    return root;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'verein-config': VereinConfig;
  }
}
