// The chat stories of <verein-join-room> with a tenant's theme (see test/a11y-sweep.ts).
import { sweepStories } from '../../test/a11y-sweep.js';
import * as stories from './join-room.stories.js';

const { default: meta, ChatUserName, ChatUserNameInvalid, ChatCodeSent, ChatCodeWrong, ChatCodeExpired, ChatJoined } = stories;
sweepStories(
  'verein-join-room (chat)',
  { default: meta, ChatUserName, ChatUserNameInvalid, ChatCodeSent, ChatCodeWrong, ChatCodeExpired, ChatJoined },
  'tenant',
);
