// The parts of a usage report that `<verein-usage-report>` (the operator's) and `<verein-club-admin>`
// (a club's own figures) show alike: the period picker, the sentence, the chart, the table for screen
// readers, what each figure means, and the CSV download.
import { html, type TemplateResult } from 'lit';
import type { UsageReport } from '@vereinsraum/protocol';
import type { UsageMessages } from '../../i18n/usage.js';
import { renderChart } from './chart.js';

/** A day `n` days after `day` (`YYYY-MM-DD`). */
function addDays(day: string, n: number): string {
  return new Date(Date.parse(`${day}T00:00:00Z`) + n * 86_400_000).toISOString().slice(0, 10);
}

/** Today in the browser's time zone, `YYYY-MM-DD`. */
function today(): string {
  const now = new Date();
  return new Date(Date.UTC(now.getFullYear(), now.getMonth(), now.getDate())).toISOString().slice(0, 10);
}

/** The `days` days up to today (at least 1, at most 366). */
export function lastDays(days: number): { from: string; to: string } {
  const to = today();
  return { from: addDays(to, -(Math.max(1, Math.min(366, days || 14)) - 1)), to };
}

/** A day (`YYYY-MM-DD`) as the language writes it: short under the chart, with the year in the table and the sentence. */
function dayLabel(key: string, locale: string, long: boolean): string {
  return new Date(`${key}T12:00:00Z`).toLocaleDateString(locale, {
    timeZone: 'UTC',
    day: 'numeric',
    month: long ? 'long' : 'numeric',
    ...(long ? { year: 'numeric' } : {}),
  });
}

/** The totals in one sentence, in the catalogue's language. */
export function usageSentence(t: UsageMessages, report: UsageReport, locale: string): string {
  const { totals } = report;
  const n = (value: number) => value.toLocaleString(locale);
  const period =
    report.to === today() ? t.lastDays(report.days) : t.between(dayLabel(report.from, locale, true), dayLabel(report.to, locale, true));
  return t.sentence(
    {
      participants: n(totals.participants),
      conferences: n(totals.conferences),
      hours: n(Math.round(totals.participantMinutes / 60)),
      oneParticipant: totals.participants === 1,
      oneConference: totals.conferences === 1,
    },
    period,
  );
}

/**
 * The period picker: a form with two date fields (`from`, `to`). `prefix`
 * keeps the fields' ids apart when a page has two pickers in one shadow root.
 */
export function renderPeriod(
  t: UsageMessages,
  period: { from: string; to: string } | null,
  choose: (period: { from: string; to: string }) => void,
  prefix = '',
): TemplateResult {
  const submit = (event: Event): void => {
    event.preventDefault();
    const form = event.target as HTMLFormElement;
    const value = (name: string) => (form.elements.namedItem(name) as HTMLInputElement).value;
    choose({ from: value('from'), to: value('to') });
  };
  return html`<form class="period" part="form" @submit=${submit}>
    <fieldset>
      <legend class="visually-hidden">${t.period}</legend>
      <div class="field">
        <label for="${prefix}from">${t.from}</label>
        <input id="${prefix}from" part="input" name="from" type="date" required .value=${period?.from ?? ''} />
      </div>
      <div class="field">
        <label for="${prefix}to">${t.to}</label>
        <input id="${prefix}to" part="input" name="to" type="date" required .value=${period?.to ?? ''} />
      </div>
    </fieldset>
    <button class="button" part="button" type="submit">${t.show}</button>
  </form>`;
}

/** The chart, the same figures as a table for screen readers, and what each figure means. */
export function renderFigures(t: UsageMessages, report: UsageReport, locale: string): TemplateResult {
  const number = (n: number) => n.toLocaleString(locale);
  const hours = (minutes: number) => (minutes / 60).toLocaleString(locale, { maximumFractionDigits: 1 });
  return html`${renderChart(report.rows, t, number, (key) => dayLabel(key, locale, false))}
    <table class="visually-hidden">
      <caption>
        ${t.table}
      </caption>
      <thead>
        <tr>
          <th scope="col">${t.day}</th>
          <th scope="col">${t.conferences}</th>
          <th scope="col">${t.participants}</th>
          <th scope="col">${t.participantHours}</th>
          <th scope="col">${t.conferenceHours}</th>
          <th scope="col">${t.joins}</th>
        </tr>
      </thead>
      <tbody>
        ${report.rows.map(
          (row) =>
            html`<tr>
              <th scope="row">${dayLabel(row.key, locale, true)}</th>
              <td>${number(row.conferences)}</td>
              <td>${number(row.participants)}</td>
              <td>${hours(row.participantMinutes)}</td>
              <td>${hours(row.conferenceMinutes)}</td>
              <td>${number(row.joins)}</td>
            </tr>`,
        )}
      </tbody>
    </table>
    <details>
      <summary>${t.definitionsTitle}</summary>
      <ul>
        ${t.definitions.map((text) => html`<li>${text}</li>`)}
      </ul>
    </details>`;
}

/** Let the browser save `blob` as `name`. */
export function saveFile(blob: Blob, name: string): void {
  const link = document.createElement('a');
  link.href = URL.createObjectURL(blob);
  link.download = name;
  link.click();
  setTimeout(() => URL.revokeObjectURL(link.href), 0);
}
