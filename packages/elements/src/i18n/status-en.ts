import type { Messages, StatusKey } from './messages.js';

/** English texts of the room status. */
export const enStatus: Pick<Messages, StatusKey> = {
  live: 'Live now',
  idle: 'Not in use right now',
  unknown: 'Status unknown',
  checking: 'Checking status',
  chatRoom: 'Chat',
  members: (count, form) => `${count} ${form === 'one' ? 'member' : 'members'}`,
  lastActive: (time) => `Last active: ${time}`,
  people: (count, form) => `${count} ${form === 'one' ? 'person' : 'people'}`,
  since: (time) => `Started at ${time}`,
  asOf: (time) => `As of ${time}`,
};
