/** Body of `POST /v1/rooms/{tenant}/{room}/join`. */
export interface JoinRequest {
  /** The name other participants see; see `checkDisplayName`. */
  displayName: string;
  /** An access code, when the room has one; a moderator code makes the visitor moderator. */
  accessCode?: string;
}

/** The meeting is ready: open this URL (once; it is bound to this meeting instance). */
export interface JoinUrlResponse {
  url: string;
  /** The role the visitor will have. */
  role: Role;
}

/** The meeting has not started yet; ask again when the room is live. */
export interface JoinWaitingResponse {
  waiting: true;
}

/** Answer of `POST /v1/rooms/{tenant}/{room}/join`. */
export type JoinResponse = JoinUrlResponse | JoinWaitingResponse;

/** Role of a participant in a meeting. */
export type Role = 'moderator' | 'attendee';

/** Whether a room has a meeting going on. `unknown` when the conference server did not answer. */
export type RoomState = 'live' | 'idle' | 'unknown';

/** Answer of `GET /v1/rooms/{tenant}/{room}/status`. */
export interface RoomStatus {
  state: RoomState;
  /** Number of people in the meeting (never their names). */
  participants: number;
  /** When the current meeting started (ISO 8601), if live. */
  startedAt: string | null;
  /** When the conference server was last asked (ISO 8601). */
  checkedAt: string;
}
