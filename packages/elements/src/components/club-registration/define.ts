import { VereinConfig } from '../config/config.js';
import { VereinClubRegistration } from './club-registration.js';

// The provider first: a consumer already in the page finds it only if it exists.
VereinConfig.define();
VereinClubRegistration.define();

export { VereinConfig, VereinClubRegistration };
