import { VereinConfig } from './config.js';

VereinConfig.define();

// Re-exported so that this module brings the tag and event typings along (no code for the events).
export { VereinConfig };
export type * from '../../events.js';
