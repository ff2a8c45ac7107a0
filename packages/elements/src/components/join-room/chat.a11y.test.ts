// The chat stories of <verein-join-room> (user name, code sent, wrong and expired code, joined) in German and
// English with the default look: axe, targets of at least 44 px, a visible focus at every Tab stop (see
// test/a11y-sweep.ts).
import { sweepStories } from '../../test/a11y-sweep.js';
import * as stories from './join-room.stories.js';

const { default: meta, ChatUserName, ChatUserNameInvalid, ChatCodeSent, ChatCodeWrong, ChatCodeExpired, ChatJoined } = stories;
sweepStories(
  'verein-join-room (chat)',
  { default: meta, ChatUserName, ChatUserNameInvalid, ChatCodeSent, ChatCodeWrong, ChatCodeExpired, ChatJoined },
  'default',
);
