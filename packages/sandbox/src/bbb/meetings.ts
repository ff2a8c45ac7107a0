/**
 * In-memory meetings and join sessions of the sandbox.
 */
import { createHash, randomBytes, randomInt } from 'node:crypto';

/** A role as BigBlueButton names it in API answers. */
export type Role = 'MODERATOR' | 'VIEWER';

/** One join: registered by the `join` call, inside once its meeting page was loaded. */
export interface Session {
  readonly sessionToken: string;
  readonly authToken: string;
  /** BigBlueButton's internal user id (`w_...`). */
  readonly internalUserID: string;
  /** The caller's `userID`, or the internal id when none was given. */
  readonly userID: string;
  readonly fullName: string;
  readonly role: Role;
  readonly meeting: Meeting;
  /** `userdata-*` parameters of the join (client settings such as `bbb_custom_style_url`), keyed without `userdata-`. */
  readonly userdata: ReadonlyMap<string, string>;
  /**
   * Where this participant goes after leaving: the join's `logoutURL`
   * (BigBlueButton 3.0), else the create's, else none (the sandbox then stays
   * on the meeting page instead of BigBlueButton's default page).
   */
  readonly logoutURL: string | undefined;
  /** True while the participant is inside (page loaded, not left). */
  inside: boolean;
  /** True once the participant pressed Leave. */
  left: boolean;
}

/** One meeting instance (a create after `end` makes a new instance). */
export interface Meeting {
  readonly meetingID: string;
  readonly internalMeetingID: string;
  readonly name: string;
  readonly createTime: number;
  readonly attendeePW: string;
  readonly moderatorPW: string;
  readonly voiceBridge: string;
  readonly dialNumber: string;
  readonly duration: number;
  readonly maxUsers: number;
  readonly welcome: string | undefined;
  readonly logo: string | undefined;
  /** The create's `logoutURL`, for every participant whose join names none. */
  readonly logoutURL: string | undefined;
  /** `meta_*` parameters, keyed by the lowercased name without `meta_`. */
  readonly metadata: ReadonlyMap<string, string>;
  startTime: number;
  endTime: number;
  hasUserJoined: boolean;
  ended: boolean;
  /** Sessions registered by `join`, in join order. */
  readonly sessions: Session[];
}

/** What `create` needs, already validated. */
export interface CreateRequest {
  meetingID: string;
  name: string;
  attendeePW?: string | undefined;
  moderatorPW?: string | undefined;
  voiceBridge?: string | undefined;
  dialNumber?: string | undefined;
  duration?: number | undefined;
  maxUsers?: number | undefined;
  welcome?: string | undefined;
  logo?: string | undefined;
  logoutURL?: string | undefined;
  metadata: ReadonlyMap<string, string>;
}

/** A random lowercase alphanumeric string, like BigBlueButton's tokens. */
export function randomToken(length: number): string {
  const alphabet = 'abcdefghijklmnopqrstuvwxyz0123456789';
  let out = '';
  for (const byte of randomBytes(length)) out += alphabet[byte % alphabet.length];
  return out;
}

/** Participants currently inside a meeting. */
export function participantsOf(meeting: Meeting): Session[] {
  return meeting.sessions.filter((s) => s.inside);
}

/** A meeting is running while at least one participant is inside. */
export function isRunning(meeting: Meeting): boolean {
  return !meeting.ended && meeting.sessions.some((s) => s.inside);
}

/** The meetings and sessions of one sandbox. */
export class MeetingStore {
  /** Meetings that are not ended, by external meetingID. */
  readonly #active = new Map<string, Meeting>();
  /** The last ended instance per meetingID (until it is created again). */
  readonly #ended = new Map<string, Meeting>();
  readonly #sessions = new Map<string, Session>();
  readonly #lastCreateTime = new Map<string, number>();

  /**
   * @param now - The clock (ms since the epoch) for createTime, startTime and endTime.
   * @param onEnd - Told when a meeting ends (BigBlueButton then calls its `meta_endCallbackUrl`).
   */
  constructor(
    private readonly now: () => number = Date.now,
    private readonly onEnd: (meeting: Meeting) => void = () => {},
  ) {}

  /** All meetings that are not ended, in creation order. */
  list(): Meeting[] {
    return [...this.#active.values()];
  }

  /** The meeting with that id if it exists and is not ended. */
  get(meetingID: string): Meeting | undefined {
    return this.#active.get(meetingID);
  }

  /** The last ended instance of that meetingID, if it was not created again since. */
  getEnded(meetingID: string): Meeting | undefined {
    return this.#ended.get(meetingID);
  }

  /** Creates a new meeting instance. The caller checks for an existing one first. */
  create(req: CreateRequest): Meeting {
    const now = this.now();
    const createTime = Math.max(now, (this.#lastCreateTime.get(req.meetingID) ?? 0) + 1);
    this.#lastCreateTime.set(req.meetingID, createTime);
    const meeting: Meeting = {
      meetingID: req.meetingID,
      internalMeetingID: `${createHash('sha1').update(req.meetingID, 'utf8').digest('hex')}-${createTime}`,
      name: req.name,
      createTime,
      attendeePW: req.attendeePW || randomToken(8),
      moderatorPW: req.moderatorPW || randomToken(8),
      voiceBridge: req.voiceBridge || String(randomInt(70000, 80000)),
      dialNumber: req.dialNumber || '613-555-1234',
      duration: req.duration ?? 0,
      maxUsers: req.maxUsers ?? 0,
      welcome: req.welcome,
      logo: req.logo,
      logoutURL: req.logoutURL,
      metadata: req.metadata,
      startTime: 0,
      endTime: 0,
      hasUserJoined: false,
      ended: false,
      sessions: [],
    };
    this.#ended.delete(req.meetingID);
    this.#active.set(req.meetingID, meeting);
    return meeting;
  }

  /** Registers a join session (the participant is not inside yet). */
  join(
    meeting: Meeting,
    fullName: string,
    role: Role,
    userID: string | undefined,
    userdata: ReadonlyMap<string, string> = new Map(),
    logoutURL: string | undefined = undefined,
  ): Session {
    const internalUserID = `w_${randomToken(12)}`;
    const session: Session = {
      sessionToken: randomToken(16),
      authToken: randomToken(12),
      internalUserID,
      userID: userID || internalUserID,
      fullName,
      role,
      meeting,
      userdata,
      logoutURL: logoutURL ?? meeting.logoutURL,
      inside: false,
      left: false,
    };
    meeting.sessions.push(session);
    this.#sessions.set(session.sessionToken, session);
    return session;
  }

  /** The session for a token, if any. */
  session(token: string): Session | undefined {
    return this.#sessions.get(token);
  }

  /** The participant loads the meeting page: enters unless left or ended. */
  enter(session: Session): void {
    if (session.inside || session.left || session.meeting.ended) return;
    session.inside = true;
    const meeting = session.meeting;
    meeting.hasUserJoined = true;
    if (meeting.startTime === 0) meeting.startTime = this.now();
  }

  /** The participant presses Leave. */
  leave(session: Session): void {
    session.inside = false;
    session.left = true;
  }

  /** Ends a meeting: everyone leaves, later joins are refused. */
  end(meeting: Meeting): void {
    if (meeting.ended) return;
    meeting.ended = true;
    meeting.endTime = this.now();
    for (const s of meeting.sessions) s.inside = false;
    if (this.#active.get(meeting.meetingID) === meeting) this.#active.delete(meeting.meetingID);
    this.#ended.set(meeting.meetingID, meeting);
    this.onEnd(meeting);
  }
}
