// Every story of <verein-join-room> but the chat ones (chat.a11y.test.ts) and the embedded meetings, in German and English with the
// default look: axe, targets of at least 44 px, a visible focus at every Tab stop (see test/a11y-sweep.ts).
import { sweepStories } from '../../test/a11y-sweep.js';
import * as stories from './join-room.stories.js';

// An embedded meeting's Tab stop is its frame, whose focus ring is drawn by the conference server's page
// inside it (docs/accessibility-statement.md); axe checks those states in stories.test.ts.
const joinStories = Object.fromEntries(Object.entries(stories).filter(([name]) => !/^(Chat|Embed)/.test(name)));
sweepStories('verein-join-room', joinStories, 'default');
