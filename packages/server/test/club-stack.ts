// Test helper: the booking stack with a `clubs` section (two regions, a region
// admin for each), and the steps of the clubs' flow over real HTTP.
import assert from 'node:assert/strict';
import type { AdminClub, BookingChallenge, Problem } from '@vereinsraum/protocol';
import { fillMailLinks } from '../src/mail/delivery.ts';
import { type BookingStack, solve, startBookingStack } from './booking-stack.ts';

/** The problem+json body of a refusal (its content type checked). */
export async function problem(response: Response): Promise<Problem> {
  assert.equal(response.headers.get('content-type'), 'application/problem+json');
  return (await response.json()) as Problem;
}

export const NORTH_ADMIN = 'region-admin-token-nord-0123456789abcdef';
export const SOUTH_ADMIN = 'region-admin-token-sued-0123456789abcdef';
export const CITY_ORIGIN = 'https://www.musterstadt.example';

export const clubsSection = (extra: Record<string, unknown> = {}) => ({
  backend: 'sandbox',
  regions: [
    { id: 'nord', name: 'Musterstadt Nord' },
    { id: 'sued', name: 'Musterstadt Süd' },
  ],
  formOrigins: [CITY_ORIGIN],
  termsUrl: 'https://www.musterstadt.example/nutzung',
  privacyPolicyUrl: 'https://www.musterstadt.example/datenschutz',
  challengeMaxNumber: 1000,
  perClientPerHour: 200,
  perEmailPerDay: 50,
  regionAdmins: [
    { tokenEnv: 'NORTH_ADMIN', regions: ['nord'] },
    { tokenEnv: 'SOUTH_ADMIN', regions: ['sued'] },
  ],
  ...extra,
});

export async function startClubStack(extra: Record<string, unknown> = {}, engine: 'sqlite' | 'postgres' = 'sqlite'): Promise<BookingStack> {
  return startBookingStack({
    extra: { clubs: clubsSection(extra) },
    envExtra: { NORTH_ADMIN, SOUTH_ADMIN },
    engine,
  });
}

/** A contact person's signed-in session: the cookie and the CSRF token. */
export interface ClubSession {
  cookie: string;
  csrf: string;
  /** A request to the club page's API, as the club page sends it (cookie, CSRF token, own origin). */
  call(path: string, init?: RequestInit): Promise<Response>;
}

/** The flow's steps against `stack`. */
export function clubFlow(stack: BookingStack) {
  const flow = {
    async altcha(): Promise<string> {
      return solve((await (await fetch(`${stack.api}/v1/clubs/challenge`)).json()) as BookingChallenge);
    },
    async body(overrides: Record<string, unknown> = {}): Promise<Record<string, unknown>> {
      return {
        name: 'TSV Musterstadt 1890 e. V.',
        kind: 'club',
        website: 'https://www.tsv-musterstadt.example/verein',
        region: 'nord',
        contactName: 'Erika Musterfrau',
        contactEmail: `erika.${crypto.randomUUID().slice(0, 8)}@example.org`,
        consent: true,
        altcha: await flow.altcha(),
        ...overrides,
      };
    },
    register(body: unknown, origin = CITY_ORIGIN): Promise<Response> {
      return fetch(`${stack.api}/v1/clubs`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', origin },
        body: JSON.stringify(body),
      });
    },
    /** The newest mail of `kind` to `to`, its links filled in as sent. */
    async mail(kind: string, to: string) {
      const mail = (await stack.store.listMails(200)).find((m) => m.kind === kind && m.to === to);
      if (!mail) throw new Error(`no ${kind} mail to ${to}`);
      return fillMailLinks(stack.keys, mail);
    },
    async confirmToken(to: string): Promise<string> {
      return /#confirm=(\S+)/.exec((await flow.mail('club-confirm', to)).text)![1]!;
    },
    confirm(token: string): Promise<Response> {
      return fetch(`${stack.api}/v1/clubs/confirm`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', origin: stack.api },
        body: JSON.stringify({ token }),
      });
    },
    /** Register, confirm and (with the admin token) approve a club: its id and contact address. */
    async activeClub(overrides: Record<string, unknown> = {}): Promise<{ id: string; email: string }> {
      const body = await flow.body(overrides);
      const email = body.contactEmail as string;
      if ((await flow.register(body)).status !== 202) throw new Error('not registered');
      if ((await flow.confirm(await flow.confirmToken(email))).status !== 200) throw new Error('not confirmed');
      const [club] = ((await (await stack.admin('/clubs?status=pending')).json()) as { clubs: AdminClub[] }).clubs.filter(
        (c) => c.contactEmail === email,
      );
      const approved = await stack.admin(`/clubs/${club!.id}/approve`, { method: 'POST' });
      if (approved.status !== 200) throw new Error(`not approved: ${await approved.text()}`);
      return { id: club!.id, email };
    },
    requestSignin(email: string): Promise<Response> {
      return fetch(`${stack.api}/v1/club/signin`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', origin: stack.api },
        body: JSON.stringify({ email }),
      });
    },
    async signinToken(email: string): Promise<string> {
      return /#signin=(\S+)/.exec((await flow.mail('club-signin', email)).text)![1]!;
    },
    useSignin(token: string): Promise<Response> {
      return fetch(`${stack.api}/v1/club/session`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', origin: stack.api },
        body: JSON.stringify({ token }),
      });
    },
    async signIn(email: string): Promise<ClubSession> {
      await flow.requestSignin(email);
      const answer = await flow.useSignin(await flow.signinToken(email));
      if (answer.status !== 200) throw new Error(`not signed in: ${await answer.text()}`);
      const cookie = answer.headers.get('set-cookie')!.split(';')[0]!;
      const { csrf } = (await answer.json()) as { csrf: string };
      return {
        cookie,
        csrf,
        call: (path, init = {}) =>
          fetch(`${stack.api}/v1/club${path}`, {
            ...init,
            headers: {
              cookie,
              'x-vereinsraum-csrf': csrf,
              origin: stack.api,
              ...(init.body ? { 'content-type': 'application/json' } : {}),
              ...init.headers,
            },
          }),
      };
    },
  };
  return flow;
}
