import type { Role } from '@vereinsraum/protocol';

/** What the server helper asks of a meeting. */
export interface MeetingRef {
  /** Id of the meeting on the back end (`tenant/room`). */
  id: string;
  /** Name shown to participants. */
  name: string;
}

/** Facts about a meeting, counts only. */
export interface MeetingStatus {
  running: boolean;
  participants: number;
  /** When the meeting instance was created, in ms since the epoch; binds join URLs to it. */
  createTime: string | null;
  /** When the first participant joined, as an ISO date, if running. */
  startedAt: string | null;
}

/** One visitor's way into a meeting. */
export interface JoinSpec {
  displayName: string;
  role: Role;
  /** An id for this visitor, unique per join. */
  userId: string;
  /** The meeting instance the URL is bound to. */
  createTime: string | null;
}

/** A conference back end. One implementation per kind (BigBlueButton, later Jitsi and Mattermost). */
export interface Provider {
  /** Create the meeting if it does not exist (idempotent); answers its createTime. */
  createMeeting(meeting: MeetingRef): Promise<{ createTime: string | null }>;
  /** Is the meeting going on, and how many are in it. */
  status(meeting: MeetingRef): Promise<MeetingStatus>;
  /** The URL that takes one visitor into the meeting. */
  joinUrl(meeting: MeetingRef, join: JoinSpec): Promise<string>;
  /** End the meeting for everyone. */
  end(meeting: MeetingRef): Promise<void>;
}

/**
 * The conference server did not answer, answered garbage or refused a call.
 * `reason` is safe to log (no secrets, no names).
 */
export class UpstreamError extends Error {
  constructor(readonly reason: string) {
    super(reason);
    this.name = 'UpstreamError';
  }
}
