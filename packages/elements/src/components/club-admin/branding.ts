import { html, type TemplateResult } from 'lit';
import { styleMap } from 'lit/directives/style-map.js';
import { type ClubView, contrastRatio, DEFAULT_THEME_COLORS, themeContrastProblem } from '@vereinsraum/protocol';
import { saveClubBranding } from '../../api/client.js';
import type { ClubMessages } from '../../i18n/club.js';
import type { ClubPart } from './part.js';

/**
 * The club's logo and colours (`POST /v1/club/branding`), with a preview of
 * the join button in those colours and its contrast, checked by the same
 * rule as the server's (4.5:1 for the text on the button and for the
 * colour as text on white).
 */
export class ClubBranding {
  primary: string = DEFAULT_THEME_COLORS.primary;
  onPrimary: string = DEFAULT_THEME_COLORS.onPrimary;
  logoUrl = '';

  constructor(private readonly host: ClubPart) {}

  /** Show `club`'s logo and colours. */
  reset(club: ClubView): void {
    this.primary = club.theme?.primary ?? DEFAULT_THEME_COLORS.primary;
    this.onPrimary = club.theme?.onPrimary ?? DEFAULT_THEME_COLORS.onPrimary;
    this.logoUrl = club.logoUrl ?? '';
  }

  #changed(event: Event): void {
    const form = event.currentTarget as HTMLFormElement;
    const value = (name: string) => (form.elements.namedItem(name) as HTMLInputElement).value;
    this.primary = value('primary');
    this.onPrimary = value('onPrimary');
    this.host.update();
  }

  async #save(event: Event, t: ClubMessages): Promise<void> {
    event.preventDefault();
    const logo = ((event.currentTarget as HTMLFormElement).elements.namedItem('logoUrl') as HTMLInputElement).value.trim();
    try {
      const saved = await saveClubBranding(this.host.endpoint(), this.host.csrf(), {
        logoUrl: logo || null,
        primary: this.primary,
        onPrimary: this.onPrimary,
      });
      this.logoUrl = saved.logoUrl ?? '';
      this.host.say(t.brandSaved);
      this.host.update();
    } catch (error) {
      this.host.fail(error);
    }
  }

  render(t: ClubMessages, locale: string): TemplateResult {
    const problem = themeContrastProblem({ primary: this.primary, onPrimary: this.onPrimary });
    const ratio = contrastRatio(this.primary, this.onPrimary).toLocaleString(locale, { maximumFractionDigits: 1 });
    return html`<section class="stack" aria-labelledby="brand-title">
      <h3 id="brand-title">${t.brandTitle}</h3>
      <form id="brand" part="form" @input=${(e: Event) => this.#changed(e)} @submit=${(e: Event) => this.#save(e, t)}>
        <div class="field">
          <label for="logo-url">${t.logoLabel}</label>
          <p id="logo-hint" class="hint">${t.logoHint}</p>
          <input id="logo-url" part="input" name="logoUrl" type="url" maxlength="2000" .value=${this.logoUrl} aria-describedby="logo-hint" />
        </div>
        <div class="colours">
          <div class="field">
            <label for="primary">${t.primaryLabel}</label>
            <input id="primary" part="input" name="primary" type="color" .value=${this.primary} />
          </div>
          <div class="field">
            <label for="on-primary">${t.onPrimaryLabel}</label>
            <input id="on-primary" part="input" name="onPrimary" type="color" .value=${this.onPrimary} />
          </div>
        </div>
        <div class="preview">
          <p id="preview-label">${t.previewLabel}</p>
          <!-- A look at the join button, not one to press: disabled, in the chosen colours (also when they are too weak). -->
          <button
            class="preview-button"
            type="button"
            disabled
            aria-describedby="preview-label"
            style=${styleMap({ background: this.primary, color: this.onPrimary, borderColor: this.primary })}
          >
            ${t.previewButton}
          </button>
        </div>
        <p id="contrast" class="message${problem ? ' error' : ''}" part="message" aria-live="polite">
          ${problem === 'onPrimary' ? t.contrastLow(ratio) : problem === 'primary' ? t.primaryLow : t.contrastOk(ratio)}
        </p>
        <div class="actions"><button class="button" part="button" type="submit" ?disabled=${!!problem}>${t.saveBrand}</button></div>
      </form>
    </section>`;
  }
}
