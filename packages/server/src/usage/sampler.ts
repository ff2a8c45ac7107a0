// The usage sampler: once a minute (config `usage.sampleSeconds`), per back end, who is in our rooms,
// as counts; from those samples, conferences with their peak, participants and minutes.
import type { ServerConfig } from '../config/index.js';
import type { Logger } from '../log.js';
import type { TenantDirectory } from '../directory.js';
import { BbbProvider } from '../providers/bbb.js';
import type { Provider } from '../providers/types.js';
import { meetingOf } from '../meeting.js';
import type { ConferenceRecord, Store } from '../store/types.js';
import { dayOf } from './days.js';

/** Rooms with a join handed out this recently are asked about where no list of meetings tells (Jitsi; `getMeetings` switched off). */
export const RECENT_JOIN_MS = 10 * 60_000;

/** What one sample saw of one room: its meeting instance and how many were in it. */
interface Seen {
  tenant: string;
  room: string;
  /** BigBlueButton's `createTime`; Jitsi: `''`. */
  instance: string;
  count: number;
  /** The join ids of those inside, where the back end lists them (BigBlueButton's `getMeetings`). */
  userIds?: string[];
}

/** What the sampler works with (the services' parts). */
export interface SamplerDeps {
  config: ServerConfig;
  store: Store;
  directory: TenantDirectory;
  providers: ReadonlyMap<string, Provider>;
  now: () => number;
  log: Logger;
}

/**
 * Samples the back ends and keeps the conferences in the store. A
 * conference is a span of a room's meeting (one BigBlueButton instance, by
 * its `createTime`) with at least one participant in it; it ends at the
 * first sample that finds nobody (or another instance), or by BigBlueButton's
 * end callback (`UsageService.endCallback`). Between two samples the count of the
 * earlier one holds, so minutes are exact to the sample.
 *
 * Nothing personal is kept: attendee names are never read out of an answer
 * ({@link parseMeetingList}), and the join ids (random per join) are held in
 * memory only, to count distinct joins, until the conference ends.
 */
export class UsageSampler {
  /**
   * Join ids seen per open conference, by conference id; lost on a restart
   * (then new joins are counted by the rise in the count). Only in memory.
   */
  private readonly seen = new Map<string, Set<string>>();
  /** The back end of each conference in {@link UsageSampler.seen}. */
  private readonly backendOf = new Map<string, string>();
  private running: Promise<void> | undefined;

  constructor(private readonly deps: SamplerDeps) {}

  /** One round over every conference back end; a round still under way is joined, not doubled. */
  sample(): Promise<void> {
    this.running ??= this.round().finally(() => (this.running = undefined));
    return this.running;
  }

  private async round(): Promise<void> {
    for (const [backend, provider] of this.deps.providers) {
      try {
        await this.sampleBackend(backend, provider);
      } catch (error) {
        // This back end is skipped this time; its conferences go on and are sampled again next time.
        this.deps.log('warn', `usage sampler: backend ${backend}: ${error instanceof Error ? error.message : String(error)}`);
      }
    }
  }

  private async sampleBackend(backend: string, provider: Provider): Promise<void> {
    const { store, now } = this.deps;
    const open = await store.openConferences(backend);
    let seen: Map<string, Seen> | null = null;
    if (provider instanceof BbbProvider) seen = await this.listBbb(backend, provider);
    // Jitsi, or BigBlueButton without a list (noMeetings: none, or getMeetings switched off): ask about the rooms in use.
    seen ??= await this.askRooms(backend, provider, open);
    const at = now();
    // Conferences that ended elsewhere (an end callback another instance took) leave no join ids behind.
    const ids = new Set(open.map((conference) => conference.id));
    for (const [id] of this.seen) if (!ids.has(id) && this.backendOf.get(id) === backend) this.forget(id);
    for (const conference of open) {
      const key = `${conference.tenant}/${conference.room}`;
      const current = seen.get(key);
      if (current && current.count > 0 && current.instance === conference.instance) {
        seen.delete(key);
        await store.saveConference(this.advance(conference, current, at));
      } else {
        await this.end(conference, at);
      }
    }
    for (const current of seen.values()) {
      if (current.count === 0) continue;
      const conference: ConferenceRecord = {
        id: crypto.randomUUID(),
        backend,
        tenant: current.tenant,
        room: current.room,
        instance: current.instance,
        startedAt: at,
        endedAt: null,
        lastSampleAt: at,
        lastCount: current.count,
        peak: current.count,
        participants: current.userIds ? new Set(current.userIds).size : current.count,
        participantMs: 0,
        conferenceMs: 0,
      };
      if (current.userIds) this.remember(conference, new Set(current.userIds));
      await store.saveConference(conference);
    }
  }

  private remember(conference: ConferenceRecord, ids: Set<string>): void {
    this.seen.set(conference.id, ids);
    this.backendOf.set(conference.id, conference.backend);
  }

  private forget(id: string): void {
    this.seen.delete(id);
    this.backendOf.delete(id);
  }

  /** The conference after a sample that found `current` in it at `at`. */
  private advance(conference: ConferenceRecord, current: Seen, at: number): ConferenceRecord {
    const next = accrue(conference, at);
    let added = Math.max(0, current.count - conference.lastCount);
    if (current.userIds) {
      const known = this.seen.get(conference.id);
      if (known) {
        added = 0;
        for (const id of current.userIds) {
          if (known.has(id)) continue;
          known.add(id);
          added++;
        }
      } else this.remember(conference, new Set(current.userIds));
    }
    return {
      ...next,
      lastCount: current.count,
      peak: Math.max(conference.peak, current.count),
      participants: conference.participants + added,
    };
  }

  /** End a conference at `at` (its day is the day it started); once, whoever ends it. */
  async end(conference: ConferenceRecord, at: number): Promise<boolean> {
    this.forget(conference.id);
    const ended = { ...accrue(conference, at), lastCount: 0, endedAt: at };
    return this.deps.store.endConference(ended, dayOf(conference.startedAt, this.deps.config.usage.timeZone));
  }

  /** One `getMeetings`: our rooms' meetings on this back end, or `null` when it answers `noMeetings`. */
  private async listBbb(backend: string, provider: BbbProvider): Promise<Map<string, Seen> | null> {
    const ours = new Map<string, { tenant: string; room: string }>();
    const listed = await provider.listMeetings((meetingID) => {
      const slash = meetingID.indexOf('/');
      if (slash < 1) return false;
      ours.set(meetingID, { tenant: meetingID.slice(0, slash), room: meetingID.slice(slash + 1) });
      return true;
    });
    if (listed === null) return null;
    const seen = new Map<string, Seen>();
    for (const meeting of listed) {
      const where = ours.get(meeting.meetingID);
      if (!where || meeting.ended || !(await this.isOurRoom(backend, where.tenant, where.room))) continue;
      seen.set(meeting.meetingID, { ...where, instance: meeting.createTime, count: meeting.participants, userIds: meeting.userIds });
    }
    return seen;
  }

  /** Whether `tenant/room` is a room of ours on `backend` (not another application's meeting on the same server). */
  private async isOurRoom(backend: string, tenantId: string, roomId: string): Promise<boolean> {
    const tenant = await this.deps.directory.tenant(tenantId);
    const room = tenant && (await this.deps.directory.room(tenant, roomId));
    return room?.backend === backend && !room.chat;
  }

  /** Each room in use on this back end (a conference going on, or a join handed out lately), asked one by one. */
  private async askRooms(backend: string, provider: Provider, open: ConferenceRecord[]): Promise<Map<string, Seen>> {
    const { store, directory, now } = this.deps;
    const rooms = new Map<string, { tenant: string; room: string }>();
    for (const { tenant, room } of [...open, ...(await store.recentJoinRooms(backend, now() - RECENT_JOIN_MS))]) {
      rooms.set(`${tenant}/${room}`, { tenant, room });
    }
    const seen = new Map<string, Seen>();
    for (const [key, where] of rooms) {
      const tenant = await directory.tenant(where.tenant);
      const room = tenant && (await directory.room(tenant, where.room));
      if (!tenant || !room || room.backend !== backend || room.chat) continue;
      const status = await provider.status(meetingOf(tenant, room));
      // A back end that cannot tell (Jitsi without a room-size endpoint) gives no figures at all.
      if (status.participants === null) continue;
      seen.set(key, { ...where, instance: status.createTime ?? '', count: status.participants });
    }
    return seen;
  }
}

/** The conference with its minutes counted up to `at`, at the count of its last sample. */
function accrue(conference: ConferenceRecord, at: number): ConferenceRecord {
  const elapsed = Math.max(0, at - conference.lastSampleAt);
  return {
    ...conference,
    lastSampleAt: Math.max(at, conference.lastSampleAt),
    participantMs: conference.participantMs + conference.lastCount * elapsed,
    conferenceMs: conference.conferenceMs + (conference.lastCount > 0 ? elapsed : 0),
  };
}
