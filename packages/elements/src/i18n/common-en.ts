import type { CommonKey, Messages } from './messages.js';

/** English texts both elements show: what is missing in their setup, and the errors. */
export const enCommon: Pick<Messages, CommonKey> = {
  notConfigured: (missing) => `This is not set up completely. Missing: ${missing}. Please tell the person who looks after this website.`,
  errors: {
    name_missing: 'Please enter your name.',
    name_too_long: 'The name is too long. Please use at most 64 characters.',
    name_control_characters: 'The name contains invisible control characters. Please type it again.',
    access_code_required: 'You need an access code for this room. Please enter it.',
    access_code_invalid: 'The access code is not right. Please check it and try again.',
    too_many_attempts: 'The access code was wrong too often. Please wait a quarter of an hour, then try again.',
    invite_invalid: 'The invitation link is not valid. Please ask the person who sent you the link for a new one.',
    invite_expired: 'The invitation link has expired. Please ask the person who sent you the link for a new one.',
    invite_not_yet_valid: 'The invitation link is not valid yet. Please try again later.',
    invite_wrong_room: 'The invitation link is for another room. Please ask the person who sent you the link for the right one.',
    invite_revoked: 'The invitation link was withdrawn. Please ask the person who sent you the link for a new one.',
    invite_key_unknown: 'The invitation link is no longer valid. Please ask the person who sent you the link for a new one.',
    room_not_found: 'This room does not exist. Please tell the person who looks after this website.',
    tenant_not_found: 'Something is set up wrongly here. Please tell the person who looks after this website.',
    origin_not_allowed: 'Sorry: this website may not use the room yet. Please tell the person who looks after this website.',
    upstream_unavailable: 'The conference server is not answering right now. Please try again in a minute.',
    storage_unavailable: 'The server cannot reach its data right now. Please try again in a moment.',
    upstream_misconfigured: 'The conference server is set up wrongly. Please tell the person who looks after this website.',
    network_error: 'There is no connection to the server right now. Please check your internet connection and try again.',
    unknown: 'Something did not work. Please try again.',
  },
};
