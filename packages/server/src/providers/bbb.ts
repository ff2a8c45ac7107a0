import type { BbbBackend, ChecksumAlgorithm } from '../config/index.js';
import {
  type CreateOptions,
  type JoinSpec,
  type JoinTarget,
  type MeetingRef,
  type MeetingStatus,
  type Provider,
  UpstreamError,
} from './types.js';

const DIGESTS: Record<ChecksumAlgorithm, string> = { sha1: 'SHA-1', sha256: 'SHA-256', sha512: 'SHA-512' };

/**
 * Node's `crypto` where the runtime has it, found at run time so that the core
 * imports no `node:*` module: a hash there is one synchronous call, where
 * WebCrypto's `digest` is a job on another thread and a promise (about a sixth
 * of an attendee join's time). Elsewhere (Workers) WebCrypto does it.
 */
const NODE_CRYPTO = globalThis.process?.getBuiltinModule?.('node:crypto');

/**
 * The BigBlueButton API checksum: lowercase hex of `H(callName + query + secret)`,
 * where `query` is exactly the query string that is sent, without the checksum.
 *
 * @example
 * ```ts
 * await bbbChecksum('create', 'name=Test+Meeting&meetingID=abc123', secret, 'sha256');
 * ```
 */
export async function bbbChecksum(call: string, query: string, secret: string, algorithm: ChecksumAlgorithm): Promise<string> {
  return NODE_CRYPTO
    ? NODE_CRYPTO.createHash(algorithm)
        .update(call + query + secret)
        .digest('hex')
    : webChecksum(call + query + secret, algorithm);
}

/** The checksum through WebCrypto: what runtimes without Node's `crypto` use. @internal */
export async function webChecksum(text: string, algorithm: ChecksumAlgorithm): Promise<string> {
  const digest = await crypto.subtle.digest(DIGESTS[algorithm], new TextEncoder().encode(text));
  return Array.from(new Uint8Array(digest), (byte) => byte.toString(16).padStart(2, '0')).join('');
}

/**
 * A signed API URL. The query is form-encoded once (URLSearchParams: space as
 * `+`, UTF-8 percent-encoding) and the checksum is computed over exactly those
 * bytes, which is what the server hashes.
 */
export async function bbbUrl(backend: BbbBackend, call: string, params: Record<string, string>): Promise<string> {
  const query = new URLSearchParams(params).toString();
  const checksum = await bbbChecksum(call, query, backend.secret, backend.checksum);
  return `${backend.url}/${call}?${query ? `${query}&` : ''}checksum=${checksum}`;
}

/** The fields of a BigBlueButton XML answer that we use, by tag name. */
export type BbbAnswer = Map<string, string>;

const ENTITIES: Record<string, string> = { lt: '<', gt: '>', amp: '&', quot: '"', apos: "'" };

/**
 * Read the top-level fields of a BigBlueButton answer
 * (`<response><returncode>…</returncode>…</response>`). Nested lists
 * (`attendees`, `metadata`, `meetings`) are skipped, so a participant's name
 * can never be mistaken for a field.
 */
export function parseBbbAnswer(xml: string): BbbAnswer {
  const body = /<response>([\s\S]*)<\/response>/.exec(xml)?.[1];
  if (body === undefined) throw new UpstreamError('answer is not a BigBlueButton <response>');
  const fields: BbbAnswer = new Map();
  const pattern = /<([A-Za-z][\w-]*)\s*(\/>|>([\s\S]*?)<\/\1>)/g;
  for (let match = pattern.exec(body); match; match = pattern.exec(body)) {
    const [, tag, , inner = ''] = match;
    if (tag && !fields.has(tag)) fields.set(tag, decodeXmlText(inner));
  }
  return fields;
}

/** One meeting of a `getMeetings` answer: counts and the join ids of those inside, never a name. */
export interface ListedMeeting {
  meetingID: string;
  createTime: string;
  /** Ended by `end` (BigBlueButton lists such a meeting for a while). */
  ended: boolean;
  participants: number;
  /** The `userID`s the joins were made with (the server's random ids per join), to count distinct joins. */
  userIds: string[];
}

/**
 * The meetings of a `getMeetings` answer that `keep` accepts (by meeting id).
 * Attendees are read for their `userID` only: their names are never taken
 * out of the text, and meetings not kept are not looked into at all.
 * `null` for BigBlueButton's `noMeetings` (also what Scalelite answers when
 * `getMeetings` is switched off).
 */
export function parseMeetingList(xml: string, keep: (meetingID: string) => boolean): ListedMeeting[] | null {
  const answer = parseBbbAnswer(xml);
  if (answer.get('returncode') !== 'SUCCESS')
    throw new UpstreamError(`getMeetings: FAILED ${answer.get('messageKey') || '(no messageKey)'}`);
  if (answer.get('messageKey') === 'noMeetings') return null;
  const meetings: ListedMeeting[] = [];
  for (const [, block = ''] of xml.matchAll(/<meeting>([\s\S]*?)<\/meeting>/g)) {
    // The meeting's own fields come before and after its attendees (and metadata): read them without the nested lists.
    const own = parseBbbAnswer(`<response>${block.replace(/<(attendees|metadata)>[\s\S]*?<\/\1>/g, '')}</response>`);
    const meetingID = own.get('meetingID') ?? '';
    if (!keep(meetingID)) continue;
    const attendees = /<attendees>([\s\S]*?)<\/attendees>/.exec(block)?.[1] ?? '';
    const userIds = [...attendees.matchAll(/<userID>([\s\S]*?)<\/userID>/g)].map(([, id = '']) => decodeXmlText(id));
    meetings.push({
      meetingID,
      createTime: own.get('createTime') ?? '',
      ended: own.get('hasBeenForciblyEnded') === 'true',
      participants: Number(own.get('participantCount')) || 0,
      userIds,
    });
  }
  return meetings;
}

function decodeXmlText(text: string): string {
  const cdata = /^\s*<!\[CDATA\[([\s\S]*)\]\]>\s*$/.exec(text);
  if (cdata) return cdata[1] ?? '';
  return text.trim().replace(/&(#x[0-9a-f]+|#\d+|\w+);/gi, (entity, name: string) => {
    if (name[0] === '#') {
      const code = name[1] === 'x' || name[1] === 'X' ? parseInt(name.slice(2), 16) : parseInt(name.slice(1), 10);
      return code >= 0 && code <= 0x10ffff ? String.fromCodePoint(code) : entity;
    }
    return ENTITIES[name] ?? entity;
  });
}

/**
 * BigBlueButton (and Scalelite, which speaks the same API).
 *
 * Meetings are created on demand with `create` (idempotent) and joined with
 * `role` and `createTime`, so a join URL only works for the meeting instance
 * it was made for. Needs BigBlueButton 2.6 or newer (`role` on join). A
 * tenant's logo goes into `create` (`logo`), its style sheet into each `join`
 * (`userdata-bbb_custom_style_url`), and where the visitor goes after
 * leaving into each `join` (`logoutURL`); an open conference's limits into
 * `create` (`maxParticipants`, `duration`); all are covered by the checksum.
 */
export class BbbProvider implements Provider {
  constructor(
    private readonly backend: BbbBackend,
    private readonly fetchFn: typeof fetch = fetch,
  ) {}

  async createMeeting(meeting: MeetingRef, options: CreateOptions = {}): Promise<{ createTime: string | null }> {
    const logo = meeting.branding?.logoUrl;
    const limits = meeting.limits;
    const settings = meeting.settings;
    const answer = await this.call('create', {
      name: meeting.name,
      meetingID: meeting.id,
      record: settings?.recording ? 'true' : 'false',
      ...(logo ? { logo } : {}),
      ...(options.endCallbackUrl ? { meta_endCallbackUrl: options.endCallbackUrl } : {}),
      ...(limits ? { maxParticipants: String(limits.maxParticipants), duration: String(limits.durationMinutes) } : {}),
      ...(settings?.waitingRoom ? { guestPolicy: 'ASK_MODERATOR' } : {}),
      ...(settings?.muteOnEntry ? { muteOnStart: 'true' } : {}),
      ...(settings?.recording ? { allowStartStopRecording: 'true' } : {}),
    });
    return { createTime: answer.get('createTime') || null };
  }

  /**
   * One `getMeetings`: the meetings `keep` accepts, counts and join ids only
   * (see {@link parseMeetingList}); `null` when the server answers
   * `noMeetings`.
   */
  async listMeetings(keep: (meetingID: string) => boolean, signal?: AbortSignal): Promise<ListedMeeting[] | null> {
    return parseMeetingList(await this.fetchText('getMeetings', {}, signal), keep);
  }

  async status(meeting: MeetingRef, signal?: AbortSignal): Promise<MeetingStatus> {
    const answer = await this.call('getMeetingInfo', { meetingID: meeting.id }, ['notFound'], signal);
    // No meeting, or one that was ended and is only remembered for a while: nothing to join.
    if (answer.get('returncode') !== 'SUCCESS' || answer.get('hasBeenForciblyEnded') === 'true') {
      return { running: false, participants: 0, createTime: null, startedAt: null };
    }
    const running = answer.get('running') === 'true';
    const startTime = Number(answer.get('startTime'));
    return {
      running,
      participants: Number(answer.get('participantCount')) || 0,
      createTime: answer.get('createTime') || null,
      startedAt: running && startTime > 0 ? new Date(startTime).toISOString() : null,
    };
  }

  async join(meeting: MeetingRef, join: JoinSpec): Promise<JoinTarget> {
    const url = await bbbUrl(this.backend, 'join', {
      fullName: join.displayName,
      meetingID: meeting.id,
      role: join.role === 'moderator' ? 'MODERATOR' : 'VIEWER',
      userID: join.userId,
      ...(join.createTime ? { createTime: join.createTime } : {}),
      ...(meeting.branding?.styleUrl ? { 'userdata-bbb_custom_style_url': meeting.branding.styleUrl } : {}),
      // Per visitor since BigBlueButton 3.0; covered by the checksum like every parameter.
      ...(join.logoutUrl ? { logoutURL: join.logoutUrl } : {}),
    });
    // In the page, BigBlueButton is a plain iframe of the join URL.
    return { url, embed: { type: 'iframe' } };
  }

  /** End the meeting for everyone. */
  async end(meeting: MeetingRef): Promise<void> {
    await this.call('end', { meetingID: meeting.id }, ['notFound']);
  }

  /** One API call; a FAILED answer is an error unless its messageKey is `tolerated`. */
  private async call(call: string, params: Record<string, string>, tolerated: string[] = [], signal?: AbortSignal): Promise<BbbAnswer> {
    const answer = parseBbbAnswer(await this.fetchText(call, params, signal));
    const key = answer.get('messageKey') ?? '';
    if (key === 'checksumError') {
      throw new UpstreamError(`${call}: checksumError: the secret (or checksum algorithm) in the configuration is not the server's`, true);
    }
    if (answer.get('returncode') !== 'SUCCESS' && !tolerated.includes(key)) {
      throw new UpstreamError(`${call}: FAILED ${key || '(no messageKey)'}`);
    }
    return answer;
  }

  /** One API call's answer as text. */
  private async fetchText(call: string, params: Record<string, string>, signal?: AbortSignal): Promise<string> {
    const url = await bbbUrl(this.backend, call, params);
    const timeout = AbortSignal.timeout(this.backend.timeoutMs);
    let text: string;
    try {
      const response = await this.fetchFn(url, { signal: signal ? AbortSignal.any([timeout, signal]) : timeout, redirect: 'error' });
      if (!response.ok) throw new UpstreamError(`${call}: HTTP ${response.status}`);
      text = await response.text();
    } catch (error) {
      if (error instanceof UpstreamError) throw error;
      const name = (error as Error).name;
      throw new UpstreamError(`${call}: ${name === 'TimeoutError' ? 'no answer in time' : 'unreachable'}`);
    }
    return text;
  }
}
