/**
 * The BigBlueButton API under `/bigbluebutton/api`, checked by BigBlueButton's
 * rules: the method each call accepts, the checksum over the raw query, the
 * body's content type, then each call's parameters, answered with bbb-web's
 * messageKeys and messages.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { readBody, redirect, send } from '../http.js';
import { isChecksumValid } from './checksum.js';
import type { ChecksumAlgorithm } from './checksum.js';
import { isRunning } from './meetings.js';
import type { Meeting, MeetingStore, Role } from './meetings.js';
import { createXml, errorXml, joinXml, meetingInfoXml, meetingsXml, successXml } from './xml.js';

/** Where the API is. */
export const API_PREFIX = '/bigbluebutton/api';

/** An API failure: BigBlueButton's messageKey and message. */
type Failure = readonly [messageKey: string, message: string];

/** Parameters after the checksum passed: first value of each name, like BigBlueButton. */
type Params = ReadonlyMap<string, string>;

const MAX_BODY_BYTES = 1 << 20;
/** Methods per call, as in BigBlueButton's UrlMappings (join is GET only since 2.7.8 / 3.0). */
const METHODS: Record<string, readonly string[]> = {
  create: ['GET', 'POST'],
  join: ['GET'],
  isMeetingRunning: ['GET', 'POST'],
  end: ['GET', 'POST'],
  getMeetingInfo: ['GET', 'POST'],
  getMeetings: ['GET', 'POST'],
};

// Keys and messages as BigBlueButton's bbb-web sends them.
const UNSUPPORTED: Failure = ['unsupportedRequest', 'This request is not supported.'];
const CHECKSUM_ERROR: Failure = ['checksumError', 'You did not pass the checksum security check'];
const MISSING_MEETING_ID: Failure = ['missingParamMeetingID', 'You must provide a meeting ID'];
const NOT_FOUND: Failure = ['notFound', 'A meeting with that ID does not exist'];

// eslint-disable-next-line no-control-regex
const CONTROL_CHARS = /[\u0000-\u001F\u007F]/g;

function sendXml(res: ServerResponse, xml: string, status = 200, headers: Record<string, string> = {}): void {
  send(res, status, 'text/xml;charset=utf-8', xml, headers);
}

/** The API calls of one BigBlueButton stand-in. */
export class BbbApi {
  /** Calls received per call name, refused ones included. */
  readonly calls = new Map<string, number>();

  /**
   * @param origin - the stand-in's origin as the request names it: where
   *   join sends the browser, and refused joins without a `logoutURL`
   */
  constructor(
    private readonly secret: string,
    private readonly algorithms: readonly ChecksumAlgorithm[],
    private readonly store: MeetingStore,
    private readonly origin: (req: IncomingMessage) => string,
  ) {}

  /** Answers a request whose path is {@link API_PREFIX} + `rest`. */
  async serve(req: IncomingMessage, res: ServerResponse, rest: string, rawQuery: string): Promise<void> {
    const method = req.method ?? 'GET';
    if (rest === '' || rest === '/') {
      if (method !== 'GET') {
        req.resume();
        return sendXml(res, errorXml(...UNSUPPORTED), 405, { Allow: 'GET' });
      }
      return sendXml(res, successXml([['version', '2.0']]));
    }
    const call = rest.slice(1);
    this.calls.set(call, (this.calls.get(call) ?? 0) + 1);
    const allowed = Object.hasOwn(METHODS, call) ? METHODS[call] : undefined;
    if (allowed === undefined) {
      req.resume();
      return sendXml(res, errorXml(...UNSUPPORTED));
    }
    if (!allowed.includes(method)) {
      // BigBlueButton's URL mappings answer a method they do not map with 405.
      req.resume();
      return sendXml(res, errorXml('unsupportedRequest', `${call} does not accept ${method} requests.`), 405, {
        Allow: allowed.join(', '),
      });
    }
    let bodySize = 0;
    try {
      bodySize = (await readBody(req, MAX_BODY_BYTES)).length;
    } catch {
      return sendXml(res, errorXml('requestTooLarge', 'The request body is too large for the sandbox.'), 413);
    }

    if (!isChecksumValid(call, rawQuery, this.secret, this.algorithms)) {
      if (call === 'join') return this.joinError(req, res, new URLSearchParams(rawQuery), CHECKSUM_ERROR);
      return sendXml(res, errorXml(...CHECKSUM_ERROR));
    }
    if (bodySize > 0 && !contentTypeAllowed(call, req.headers['content-type'])) {
      return sendXml(res, errorXml('unsupportedContentType', 'POST request Content-Type is missing or unsupported'));
    }
    const search = new URLSearchParams(rawQuery);
    // The first value of a repeated name wins (BigBlueButton reads params.get(name)[0]).
    const params: Params = new Map([...search].reverse());

    switch (call) {
      case 'create':
        return sendXml(res, this.create(params));
      case 'join':
        return this.join(req, res, params, search);
      case 'isMeetingRunning':
        return sendXml(res, this.isMeetingRunning(params));
      case 'getMeetingInfo':
        return sendXml(res, this.getMeetingInfo(params));
      case 'getMeetings':
        return sendXml(res, meetingsXml(this.store.list()));
      case 'end':
        return sendXml(res, this.end(params));
      default:
        return sendXml(res, errorXml(...UNSUPPORTED));
    }
  }

  private create(params: Params): string {
    const meetingID = params.get('meetingID') ?? '';
    const idProblem = checkMeetingID(meetingID);
    if (idProblem) return errorXml(...idProblem);
    const name = (params.get('name') ?? '').replace(CONTROL_CHARS, '');
    if (name.trim() === '') return errorXml('validationError', 'You must provide a meeting name');
    if (name.length < 2 || name.length > 256) {
      return errorXml('validationError', 'Meeting name must be between 2 and 256 characters');
    }
    const attendeePW = params.get('attendeePW');
    const moderatorPW = params.get('moderatorPW');
    for (const key of ['voiceBridge', 'duration', 'maxParticipants'] as const) {
      const value = params.get(key);
      if (value !== undefined && value !== '' && !/^-?\d+$/.test(value)) {
        return errorXml('validationError', `${key} must be an integral value`);
      }
    }

    const existing = this.store.get(meetingID);
    if (existing) {
      // Same passwords, or none given: the same meeting, with a warning.
      if ((existing.attendeePW === attendeePW && existing.moderatorPW === moderatorPW) || (!attendeePW && !moderatorPW)) {
        return createXml(existing, 'duplicateWarning', 'This conference was already in existence and may currently be in progress.');
      }
      return errorXml('idNotUnique', 'A meeting already exists with that meeting ID.  Please use a different meeting ID.');
    }

    const metadata = new Map<string, string>();
    for (const [key, value] of params) {
      if (/^meta_[a-zA-Z][a-zA-Z0-9-]*$/.test(key)) metadata.set(key.slice(5).toLowerCase(), value);
    }
    const int = (key: string): number | undefined => {
      const value = params.get(key);
      return value ? Number.parseInt(value, 10) : undefined;
    };
    const meeting = this.store.create({
      meetingID,
      name,
      attendeePW,
      moderatorPW,
      voiceBridge: params.get('voiceBridge'),
      dialNumber: params.get('dialNumber'),
      duration: int('duration'),
      maxUsers: int('maxParticipants'),
      welcome: params.get('welcome'),
      logo: params.get('logo'),
      logoutURL: webUrl(params.get('logoutURL')),
      metadata,
    });
    return createXml(meeting);
  }

  private join(req: IncomingMessage, res: ServerResponse, params: Params, search: URLSearchParams): void {
    const meetingID = params.get('meetingID') ?? '';
    const fullName = (params.get('fullName') ?? '').replace(CONTROL_CHARS, '');
    const createTime = params.get('createTime');

    const meeting = ((): Failure | Meeting => {
      const idProblem = checkMeetingID(meetingID);
      if (idProblem) return idProblem;
      if (fullName.trim() === '') return ['missingParamFullName', 'You must provide your name'];
      if (createTime !== undefined && !/^-?\d+$/.test(createTime)) {
        return ['validationError', 'createTime must be an integral value'];
      }
      const meeting = this.store.get(meetingID);
      if (!meeting) {
        return this.store.getEnded(meetingID)
          ? ['meetingForciblyEnded', 'You can not join a meeting that has already been forcibly ended']
          : ['invalidMeetingIdentifier', 'A meeting with that ID does not exist'];
      }
      if (createTime !== undefined && createTime !== String(meeting.createTime)) {
        return ['mismatchCreateTimeParam', 'The createTime parameter submitted mismatches with the current meeting.'];
      }
      return meeting;
    })();
    if (isFailure(meeting)) return this.joinError(req, res, search, meeting);

    // Role: a valid `role` wins; otherwise the legacy password must match one of the meeting's.
    let role: Role;
    const roleParam = (params.get('role') ?? '').toLowerCase();
    const password = params.get('password') ?? '';
    if (roleParam === 'moderator' || roleParam === 'viewer') {
      role = roleParam === 'moderator' ? 'MODERATOR' : 'VIEWER';
    } else if (password !== '') {
      if (password === meeting.moderatorPW) role = 'MODERATOR';
      else if (password === meeting.attendeePW) role = 'VIEWER';
      // BigBlueButton answers these two in XML (never redirects), with this very messageKey.
      else return sendXml(res, errorXml('Params required', 'You must enter a valid password'));
    } else {
      return sendXml(
        res,
        errorXml('Params required', 'You must either send the valid role of the user, or the password, should the meeting has one.'),
      );
    }

    const userdata = new Map<string, string>();
    for (const [key, value] of params) if (key.startsWith('userdata-')) userdata.set(key.slice('userdata-'.length), value);
    const session = this.store.join(meeting, fullName, role, params.get('userID'), userdata, webUrl(params.get('logoutURL')));
    const url = `${this.origin(req)}/sandbox/meetings/${session.sessionToken}`;
    // Like Boolean.parseBoolean in bbb-web: absent or empty redirects, anything but "true" does not.
    const redirectParam = params.get('redirect') ?? '';
    if (redirectParam !== '' && redirectParam.toLowerCase() !== 'true') return sendXml(res, joinXml(session, url));
    return redirect(res, 302, url);
  }

  /**
   * A refused join. BigBlueButton does not answer these in XML: it redirects
   * (whatever `redirect` says) to the `logoutURL` (or its default) with
   * `errors=[{"key":...,"message":...}]` added to the query. The sandbox's
   * default is its home page, which shows the errors.
   */
  private joinError(req: IncomingMessage, res: ServerResponse, search: URLSearchParams, [key, message]: Failure): void {
    const logoutURL = webUrl(search.get('logoutURL') ?? undefined);
    const target = new URL(logoutURL ?? `${this.origin(req)}/`);
    const errors = `errors=${encodeURIComponent(JSON.stringify([{ key, message }]))}`;
    target.search = target.search ? `${target.search}&${errors}` : `?${errors}`;
    return redirect(res, 302, target.href);
  }

  private isMeetingRunning(params: Params): string {
    const meeting = this.meeting(params);
    if (isFailure(meeting)) return errorXml(...meeting);
    return successXml([['running', meeting !== undefined && isRunning(meeting)]]);
  }

  private getMeetingInfo(params: Params): string {
    const meeting = this.meeting(params) ?? NOT_FOUND;
    return isFailure(meeting) ? errorXml(...meeting) : meetingInfoXml(meeting);
  }

  private end(params: Params): string {
    const meeting = this.meeting(params) ?? NOT_FOUND;
    if (isFailure(meeting)) return errorXml(...meeting);
    this.store.end(meeting);
    return successXml([
      ['messageKey', 'sentEndMeetingRequest'],
      [
        'message',
        'A request to end the meeting was sent.  Please wait a few seconds, and then use the getMeetingInfo or isMeetingRunning API calls to verify that it was ended.',
      ],
    ]);
  }

  /** The running instance `meetingID` names, none, or what is wrong with the id. */
  private meeting(params: Params): Meeting | Failure | undefined {
    const meetingID = params.get('meetingID') ?? '';
    return checkMeetingID(meetingID) ?? this.store.get(meetingID);
  }
}

function isFailure(value: Meeting | Failure | undefined): value is Failure {
  return Array.isArray(value);
}

/** A `logoutURL` BigBlueButton would follow: an absolute http(s) URL; anything else is ignored, like BigBlueButton. */
function webUrl(value: string | undefined): string | undefined {
  if (!value) return undefined;
  try {
    const url = new URL(value);
    return url.protocol === 'http:' || url.protocol === 'https:' ? url.href : undefined;
  } catch {
    return undefined;
  }
}

/** BigBlueButton's meetingID rules: present, 2 to 256 characters, no comma. */
function checkMeetingID(meetingID: string): Failure | undefined {
  if (meetingID === '') return MISSING_MEETING_ID;
  if (meetingID.length < 2 || meetingID.length > 256) {
    return ['validationError', 'Meeting ID must be between 2 and 256 characters'];
  }
  if (meetingID.includes(',')) return ['validationError', "Meeting ID cannot contain ','"];
  return undefined;
}

/** Content types BigBlueButton accepts for a POST body (create also takes XML documents). */
function contentTypeAllowed(call: string, header: string | undefined): boolean {
  const type = (header ?? '').split(';')[0]?.trim().toLowerCase() ?? '';
  const allowed = ['application/x-www-form-urlencoded', 'multipart/form-data'];
  if (call === 'create') allowed.push('application/xml', 'text/xml');
  return allowed.includes(type);
}
