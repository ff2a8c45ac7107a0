import type { RoomSettings } from '../config/index.js';
import type { ChatStatus, Embed, Role } from '@vereinsraum/protocol';

/** What the server helper asks of a meeting. */
export interface MeetingRef {
  /** Id of the meeting on the back end (`tenant/room`). */
  id: string;
  /** Name shown to participants. */
  name: string;
  /** The tenant's look and address on the back end, where it has any. */
  branding?: MeetingBranding;
  /** An open conference's limits; back ends that cannot keep them (Jitsi) ignore them. */
  limits?: { maxParticipants: number; durationMinutes: number };
  /** A club's room settings, for the meeting's creation. */
  settings?: RoomSettings;
}

/**
 * What a back end can show of a tenant. Each back end uses what it supports
 * and ignores the rest.
 */
export interface MeetingBranding {
  /** BigBlueButton: the `logo` of the meeting, sent on `create`. */
  logoUrl?: string;
  /** BigBlueButton: a style sheet for each visitor's client (`userdata-bbb_custom_style_url` on `join`). */
  styleUrl?: string;
  /** Jitsi Meet: the tenant in the meeting's URL and the token's `sub`, instead of the back end's own. */
  jitsiTenant?: string;
}

/** Facts about a meeting, counts only. */
export interface MeetingStatus {
  /** `null` when the back end cannot tell (a Jitsi deployment without a room-size endpoint). */
  running: boolean | null;
  participants: number | null;
  /** When the meeting instance was created, in ms since the epoch; binds join URLs to it. */
  createTime: string | null;
  /** When the first participant joined, as an ISO date, if running. */
  startedAt: string | null;
  /** A chat room's counts (Mattermost). */
  chat?: ChatStatus;
}

/** One visitor's way into a meeting. */
export interface JoinSpec {
  displayName: string;
  role: Role;
  /** An id for this visitor, unique per join. */
  userId: string;
  /** The meeting instance the URL is bound to. */
  createTime: string | null;
  /** Where the visitor goes after leaving (BigBlueButton's `logoutURL`); back ends without one ignore it. */
  logoutUrl?: string;
}

/** Where one visitor goes: a URL, and what the iframe API needs when the meeting can be embedded. */
export interface JoinTarget {
  url: string;
  embed?: Embed;
}

/** What a back end may be asked for when a meeting is created. */
export interface CreateOptions {
  /** BigBlueButton: the URL it calls when the meeting ends (`meta_endCallbackUrl`); other back ends ignore it. */
  endCallbackUrl?: string;
}

/** A conference back end. One implementation per kind (BigBlueButton, Jitsi Meet); Mattermost chat rooms have their own (`MattermostProvider`). */
export interface Provider {
  /** Create the meeting if it does not exist (idempotent); answers its createTime. */
  createMeeting(meeting: MeetingRef, options?: CreateOptions): Promise<{ createTime: string | null }>;
  /** Is the meeting going on, and how many are in it. Gives up when `signal` aborts. */
  status(meeting: MeetingRef, signal?: AbortSignal): Promise<MeetingStatus>;
  /** The way into the meeting for one visitor. */
  join(meeting: MeetingRef, join: JoinSpec): Promise<JoinTarget>;
}

/**
 * The conference server did not answer, answered garbage or refused a call.
 * `reason` is safe to log (no secrets, no names). `misconfigured` when the
 * refusal means our configuration is wrong (BigBlueButton's `checksumError`:
 * the secret or checksum algorithm): trying again will not help.
 */
export class UpstreamError extends Error {
  constructor(
    readonly reason: string,
    readonly misconfigured = false,
  ) {
    super(reason);
    this.name = 'UpstreamError';
  }
}
