// The store's part for usage figures, counts only (see `Store`, which includes it).
import type { Role } from '@vereinsraum/protocol';

/** One join handed out by the server, counted per day (in the usage time zone), tenant, room and role. */
export interface JoinCount {
  /** `YYYY-MM-DD`. */
  day: string;
  tenant: string;
  room: string;
  role: Role;
  /** The room's back end. */
  backend: string;
  joins: number;
}

/**
 * One conference: a span of a room's meeting with someone in it, as the
 * usage sampler saw it. Counts only: no name, address or user id. Times are
 * milliseconds since the epoch.
 */
export interface ConferenceRecord {
  /** Random; the row's key. */
  id: string;
  backend: string;
  tenant: string;
  room: string;
  /** BigBlueButton's `createTime` of the meeting instance; Jitsi: `''`. */
  instance: string;
  startedAt: number;
  /** `null` while it goes on. */
  endedAt: number | null;
  /** When it was last sampled, and how many were in it then. */
  lastSampleAt: number;
  lastCount: number;
  /** Most participants at once. */
  peak: number;
  /** Distinct joins seen (each join is a new participant, also a rejoin). */
  participants: number;
  /** Sum over time of the participants in it, in ms. */
  participantMs: number;
  /** Time with at least one participant, in ms. */
  conferenceMs: number;
}

/** A day's usage of one room (closed conferences, by the day they started). */
export interface DailyUsage {
  day: string;
  tenant: string;
  room: string;
  conferences: number;
  participants: number;
  peak: number;
  participantMs: number;
  conferenceMs: number;
}

/** Filter of {@link UsageStore.usage}: days `from` to `to` (`YYYY-MM-DD`, both included), of `tenants` (all when absent). */
export interface UsageQuery {
  from: string;
  to: string;
  tenants?: string[];
}

/** The store's methods for usage figures: joins per day, conferences, daily aggregates. */
export interface UsageStore {
  /** Count one join handed out (`joins` of `count` is ignored: it adds one); `at` is when. */
  countJoin(count: Omit<JoinCount, 'joins'>, at: number): Promise<void>;
  /** Rooms of `backend` with a join handed out at or after `since`. */
  recentJoinRooms(backend: string, since: number): Promise<Array<{ tenant: string; room: string }>>;
  /** The conferences of `backend` that have not ended. */
  openConferences(backend: string): Promise<ConferenceRecord[]>;
  /** Insert or update a conference that goes on (by `id`); a conference that has ended is left alone. */
  saveConference(conference: ConferenceRecord): Promise<void>;
  /**
   * End a conference (`conference.endedAt` set) and add it to `day`'s
   * aggregate of its room, in one transaction, once: a conference already
   * ended is left alone.
   *
   * @returns whether it was ended now.
   */
  endConference(conference: ConferenceRecord & { endedAt: number }, day: string): Promise<boolean>;
  /** The daily aggregates and join counts of the query's days and tenants. */
  usage(query: UsageQuery): Promise<{ days: DailyUsage[]; joins: JoinCount[] }>;
  /** Delete conferences that ended before `before` (the daily aggregates and join counts stay); answers how many. */
  purgeConferences(before: number): Promise<number>;
}
