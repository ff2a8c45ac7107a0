/**
 * XML answers of the BigBlueButton stand-in, shaped like BigBlueButton's API responses.
 */
import { escapeText } from '../http.js';
import { isRunning, participantsOf } from './meetings.js';
import type { Meeting, Session } from './meetings.js';

/** An XML element: a name and either text or child elements. */
export type XmlNode = readonly [name: string, value: string | number | boolean | readonly XmlNode[]];

function render(node: XmlNode): string {
  const [name, value] = node;
  if (Array.isArray(value)) {
    const children = value as readonly XmlNode[];
    return children.length === 0 ? `<${name}/>` : `<${name}>${children.map(render).join('')}</${name}>`;
  }
  return `<${name}>${escapeText(String(value))}</${name}>`;
}

/** `<response>` with returncode SUCCESS followed by the given elements. */
export function successXml(nodes: readonly XmlNode[]): string {
  return render(['response', [['returncode', 'SUCCESS'], ...nodes]]);
}

/** A FAILED answer with a messageKey and message. */
export function errorXml(messageKey: string, message: string): string {
  return render([
    'response',
    [
      ['returncode', 'FAILED'],
      ['messageKey', messageKey],
      ['message', message],
    ],
  ]);
}

/** Formats a time like Java's `Date.toString()` in UTC, as BigBlueButton's createDate. */
export function javaDate(ms: number): string {
  const d = new Date(ms);
  const days = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];
  const months = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
  const two = (n: number): string => String(n).padStart(2, '0');
  return `${days[d.getUTCDay()]} ${months[d.getUTCMonth()]} ${two(d.getUTCDate())} ${two(d.getUTCHours())}:${two(
    d.getUTCMinutes(),
  )}:${two(d.getUTCSeconds())} UTC ${d.getUTCFullYear()}`;
}

/** Answer of `create` (new or duplicate meeting). */
export function createXml(m: Meeting, messageKey = '', message = ''): string {
  return successXml([
    ['meetingID', m.meetingID],
    ['internalMeetingID', m.internalMeetingID],
    ['parentMeetingID', 'bbb-none'],
    ['attendeePW', m.attendeePW],
    ['moderatorPW', m.moderatorPW],
    ['createTime', m.createTime],
    ['voiceBridge', m.voiceBridge],
    ['dialNumber', m.dialNumber],
    ['createDate', javaDate(m.createTime)],
    ['hasUserJoined', m.hasUserJoined],
    ['duration', m.duration],
    ['hasBeenForciblyEnded', m.ended],
    ['messageKey', messageKey],
    ['message', message],
  ]);
}

function attendee(s: Session): XmlNode {
  return [
    'attendee',
    [
      ['userID', s.userID],
      ['fullName', s.fullName],
      ['role', s.role],
      ['isPresenter', false],
      ['isListeningOnly', false],
      ['hasJoinedVoice', false],
      ['hasVideo', false],
      ['clientType', 'HTML5'],
    ],
  ];
}

/** The elements describing a meeting in `getMeetingInfo` and `getMeetings`. */
export function meetingNodes(m: Meeting): XmlNode[] {
  const inside = participantsOf(m);
  return [
    ['meetingName', m.name],
    ['meetingID', m.meetingID],
    ['internalMeetingID', m.internalMeetingID],
    ['createTime', m.createTime],
    ['createDate', javaDate(m.createTime)],
    ['voiceBridge', m.voiceBridge],
    ['dialNumber', m.dialNumber],
    ['attendeePW', m.attendeePW],
    ['moderatorPW', m.moderatorPW],
    ['running', isRunning(m)],
    ['duration', m.duration],
    ['hasUserJoined', m.hasUserJoined],
    ['recording', false],
    ['hasBeenForciblyEnded', m.ended],
    ['startTime', m.startTime],
    ['endTime', m.endTime],
    ['participantCount', inside.length],
    ['listenerCount', 0],
    ['voiceParticipantCount', 0],
    ['videoCount', 0],
    ['maxUsers', m.maxUsers],
    ['moderatorCount', inside.filter((s) => s.role === 'MODERATOR').length],
    ['attendees', inside.map(attendee)],
    // Metadata names match meta_[a-zA-Z][a-zA-Z0-9-]*, so they are valid element names.
    ['metadata', [...m.metadata].map(([k, v]): XmlNode => [k, v])],
    ['isBreakout', false],
  ];
}

/** Answer of `getMeetingInfo`. */
export function meetingInfoXml(m: Meeting): string {
  return successXml(meetingNodes(m));
}

/** Answer of `getMeetings`; with no meetings, `<meetings/>` and messageKey noMeetings. */
export function meetingsXml(meetings: readonly Meeting[]): string {
  if (meetings.length === 0) {
    return successXml([
      ['meetings', []],
      ['messageKey', 'noMeetings'],
      ['message', 'no meetings were found on this server'],
    ]);
  }
  return successXml([['meetings', meetings.map((m): XmlNode => ['meeting', meetingNodes(m)])]]);
}

/** Answer of `join` with `redirect=false`. */
export function joinXml(s: Session, url: string): string {
  return successXml([
    ['messageKey', 'successfullyJoined'],
    ['message', 'You have joined successfully.'],
    ['meeting_id', s.meeting.internalMeetingID],
    ['user_id', s.internalUserID],
    ['auth_token', s.authToken],
    ['session_token', s.sessionToken],
    ['guestStatus', 'ALLOW'],
    ['url', url],
  ]);
}
