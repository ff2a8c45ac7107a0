// Usage figures: joins counted as they are handed out, the sampler's conferences, BigBlueButton's end
// callback, and reports. Counts only (see docs/operator.md, "Usage figures").
import type { Role, UsageGroup, UsageReport } from '@vereinsraum/protocol';
import type { ServerConfig } from '../config/index.js';
import { HttpError } from '../errors.js';
import { constantTimeEqual } from '../http.js';
import type { KeySet } from '../keys.js';
import { linkSecret } from '../links.js';
import type { Store } from '../store/types.js';
import { dayOf } from './days.js';
import { buildReport } from './report.js';
import { type SamplerDeps, UsageSampler } from './sampler.js';

/** The path of BigBlueButton's end callback. */
export const END_CALLBACK_PATH = '/v1/usage/bbb-ended';

/** How far BigBlueButton's `createTime` may be from the moment we asked for the meeting (clocks differ a little). */
const CREATE_WINDOW_MS = 2 * 60_000;

/** Whose figures a report shows. The admin token sees any; a club's contact person only their own tenant's (`GET /v1/club/usage`). */
export type UsageScope = { kind: 'all' } | { kind: 'region'; region: string } | { kind: 'tenant'; tenant: string };

/** What the usage service is made of (the services' parts). */
export interface UsageDeps extends Omit<SamplerDeps, 'store'> {
  store: Store;
  keys: () => Promise<KeySet>;
}

/** Counts joins, samples conferences, takes BigBlueButton's end callback and makes reports. */
export class UsageService {
  readonly sampler: UsageSampler;

  constructor(private readonly deps: UsageDeps) {
    this.sampler = new UsageSampler(deps);
  }

  private get config(): ServerConfig {
    return this.deps.config;
  }

  /** Count one join handed out. Never fails the join: a store that cannot count now is logged. */
  async joined(where: { tenant: string; room: string; backend: string }, role: Role): Promise<void> {
    const at = this.deps.now();
    await this.deps.store.countJoin({ ...where, role, day: dayOf(at, this.config.usage.timeZone) }, at).catch((error: unknown) => {
      this.deps.log('warn', `usage: a join was not counted: ${error instanceof Error ? error.message : String(error)}`);
    });
  }

  /**
   * The `meta_endCallbackUrl` for a meeting we are about to create on a
   * BigBlueButton back end, or `undefined` when end callbacks are off (or
   * the key set has no key to make the MAC with). BigBlueButton does not
   * sign its callbacks, so the URL carries our own MAC over the back end,
   * the meeting id and the moment of the create call (BigBlueButton's
   * `createTime` of the instance it makes falls within a minute or two).
   */
  async endCallbackUrl(origin: string, backend: string, meetingId: string): Promise<string | undefined> {
    if (!this.config.usage.endCallback) return undefined;
    const linkKey = (await this.deps.keys()).linkKey();
    if (!linkKey) return undefined;
    const at = String(this.deps.now());
    const mac = await linkSecret(linkKey.key, 'end-callback', macInput(backend, meetingId, at));
    const query = new URLSearchParams({ backend, meeting: meetingId, at, kid: linkKey.kid, mac });
    return `${origin}${END_CALLBACK_PATH}?${query}`;
  }

  /**
   * BigBlueButton's end callback: with a valid MAC, the conference of that
   * meeting instance ends now; a replayed callback finds it ended and
   * changes nothing.
   *
   * @throws {@link HttpError} `403 callback_invalid` for a missing or wrong MAC (nothing changes).
   */
  async endCallback(params: URLSearchParams): Promise<boolean> {
    const [backend, meeting, at, kid, mac] = ['backend', 'meeting', 'at', 'kid', 'mac'].map((name) => params.get(name) ?? '');
    const linkKey = kid ? (await this.deps.keys()).linkKey(kid) : undefined;
    const expected = linkKey ? await linkSecret(linkKey.key, 'end-callback', macInput(backend!, meeting!, at!)) : '';
    // Compared also when the key is unknown, so that the time tells nothing.
    const valid = (await constantTimeEqual(mac!, expected)) && expected !== '';
    // BigBlueButton adds the meeting's id: it must be the one the MAC is for.
    const reported = params.get('meetingID');
    if (!valid || (reported !== null && reported !== meeting) || !/^\d{1,16}$/.test(at!)) {
      throw new HttpError(403, 'callback_invalid', 'This callback does not carry a valid MAC of this server.');
    }
    const slash = meeting!.indexOf('/');
    const open = await this.deps.store.openConferences(backend!);
    const conference = open.find(
      (c) =>
        c.tenant === meeting!.slice(0, slash) &&
        c.room === meeting!.slice(slash + 1) &&
        Math.abs(Number(c.instance) - Number(at)) <= CREATE_WINDOW_MS,
    );
    return conference ? this.sampler.end(conference, this.deps.now()) : false;
  }

  /** Delete conference rows past `usage.keepDays` (the daily figures stay). */
  async purge(): Promise<number> {
    return this.deps.store.purgeConferences(this.deps.now() - this.config.usage.keepDays * 86_400_000);
  }

  /** The report of days `from` to `to` (both included) for `scope`. */
  async report(scope: UsageScope, period: { from: string; to: string; group: UsageGroup }): Promise<UsageReport> {
    let tenants: string[] | undefined;
    let reportScope: UsageReport['scope'];
    if (scope.kind === 'tenant') {
      tenants = [scope.tenant];
      reportScope = scope;
    } else if (scope.kind === 'region') {
      tenants = await this.deps.directory.regionTenants(scope.region);
      reportScope = { ...scope, tenants };
    } else reportScope = scope;
    const rows = await this.deps.store.usage({ from: period.from, to: period.to, ...(tenants ? { tenants } : {}) });
    return buildReport(rows, { ...period, timeZone: this.config.usage.timeZone, scope: reportScope });
  }

  /** Today in the usage time zone. */
  today(): string {
    return dayOf(this.deps.now(), this.config.usage.timeZone);
  }
}

function macInput(backend: string, meeting: string, at: string): string {
  return `${backend}\0${meeting}\0${at}`;
}
