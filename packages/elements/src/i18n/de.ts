import type { Messages } from './messages.js';
import { deCommon } from './common-de.js';
import { deJoin } from './join-de.js';
import { deStatus } from './status-de.js';

export { deCommon, deJoin, deStatus };

/** German texts: short sentences, "Sie", plain words. */
export const de: Messages = { ...deCommon, ...deJoin, ...deStatus };
