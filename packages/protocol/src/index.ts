/**
 * The HTTP contract between Vereinsraum's elements and its server helper.
 *
 * Both sides import these types, error codes and input rules, so a field the
 * browser checks is checked by the server in exactly the same way.
 *
 * @packageDocumentation
 */
export * from './errors.js';
export * from './rules.js';
export * from './types.js';
export * from './invite.js';
export * from './booking.js';
export * from './tenant.js';
export * from './usage.js';
export * from './open-room.js';
export * from './club.js';
export * from './contrast.js';
