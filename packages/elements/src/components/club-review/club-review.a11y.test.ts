// Every story of <verein-club-review> (each state) in German and English with the default look:
// axe, targets of at least 44 px, a visible focus at every Tab stop (see test/a11y-sweep.ts).
import { sweepStories } from '../../test/a11y-sweep.js';
import * as stories from './club-review.stories.js';

sweepStories('verein-club-review', stories, 'default');
