// The filters above the operator's list (<verein-booking-admin>): status, and
// tenant and kind where there is a choice.
import type { AdminTenant, BookingStatus } from '@vereinsraum/protocol';
import { html, nothing, type TemplateResult } from 'lit';
import type { AdminBookingFilter } from '../../api/client.js';
import type { AdminMessages } from '../../i18n/admin.js';

const STATUSES: readonly BookingStatus[] = ['pending', 'approved', 'rejected', 'cancelled'];

/**
 * The filters with `filter` chosen: by status; by tenant when `tenants` holds
 * more than one; by kind where some tenant takes chat rooms (or the tenants
 * are not known yet). `changed` gets each select's `change` event.
 */
export function renderFilters(
  t: AdminMessages,
  tenants: readonly AdminTenant[],
  filter: AdminBookingFilter,
  changed: (event: Event) => void,
): TemplateResult {
  const select = (name: keyof AdminBookingFilter, label: string, options: Array<[string, string]>) =>
    html`<div class="field">
      <label for="filter-${name}">${label}</label>
      <select id="filter-${name}" name=${name} @change=${changed}>
        <option value="" ?selected=${!filter[name]}>${t.all}</option>
        ${options.map(([value, text]) => html`<option value=${value} ?selected=${filter[name] === value}>${text}</option>`)}
      </select>
    </div>`;
  const chat = tenants.length === 0 || tenants.some((tenant) => tenant.kinds.includes('chat'));
  return html`<fieldset class="filters" part="filters">
    <legend class="visually-hidden">${t.filters}</legend>
    ${select(
      'status',
      t.status,
      STATUSES.map((status) => [status, t.statuses[status]]),
    )}
    ${
      tenants.length > 1
        ? select(
            'tenant',
            t.tenant,
            tenants.map((tenant) => [tenant.id, tenant.name]),
          )
        : nothing
    }
    ${
      chat
        ? select('kind', t.kind, [
            ['video', t.kinds.video],
            ['chat', t.kinds.chat],
          ])
        : nothing
    }
  </fieldset>`;
}
