// The listeners of a room's status: each hears a value once, and only a change.
import type { RoomStatus } from '@vereinsraum/protocol';

/** Called with every new value of a room's status. */
export type StatusListener = (status: RoomStatus) => void;

/** One listener of a room. An object, not a closure: a server may hold 10,000 of them. */
export class Subscription {
  private last: RoomStatus | undefined;

  constructor(private readonly listener: StatusListener) {}

  /** A new value; a refresh under way may publish before the subscriber's own answer comes, so each value is told once. */
  tell(status: RoomStatus): void {
    if (this.last !== status) this.listener((this.last = status));
  }

  /** The subscriber's own first answer, unless a published value came before it. */
  first(status: RoomStatus): void {
    if (this.last === undefined) this.tell(status);
  }
}

/** Equal for a viewer: `checkedAt` alone moving on is no change. */
export function sameStatus(a: RoomStatus, b: RoomStatus): boolean {
  return (
    a.state === b.state &&
    a.participants === b.participants &&
    a.startedAt === b.startedAt &&
    a.stale === b.stale &&
    a.chat?.members === b.chat?.members &&
    a.chat?.lastActivityAt === b.chat?.lastActivityAt
  );
}
