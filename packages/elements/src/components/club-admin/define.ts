import { VereinConfig } from '../config/config.js';
import { VereinClubAdmin } from './club-admin.js';

// The provider first: a consumer already in the page finds it only if it exists.
VereinConfig.define();
VereinClubAdmin.define();

export { VereinConfig, VereinClubAdmin };
