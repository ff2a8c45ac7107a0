import { html, nothing, type TemplateResult } from 'lit';
import type { UsageReport } from '@vereinsraum/protocol';
import { fetchClubUsage } from '../../api/client.js';
import type { ClubMessages } from '../../i18n/club.js';
import { type Locale, localeOf } from '../../i18n/locale.js';
import { type UsageMessageOverrides, usageMessagesFor } from '../../i18n/usage.js';
import { latestRun } from '../../internal/latest.js';
import { lastDays, renderFigures, renderPeriod, saveFile, usageSentence } from '../usage-report/figures.js';
import type { ClubPart } from './part.js';

/**
 * The club's own usage figures on its page (`GET /v1/club/usage`), drawn
 * with the parts of `<verein-usage-report>`: the period picker, the
 * sentence, the chart and its table, the CSV download. In the lazy chunk
 * of `sections.ts`, loaded when the page shows the club; then it loads the last 14 days.
 */
export class ClubUsage {
  period = lastDays(14);
  report: UsageReport | null = null;
  loading = false;
  readonly #loads = latestRun();

  constructor(private readonly host: ClubPart) {}

  /** The figures of `period` (default: the one shown). */
  async load(period = this.period): Promise<void> {
    const current = this.#loads();
    this.period = period;
    this.loading = true;
    this.host.update();
    try {
      const report = await fetchClubUsage(this.host.endpoint(), period);
      if (current()) this.report = report;
    } catch (error) {
      if (current()) this.host.fail(error);
    } finally {
      if (current()) this.loading = false;
      this.host.update();
    }
  }

  async #download(): Promise<void> {
    try {
      saveFile(await fetchClubUsage(this.host.endpoint(), this.period, true), `usage-${this.period.from}-${this.period.to}.csv`);
    } catch (error) {
      this.host.fail(error);
    }
  }

  render(t: ClubMessages, lang: Locale, overrides?: UsageMessageOverrides): TemplateResult {
    const u = usageMessagesFor(lang, overrides);
    const locale = localeOf(lang);
    const report = this.report;
    return html`<section class="stack usage" aria-labelledby="usage-title">
      <div class="bar">
        <h3 id="usage-title">${t.usageTitle}</h3>
        <button id="usage-csv" class="button secondary" part="button" type="button" ?disabled=${!report} @click=${() => this.#download()}>
          ${u.download}
        </button>
      </div>
      <p class="hint">${t.usageIntro}</p>
      ${renderPeriod(u, this.period, (period) => void this.load(period), 'usage-')}
      <p class="message summary" part="message" role="status">${this.loading ? u.loading : report ? usageSentence(u, report, locale) : ''}</p>
      ${report && !this.loading ? renderFigures(u, report, locale) : nothing}
    </section>`;
  }
}
