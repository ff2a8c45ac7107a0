import { VereinConfig } from '../config/config.js';
import { VereinClubReview } from './club-review.js';

// The provider first: a consumer already in the page finds it only if it exists.
VereinConfig.define();
VereinClubReview.define();

export { VereinConfig, VereinClubReview };
