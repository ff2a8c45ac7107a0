import type { Messages } from './messages.js';

/** English texts: short sentences, plain words. */
export const en: Messages = {
  join: 'Join',
  nameLabel: 'Your name',
  nameHint: 'The others in the meeting will see you by this name.',
  remember: 'Remember my name on this device',
  haveCode: 'I have an access code',
  codeLabel: 'Access code',
  submit: 'Join now',
  cancel: 'Cancel',
  joining: 'One moment please. The room is opening.',
  waiting: 'The meeting has not started yet. Please stay on this page. You will join by yourself as soon as it starts.',
  stopWaiting: 'Stop waiting',
  opened: 'The meeting is open in a new tab.',
  openAgain: 'Open it again',
  ready: 'The meeting has started.',
  openMeeting: 'Open the meeting',
  newTab: '(opens a new tab)',
  retry: 'Try again',
  notConfigured: (missing) =>
    `This button is not set up yet. Missing: ${missing}. Please tell the person who looks after this website.`,
  errors: {
    name_missing: 'Please enter your name.',
    name_too_long: 'The name is too long. Please use at most 64 characters.',
    name_control_characters: 'The name contains invisible control characters. Please type it again.',
    access_code_required: 'You need an access code for this room. Please enter it.',
    access_code_invalid: 'The access code is not right. Please check it and try again.',
    too_many_attempts: 'The access code was wrong too often. Please wait a quarter of an hour, then try again.',
    room_not_found: 'This room does not exist. Please tell the person who looks after this website.',
    tenant_not_found: 'This button is set up wrongly. Please tell the person who looks after this website.',
    origin_not_allowed: 'This website may not use the room yet. Please tell the person who looks after this website.',
    upstream_unavailable: 'The conference server is not answering right now. Please try again in a minute.',
    network_error: 'There is no connection to the server right now. Please check your internet connection and try again.',
    unknown: 'Something did not work. Please try again.',
  },
};
