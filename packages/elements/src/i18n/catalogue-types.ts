// The shapes of the elements' text catalogues (apart from the catalogues, which import them).
import type { ChatMessages } from './chat-types.js';
import type { InviteMessages } from './invite-types.js';
import type { JoinMessages, StatusMessages } from './messages.js';
import type { NotAllowedMessages } from './not-allowed-types.js';

/** The texts of `<verein-join-room>` in one language. */
export interface JoinRoomCatalogue {
  join: JoinMessages;
  chat: ChatMessages;
  invite: InviteMessages;
  notAllowed: NotAllowedMessages;
}

/** The texts of `<verein-room-status>` in one language. */
export interface RoomStatusCatalogue {
  status: StatusMessages;
  notAllowed: NotAllowedMessages;
}
