// Every story of <verein-open-room> (each state) in German and English with a tenant's theme:
// axe, targets of at least 44 px, a visible focus at every Tab stop (see test/a11y-sweep.ts).
import { sweepStories } from '../../test/a11y-sweep.js';
import * as stories from './open-room.stories.js';

sweepStories('verein-open-room', stories, 'tenant');
