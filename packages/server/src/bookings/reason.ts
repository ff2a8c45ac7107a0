import { BOOKING_LIMITS, FORBIDDEN_IN_LINES } from '@vereinsraum/protocol';
import { HttpError } from '../errors.js';

/**
 * The operator's reason for a decision (rejection, cancellation), trimmed
 * and with line breaks as `\n`: a text of at most 500 characters
 * (`BOOKING_LIMITS.reasonMax`) without control or bidi-override characters.
 * An absent or blank reason is `null`, or, when `required`, refused.
 * Refusals are `400 invalid_input` with `field: "reason"`.
 */
export function checkReason(value: unknown, required: boolean): string | null {
  const text = typeof value === 'string' ? value.replace(/\r\n?/g, '\n').trim() : value;
  if (text === undefined || text === null || text === '') {
    if (required) throw new HttpError(400, 'invalid_input', 'reason is required: say why, for the e-mail to the contact person.', 'reason');
    return null;
  }
  if (typeof text !== 'string' || text.length > BOOKING_LIMITS.reasonMax || FORBIDDEN_IN_LINES.test(text)) {
    throw new HttpError(
      400,
      'invalid_input',
      `reason must be a text of at most ${BOOKING_LIMITS.reasonMax} characters, without control characters.`,
      'reason',
    );
  }
  return text;
}
