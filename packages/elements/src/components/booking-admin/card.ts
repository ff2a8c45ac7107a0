// One booking in the operator's list (<verein-booking-admin>): its title and
// status, dates, organisation, tenant, kind, room, contact, participants and
// the reason of its last decision. The element adds the refusal about it and
// the decisions it still allows.
import type { AdminBooking } from '@vereinsraum/protocol';
import { html, nothing, type TemplateResult } from 'lit';
import type { AdminMessages } from '../../i18n/admin.js';

/** A date and time, and a time, as the cards show them: "Di., 1. Dez. 2026, 19:00" – "21:00". */
const DATE = { weekday: 'short', day: 'numeric', month: 'short', year: 'numeric', hour: '2-digit', minute: '2-digit' } as const;

/**
 * The card of booking `b` in `locale`, with `tenantName` (`''` where the
 * list holds one tenant's bookings only), then `problem` and `actions`
 * (the element's; for an open booking whose dates are over, a hint instead).
 */
export function renderCard(
  t: AdminMessages,
  locale: string,
  b: AdminBooking,
  tenantName: string,
  problem: unknown,
  actions: unknown,
): TemplateResult {
  const over = Date.parse(b.dates.at(-1)?.end ?? '') <= Date.now();
  const last = [...b.audit].reverse().find((entry) => entry.action === b.status);
  const row = (label: string, value: unknown) => html`<div><dt>${label}</dt><dd>${value}</dd></div>`;
  return html`<li class="card" part="card" data-status=${b.status}>
    <h3 id="b-${b.id}" tabindex="-1">
      <span class="title">${b.title}</span>
      <span class="badge" part="badge">${t.statuses[b.status]}</span>
    </h3>
    <dl>
      ${row(t.dates, renderDates(t, locale, b))}
      ${row(t.organisation, b.organisation)}
      ${tenantName ? row(t.tenant, tenantName) : nothing}
      ${row(t.kind, t.kinds[b.kind])}
      ${b.room ? row(t.room, html`<code>${b.room}</code>`) : nothing}
      ${row(t.contact, html`${b.contactName}<br /><a href="mailto:${b.contactEmail}">${b.contactEmail}</a>`)}
      ${row(t.participants, b.expectedParticipants)}
      ${last?.reason ? row(t.reason, last.reason) : last?.actor === 'booker' && b.status === 'cancelled' ? row(t.reason, t.cancelledByBooker) : nothing}
    </dl>
    ${problem}
    ${(b.status === 'pending' || b.status === 'approved') && over ? html`<p class="hint">${t.over}</p>` : actions}
  </li>`;
}

/** The dates of a booking; of a weekly one with more than three, the first two, then how many more until when. */
function renderDates(t: AdminMessages, locale: string, b: AdminBooking) {
  const date = new Intl.DateTimeFormat(locale, DATE);
  const time = new Intl.DateTimeFormat(locale, { hour: '2-digit', minute: '2-digit' });
  const line = (d: { start: string; end: string }) => `${date.format(new Date(d.start))}–${time.format(new Date(d.end))}`;
  const shown = b.dates.length > 3 ? b.dates.slice(0, 2) : b.dates;
  const rest = b.dates.length - shown.length;
  return html`<ul>
    ${shown.map((d) => html`<li>${line(d)}</li>`)}
    ${rest > 0 ? html`<li>${t.moreDates(rest, date.format(new Date(b.dates.at(-1)!.start)))}</li>` : nothing}
  </ul>`;
}
