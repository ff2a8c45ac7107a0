/**
 * `@vereinsraum/sandbox`: a local stand-in for a BigBlueButton server, for
 * Vereinsraum's demo and integration tests. It checks API requests by
 * BigBlueButton's rules (checksums, parameters, messageKeys) and shows a
 * plain meeting page instead of a conference.
 *
 * @packageDocumentation
 */
export { startSandbox } from './server.js';
export type { ChecksumAlgorithm, Sandbox, SandboxOptions } from './server.js';
