import type { BbbBackend, JitsiBackend, MattermostBackend, ServerConfig, SmtpConfig } from './config/index.js';
import { bbbUrl, parseBbbAnswer } from './providers/bbb.js';
import { JitsiProvider } from './providers/jitsi.js';
import { MattermostError, MattermostProvider } from './providers/mattermost.js';
import { UpstreamError } from './providers/types.js';
import { SmtpMailer } from './mail/smtp.js';

/** What asking one back end (or the mail server) found, in words for the operator. */
export interface ProbeResult {
  /** `backends.<id>` or `smtp`. */
  target: string;
  ok: boolean;
  message: string;
}

/**
 * Contact every back end of `config` and its mail server once, as
 * `vereinsraum check --probe` does (Node only, for the SMTP probe):
 * BigBlueButton with a signed `getMeetings` (a wrong secret is named as one),
 * Jitsi's room-size endpoint, Mattermost's bot token (`GET /api/v4/users/me`)
 * and the teams the tenants book chat rooms in, SMTP's greeting, `EHLO`,
 * STARTTLS and login. Nothing is changed anywhere. Secrets never appear in
 * the messages.
 */
export async function probeConfig(config: ServerConfig): Promise<ProbeResult[]> {
  const probes = [...config.backends].map(([id, backend]): Promise<ProbeResult> => {
    const target = `backends.${id}`;
    const run =
      backend.type === 'bbb'
        ? probeBbb(backend)
        : backend.type === 'jitsi'
          ? probeJitsi(backend)
          : probeMattermost(backend, chatTeams(config, id));
    return run.then(({ ok, message }) => ({ target, ok, message }));
  });
  if (config.smtp) probes.push(probeSmtp(config.smtp).then(({ ok, message }) => ({ target: 'smtp', ok, message })));
  return Promise.all(probes);
}

type Finding = Omit<ProbeResult, 'target'>;

const fine = (message: string): Finding => ({ ok: true, message });
const failed = (message: string): Finding => ({ ok: false, message });

async function probeBbb(backend: BbbBackend): Promise<Finding> {
  const where = `BigBlueButton at ${backend.url}`;
  let text: string;
  try {
    const response = await fetch(await bbbUrl(backend, 'getMeetings', {}), {
      signal: AbortSignal.timeout(backend.timeoutMs),
      redirect: 'error',
    });
    if (!response.ok)
      return failed(
        `${where} answered HTTP ${response.status}: is "url" the address that \`bbb-conf --secret\` prints (https://host/bigbluebutton/)?`,
      );
    text = await response.text();
  } catch (error) {
    return failed(`${where} ${unreachable(error, backend.timeoutMs)}`);
  }
  let answer: Map<string, string>;
  try {
    answer = parseBbbAnswer(text);
  } catch {
    return failed(`${where} did not answer as BigBlueButton does (no <response>): is "url" the API address (https://host/bigbluebutton/)?`);
  }
  const key = answer.get('messageKey') ?? '';
  if (key === 'checksumError') {
    return failed(
      `${where} refused the checksum: the secret is wrong. Put what \`bbb-conf --secret\` prints (Scalelite: LOADBALANCER_SECRET) into the environment variable that secretEnv names, and check "checksum" (now ${backend.checksum}).`,
    );
  }
  if (answer.get('returncode') !== 'SUCCESS') return failed(`${where} refused getMeetings: ${key || 'FAILED without a messageKey'}`);
  const meetings = (/<meetings>([\s\S]*)<\/meetings>/.exec(text)?.[1]?.match(/<meeting>/g) ?? []).length;
  return fine(`${where} accepts the secret (getMeetings: ${meetings} meeting(s) running).`);
}

async function probeJitsi(backend: JitsiBackend): Promise<Finding> {
  const where = `Jitsi Meet at ${backend.domain}`;
  if (!backend.roomSizeUrl)
    return fine(`${where}: no roomSizeUrl, so rooms show their status as unknown; tokens are checked by Jitsi only when someone joins.`);
  const provider = new JitsiProvider(backend, () => Promise.reject(new Error('no key needed to ask for a room size')));
  try {
    await provider.status({ id: 'vereinsraum-probe/probe', name: 'probe' });
    return fine(`${where}: the room-size endpoint ${backend.roomSizeUrl} answers; tokens are checked by Jitsi only when someone joins.`);
  } catch (error) {
    return failed(
      `${where}: ${error instanceof UpstreamError ? error.reason : String(error)} at ${backend.roomSizeUrl}: is roomSizeUrl right, and mod_muc_size enabled?`,
    );
  }
}

async function probeMattermost(backend: MattermostBackend, teams: string[]): Promise<Finding> {
  const where = `Mattermost at ${backend.url}`;
  const provider = new MattermostProvider(backend);
  try {
    await provider.me();
  } catch (error) {
    if (!(error instanceof MattermostError)) throw error;
    if (error.status === 401) return failed(`${where} refused the bot's token: put a valid access token into ${backend.tokenEnv}.`);
    return failed(`${where}: ${error.reason}`);
  }
  for (const team of teams) {
    try {
      await provider.team(team);
    } catch (error) {
      if (!(error instanceof MattermostError)) throw error;
      const why = error.status === 404 || error.status === 403 ? 'does not exist, or the bot is not a member of it' : error.reason;
      return failed(`${where} accepts the bot's token, but the team ${team} ${why}.`);
    }
  }
  return fine(`${where} accepts the bot's token${teams.length > 0 ? `; the bot is in the team(s) ${teams.join(', ')}` : ''}.`);
}

async function probeSmtp(smtp: SmtpConfig): Promise<Finding> {
  const where = `the mail server ${smtp.host}:${smtp.port}`;
  const mailer = new SmtpMailer(smtp);
  try {
    await mailer.verify();
    return fine(`${where} greets, answers EHLO${smtp.user ? ' and accepts the login' : ''}.`);
  } catch (error) {
    const code = (error as { code?: string }).code;
    if (code === 'EAUTH')
      return failed(`${where} refused the login: check "user" and the password in the variable that passwordEnv names.`);
    if (code === 'ETLS' || /STARTTLS/i.test((error as Error).message))
      return failed(`${where}: no secure connection (TLS): ${(error as Error).message}`);
    if (code === 'ETIMEDOUT' || code === 'ECONNECTION' || code === 'ESOCKET' || code === 'EDNS')
      return failed(`${where} is not reachable (${(error as Error).message}): check host and port.`);
    return failed(`${where}: ${(error as Error).message}`);
  } finally {
    mailer.close();
  }
}

/** The teams that tenants book chat rooms in on the Mattermost back end `id`. */
function chatTeams(config: ServerConfig, id: string): string[] {
  return [...new Set([...config.tenants.values()].flatMap((t) => (t.bookings?.chat?.backend === id ? [t.bookings.chat.team] : [])))];
}

function unreachable(error: unknown, timeoutMs: number): string {
  if ((error as Error).name === 'TimeoutError') return `did not answer within ${timeoutMs} ms`;
  // fetch says "fetch failed"; why is in its cause (ECONNREFUSED, ENOTFOUND, "bad port" …).
  const cause = (error as { cause?: { code?: unknown; message?: unknown } }).cause;
  const why = [cause?.code, cause?.message, (error as Error).message].find((text) => typeof text === 'string' && text !== '');
  return `is not reachable (${String(why)})`;
}
