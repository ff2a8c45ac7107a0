// The event of <verein-open-room>, kept beside it (not in events.ts): the join
// and status bundles, which import events.ts, then do not carry it.

/** Detail of {@link VereinOpenedEvent}. */
export interface VereinOpenedDetail {
  tenant: string;
  /** The new conference's id (`o-…`): also its guests' key. */
  room: string;
}

/** `verein-opened`: `<verein-open-room>` opened a conference; the visitor is its host. */
export class VereinOpenedEvent extends Event {
  static readonly type = 'verein-opened';
  constructor(readonly detail: VereinOpenedDetail) {
    super(VereinOpenedEvent.type, { bubbles: true, composed: true });
  }
}
