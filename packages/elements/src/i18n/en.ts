import type { Messages } from './messages.js';
import { enCommon } from './common-en.js';
import { enJoin } from './join-en.js';
import { enStatus } from './status-en.js';

export { enCommon, enJoin, enStatus };

/** English texts: short sentences, plain words. */
export const en: Messages = { ...enCommon, ...enJoin, ...enStatus };
