import { html, svg, type TemplateResult } from 'lit';
import type { UsageRow } from '@vereinsraum/protocol';

const WIDTH = 600;
const HEIGHT = 100;

/** One panel: its heading with the largest value, a bar per day, the first and last day below. */
function panel(title: string, values: number[], first: string, last: string, format: (n: number) => string, kind: string): TemplateResult {
  const max = Math.max(1, ...values);
  const step = WIDTH / Math.max(1, values.length);
  const gap = Math.min(4, step / 4);
  return html`<div class="panel ${kind}" aria-hidden="true">
    <p class="panel-title"><span>${title}</span><span>${format(Math.max(0, ...values))}</span></p>
    <svg viewBox="0 0 ${WIDTH} ${HEIGHT}" preserveAspectRatio="none" focusable="false">
      ${values.map((value, i) => {
        const height = (value / max) * HEIGHT;
        return svg`<rect class="bar" x=${i * step + gap / 2} y=${HEIGHT - height} width=${Math.max(1, step - gap)} height=${height}></rect>`;
      })}
      <line class="axis" x1="0" y1=${HEIGHT} x2=${WIDTH} y2=${HEIGHT}></line>
    </svg>
    <p class="panel-foot"><span>${first}</span><span>${last}</span></p>
  </div>`;
}

/**
 * Two bar charts one above the other, conferences and participants per day,
 * each with its heading (so that colour is never what tells them apart). The
 * drawings are hidden from screen readers: the table beside them has the
 * same figures.
 */
export function renderChart(
  rows: UsageRow[],
  labels: { chart: string; conferences: string; participants: string },
  format: (n: number) => string,
  day: (key: string) => string,
): TemplateResult {
  const first = rows[0] ? day(rows[0].key) : '';
  const last = rows.length > 1 ? day(rows[rows.length - 1]!.key) : '';
  return html`<figure class="chart" part="chart">
    <figcaption>${labels.chart}</figcaption>
    ${panel(
      labels.conferences,
      rows.map((row) => row.conferences),
      first,
      last,
      format,
      'conferences',
    )}
    ${panel(
      labels.participants,
      rows.map((row) => row.participants),
      first,
      last,
      format,
      'participants',
    )}
  </figure>`;
}
