// The German texts of <verein-join-room>: one chunk, loaded when the element needs them.
import type { JoinRoomCatalogue } from './catalogue-types.js';
import { chatDe } from './chat-de.js';
import { deCommon } from './common-de.js';
import { inviteDe } from './invite-de.js';
import { deJoin } from './join-de.js';
import { notAllowedDe } from './not-allowed-de.js';

export const catalogue: JoinRoomCatalogue = {
  join: { ...deCommon, ...deJoin },
  chat: chatDe,
  invite: inviteDe,
  notAllowed: notAllowedDe,
};
