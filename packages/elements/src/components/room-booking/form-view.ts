// The booking form of <verein-room-booking>, as the visitor sees it: the
// summary of problems after a failed submit, a refusal, the kind of room (where
// the tenant takes chat bookings), the fields with their hints and errors, the
// dates in the page's time zone, the consent, the honeypot and the button.
// What the fields hold and their rules are the form model's (booking-form.ts).
import { BOOKING_LIMITS, type BookingForm } from '@vereinsraum/protocol';
import { html, nothing, type TemplateResult } from 'lit';
import type { BookingField, BookingMessages } from '../../i18n/booking-messages.js';
import type { Locale } from '../../i18n/locale.js';
import { chatOffered, consentText, type FieldError, maxWeeks, type Values } from './booking-form.js';
import { isoDay, tenantZone, zoneName } from './dates.js';

/** What the form shows. */
export interface FormView {
  values: Values;
  /** Problems per field, after the first submit. */
  errors: Map<BookingField, FieldError>;
  /** The tenant's form settings (limits, consent text, privacy link, time zone, kinds). */
  form: Partial<BookingForm>;
  tenant: string;
  /** A refusal that is not about one field (or nothing). */
  problem: unknown;
  /** The booking is on its way. */
  busy: boolean;
  /** The spam-protection puzzle is solved. */
  solved: boolean;
  submit(event: SubmitEvent): void;
  /** A field changed (`input` and `change` of the form). */
  edit(event: Event): void;
}

/** The form in `locale`. */
export function renderForm(t: BookingMessages, locale: Locale, s: FormView): TemplateResult {
  const { values: v, errors, form, busy } = s;
  const mailZone = tenantZone(form.timeZone, v.date, locale);
  const fieldText = (field: BookingField, error: FieldError) =>
    t.problems[error.problem](t.labels[field], error.limit ?? 0, error.min ?? 1);
  const errorLine = (field: BookingField) => {
    const error = errors.get(field);
    return error ? html`<p id="f-${field}-error" class="field-error">${fieldText(field, error)}</p>` : nothing;
  };
  /** One labelled field with its hint and error. `max` > 0 sets `maxlength`. */
  const text = (field: BookingField, max: number, attrs: Record<string, string>) => {
    const hint = t.hints[field];
    const error = errors.get(field);
    const described = [hint ? `f-${field}-hint` : '', error ? `f-${field}-error` : '', field.endsWith('Time') ? 'f-zone' : '']
      .filter(Boolean)
      .join(' ');
    return html`<div class="field">
      <label for="f-${field}">${t.labels[field]}</label>
      ${hint ? html`<p id="f-${field}-hint" class="hint">${hint}</p>` : nothing}
      <input
        id="f-${field}"
        part="input"
        name=${field}
        type=${attrs.type ?? 'text'}
        required
        autocomplete=${attrs.autocomplete ?? nothing}
        inputmode=${attrs.inputmode ?? nothing}
        min=${attrs.min ?? nothing}
        max=${attrs.max ?? nothing}
        maxlength=${max > 0 ? max : nothing}
        .value=${v[field as Exclude<BookingField, 'consent'>] as string}
        aria-invalid=${error ? 'true' : 'false'}
        aria-describedby=${described || nothing}
      />
      ${errorLine(field)}
    </div>`;
  };
  /** A link of the summary leads to its field. */
  const goTo = (event: Event, field: BookingField) => {
    event.preventDefault();
    ((event.target as Element).getRootNode() as ShadowRoot).querySelector<HTMLElement>(`#f-${field}`)?.focus();
  };
  return html`
    <form part="form" novalidate @submit=${s.submit} @input=${s.edit} @change=${s.edit} aria-busy=${busy ? 'true' : 'false'}>
      ${
        errors.size > 0
          ? html`<div id="summary" class="summary" part="error-summary" role="group" aria-labelledby="summary-title" tabindex="-1">
            <p id="summary-title" class="summary-title">${t.summaryTitle(errors.size)}</p>
            <ul>
              ${[...errors].map(
                ([field, error]) =>
                  html`<li><a href="#f-${field}" @click=${(e: Event) => goTo(e, field)}>${fieldText(field, error)}</a></li>`,
              )}
            </ul>
          </div>`
          : nothing
      }
      ${s.problem}
      ${
        chatOffered(form)
          ? html`<fieldset class="when">
            <legend>${t.kindLegend}</legend>
            ${(['video', 'chat'] as const).map(
              (kind) => html`<label class="check" for="f-kind-${kind}"
                ><input id="f-kind-${kind}" name="kind" type="radio" value=${kind} .checked=${v.kind === kind} aria-describedby="f-kind-hint" /><span
                  >${t.kinds[kind]}</span
                ></label
              >`,
            )}
            <p id="f-kind-hint" class="hint">${t.kindHint}</p>
          </fieldset>`
          : nothing
      }
      ${text('title', BOOKING_LIMITS.titleMax, { autocomplete: 'off' })}
      ${text('organisation', BOOKING_LIMITS.organisationMax, { autocomplete: 'organization' })}
      ${text('contactName', BOOKING_LIMITS.contactNameMax, { autocomplete: 'name' })}
      ${text('contactEmail', BOOKING_LIMITS.emailMax, { type: 'email', autocomplete: 'email' })}
      <fieldset class="when">
        <legend>${t.dates}</legend>
        ${text('date', 0, { type: 'date', min: isoDay(new Date()) })}
        <div class="times">
          ${text('startTime', 0, { type: 'time' })} ${text('endTime', 0, { type: 'time' })}
        </div>
        <p id="f-zone" class="hint">${t.timeZone(zoneName(v.date, locale))}${mailZone ? ` ${t.mailTimeZone(mailZone)}` : nothing}</p>
        <label class="check" for="f-repeat"><input id="f-repeat" name="repeat" type="checkbox" .checked=${v.repeat} /><span>${t.repeat}</span></label>
        ${v.repeat ? text('weeks', 0, { type: 'number', min: '2', max: String(maxWeeks(form)), inputmode: 'numeric' }) : nothing}
      </fieldset>
      ${text('participants', 0, { type: 'number', min: '1', max: String(BOOKING_LIMITS.participantsMax), inputmode: 'numeric' })}
      <div class="field">
        <label class="check" for="f-consent"><input
            id="f-consent"
            name="consent"
            type="checkbox"
            required
            .checked=${v.consent}
            aria-invalid=${errors.has('consent') ? 'true' : 'false'}
            aria-describedby=${errors.has('consent') ? 'f-consent-error' : nothing}
          /><span>${consentText(form, locale) || t.consentDefault(form.name || s.tenant)}</span></label>
        ${form.privacyUrl ? html`<a class="privacy" href=${form.privacyUrl} target="_blank" rel="noopener noreferrer">${t.privacyLink}</a>` : nothing}
        ${errorLine('consent')}
      </div>
      <div class="hp" aria-hidden="true">
        <label for="f-website">${t.honeypot}</label>
        <input id="f-website" name="website" tabindex="-1" autocomplete="off" .value=${v.website} />
      </div>
      <div class="actions">
        <button class="button" part="button" type="submit" ?disabled=${busy}>${t.submit}</button>
        <p class="hint">${s.solved ? t.solved : t.solving}</p>
      </div>
      <div class="status" role="status">${busy ? html`<p class="message" part="message">${t.submitting}</p>` : nothing}</div>
    </form>
  `;
}
