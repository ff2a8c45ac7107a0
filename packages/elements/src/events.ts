import type { BookingStatus, Role } from '@vereinsraum/protocol';

/** Detail of {@link VereinJoinEvent}. */
export interface VereinJoinDetail {
  tenant: string;
  room: string;
  displayName: string;
}

/**
 * `verein-join`: the visitor asked to join. Cancel it (`preventDefault()`)
 * to stop the join, e.g. to ask for something first.
 */
export class VereinJoinEvent extends Event {
  static readonly type = 'verein-join';
  constructor(readonly detail: VereinJoinDetail) {
    super(VereinJoinEvent.type, { bubbles: true, composed: true, cancelable: true });
  }
}

/** Detail of {@link VereinJoinedEvent}. */
export interface VereinJoinedDetail {
  tenant: string;
  room: string;
  role: Role;
  /** Where the meeting was opened: `_blank` (new tab), `_self`, or `embed` (inside the page). */
  target: string;
}

/**
 * `verein-joined`: the meeting was opened for the visitor. With
 * `target="embed"` it fires once the embedded meeting reports that the visitor
 * is in.
 */
export class VereinJoinedEvent extends Event {
  static readonly type = 'verein-joined';
  constructor(readonly detail: VereinJoinedDetail) {
    super(VereinJoinedEvent.type, { bubbles: true, composed: true });
  }
}

/** Detail of {@link VereinLeftEvent}. */
export interface VereinLeftDetail {
  tenant: string;
  room: string;
}

/**
 * `verein-left`: the visitor left a meeting embedded in the page
 * (`target="embed"`): they hung up, or closed it with the element's leave
 * button. The element is back at its join button.
 */
export class VereinLeftEvent extends Event {
  static readonly type = 'verein-left';
  constructor(readonly detail: VereinLeftDetail) {
    super(VereinLeftEvent.type, { bubbles: true, composed: true });
  }
}

/** Detail of {@link VereinErrorEvent}. */
export interface VereinErrorDetail {
  /** The server's problem code, or `network_error` / `not_configured`. */
  code: string;
  /** HTTP status, 0 when the server was not reached. */
  status: number;
  /** The message shown to the visitor, in their language. */
  message: string;
}

/** `verein-error`: something went wrong; the element shows `message`. */
export class VereinErrorEvent extends Event {
  static readonly type = 'verein-error';
  constructor(readonly detail: VereinErrorDetail) {
    super(VereinErrorEvent.type, { bubbles: true, composed: true });
  }
}

/** Detail of {@link VereinBookingSubmittedEvent}. */
export interface VereinBookingSubmittedDetail {
  /** The new booking's id. */
  id: string;
  /** `pending` (waits for approval) or `approved` (the links are there). */
  status: BookingStatus;
}

/**
 * `verein-booking-submitted`: the server took the booking (`201`); the
 * element shows the result.
 */
export class VereinBookingSubmittedEvent extends Event {
  static readonly type = 'verein-booking-submitted';
  constructor(readonly detail: VereinBookingSubmittedDetail) {
    super(VereinBookingSubmittedEvent.type, { bubbles: true, composed: true });
  }
}

/** Detail of {@link VereinBookingErrorEvent}. */
export interface VereinBookingErrorDetail {
  /** The server's problem code (e.g. `invalid_input`, `rate_limited`), or `network_error`. */
  code: string;
  /** For `invalid_input`: the request field the server refused. */
  field?: string;
}

/**
 * `verein-booking-error`: the server refused a booking, its cancellation or
 * loading it, or could not be reached; the element shows the reason.
 */
export class VereinBookingErrorEvent extends Event {
  static readonly type = 'verein-booking-error';
  constructor(readonly detail: VereinBookingErrorDetail) {
    super(VereinBookingErrorEvent.type, { bubbles: true, composed: true });
  }
}

/** Detail of {@link VereinBookingChangedEvent}. */
export interface VereinBookingChangedDetail {
  id: string;
  tenant: string;
  /** The new status: `approved`, `rejected` or `cancelled`. */
  status: BookingStatus;
}

/**
 * `verein-booking-changed`: the operator approved, rejected or cancelled a
 * booking, and the server took it. Other views of the page (a calendar, a
 * usage count) can refresh.
 */
export class VereinBookingChangedEvent extends Event {
  static readonly type = 'verein-booking-changed';
  constructor(readonly detail: VereinBookingChangedDetail) {
    super(VereinBookingChangedEvent.type, { bubbles: true, composed: true });
  }
}

declare global {
  interface HTMLElementEventMap {
    'verein-join': VereinJoinEvent;
    'verein-joined': VereinJoinedEvent;
    'verein-left': VereinLeftEvent;
    'verein-error': VereinErrorEvent;
    'verein-booking-submitted': VereinBookingSubmittedEvent;
    'verein-booking-error': VereinBookingErrorEvent;
    'verein-booking-changed': VereinBookingChangedEvent;
  }
}
