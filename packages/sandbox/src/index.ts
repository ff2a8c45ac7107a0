/**
 * `@vereinsraum/sandbox`: local stand-ins for the conference servers
 * Vereinsraum talks to, for its demo and integration tests. Not conference
 * servers: no audio, no video.
 *
 * - BigBlueButton (`bbb/`): checks API requests by BigBlueButton's rules
 *   (checksums, parameters, messageKeys) and shows a plain meeting page.
 * - Jitsi Meet (`jitsi/`, option `jitsi`, on its own port): checks tokens by
 *   the rules of Jitsi's Prosody token plugins, independently of Vereinsraum's
 *   server helper, so it can referee the tokens that helper signs. It serves
 *   meeting pages, Prosody's `/room-size` and a stand-in `/external_api.js`.
 * - Mattermost (`mattermost/`, option `mattermost`, on its own port): the API
 *   v4 calls Vereinsraum makes for chat rooms (teams, private channels,
 *   members, invite ids, posts, bots and their tokens), checked with
 *   Mattermost's permission errors, plus the sign-up page of a team's invite
 *   link and a page per channel.
 *
 * `start.ts` starts them behind one handle; `http.ts` is what their servers share.
 *
 * @packageDocumentation
 */
export { startSandbox } from './start.js';
export type { Sandbox, SandboxOptions } from './start.js';
export type { ChecksumAlgorithm } from './bbb/checksum.js';
export type { JitsiSandbox, JitsiSandboxOptions } from './jitsi/server.js';
export type { MattermostSandbox, MattermostSandboxChannel, MattermostSandboxOptions } from './mattermost/handle.js';
