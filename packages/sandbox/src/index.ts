/**
 * `@vereinsraum/sandbox`: local stand-ins for the conference servers
 * Vereinsraum talks to, for its demo and integration tests. Not conference
 * servers: no audio, no video.
 *
 * - BigBlueButton: checks API requests by BigBlueButton's rules (checksums,
 *   parameters, messageKeys) and shows a plain meeting page.
 * - Jitsi Meet (option `jitsi`, on its own port): checks tokens by the rules
 *   of Jitsi's Prosody token plugins, independently of Vereinsraum's server
 *   helper, so it can referee the tokens that helper signs. It serves meeting
 *   pages, Prosody's `/room-size` and a stand-in `/external_api.js`.
 *
 * @packageDocumentation
 */
export { startSandbox } from './server.js';
export type { ChecksumAlgorithm, JitsiSandbox, JitsiSandboxOptions, Sandbox, SandboxOptions } from './server.js';
