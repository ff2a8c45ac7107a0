// The English texts of <verein-join-room>: one chunk, loaded when the element needs them.
import type { JoinRoomCatalogue } from './catalogue-types.js';
import { chatEn } from './chat-en.js';
import { enCommon } from './common-en.js';
import { inviteEn } from './invite-en.js';
import { enJoin } from './join-en.js';
import { notAllowedEn } from './not-allowed-en.js';

export const catalogue: JoinRoomCatalogue = {
  join: { ...enCommon, ...enJoin },
  chat: chatEn,
  invite: inviteEn,
  notAllowed: notAllowedEn,
};
