// `vereinsraum serve` and every store command of the CLI against PostgreSQL, as
// an operator runs them: a config with a postgres store, the key set made once,
// a booking over HTTP, approved on the command line, its mail over SMTP, and a
// join with the link from that mail.
import assert from 'node:assert/strict';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import type { AdminBooking, BookingChallenge, BookingCreated } from '@vereinsraum/protocol';
import { sharedPostgres } from '../../../test/support/postgres.mjs';
import { startSandbox, type Sandbox } from '../../sandbox/src/index.ts';
import { ADMIN, bookingConfig, HOUR, solve } from './booking-stack.ts';
import { listening, runCli } from './child.ts';
import { startSmtp, waitFor } from './smtp.ts';
import { env, SECRET } from './stack.ts';

describe('vereinsraum serve and the CLI on PostgreSQL', () => {
  let dir: string;
  let sandbox: Sandbox;
  let smtp: Awaited<ReturnType<typeof startSmtp>>;
  before(async () => {
    dir = await mkdtemp(join(tmpdir(), 'vereinsraum-serve-pg-'));
    sandbox = await startSandbox({ secret: SECRET });
    smtp = await startSmtp();
  });
  after(async () => {
    await smtp.close();
    await sandbox.close();
    await rm(dir, { recursive: true, force: true });
  });

  test(
    'book, approve on the command line, join with the mailed link; every store command; no key set made by an instance',
    { timeout: 120_000 },
    async () => {
      const config = join(dir, 'vereinsraum.json');
      const data = join(dir, 'data');
      const processEnv = { ...env, ADMIN_TOKEN: ADMIN, DATABASE_URL: await (await sharedPostgres()).database('serve') };
      await writeFile(
        config,
        JSON.stringify(
          bookingConfig(
            sandbox.apiUrl,
            {},
            {
              store: { type: 'postgres', urlEnv: 'DATABASE_URL', poolSize: 4 },
              smtp: { host: '127.0.0.1', port: smtp.port, from: 'Vereinsraum <vereinsraum@example.org>' },
            },
          ),
        ),
      );
      const done = async (args: string[]): Promise<{ out: string; err: string }> => {
        const run = runCli([...args, '--data', data], processEnv);
        assert.equal(await run.exit, 0, `${args.join(' ')}: ${run.err()}`);
        return { out: run.out(), err: run.err() };
      };

      // Several instances share the database, so none may make a key set of its own.
      const refused = runCli(['serve', '--config', config, '--port', '0', '--data', data], processEnv);
      assert.equal(await refused.exit, 1);
      assert.match(
        refused.err(),
        /keys\.json does not exist, and with a PostgreSQL store the key set is not made here: every instance must use the same one\. Make it once with `vereinsraum keys generate --data /,
      );
      await done(['keys', 'generate']);

      const server = runCli(['serve', '--config', config, '--port', '0', '--data', data], processEnv);
      try {
        const url = await listening(server);
        const book = async (title: string, contactEmail = 'erika@verein.example'): Promise<BookingCreated> => {
          const challenge = (await (await fetch(`${url}/v1/bookings/challenge?tenant=tsv`)).json()) as BookingChallenge;
          // Invites work from shortly before the start: in ten minutes, so the mailed link opens the room now.
          const start = Date.now() + 10 * 60_000;
          const response = await fetch(`${url}/v1/bookings`, {
            method: 'POST',
            headers: { 'content-type': 'application/json' },
            body: JSON.stringify({
              kind: 'video',
              tenant: 'tsv',
              title,
              organisation: 'TSV',
              contactName: 'Erika Musterfrau',
              contactEmail,
              start: new Date(start).toISOString(),
              end: new Date(start + HOUR).toISOString(),
              expectedParticipants: 5,
              consent: true,
              altcha: await solve(challenge),
            }),
          });
          assert.equal(response.status, 201, await response.clone().text());
          return response.json() as Promise<BookingCreated>;
        };
        const cli = (args: string[]) => done([...args, '--config', config]);

        const first = await book('Jahreshauptversammlung');
        assert.equal(first.status, 'pending');
        await waitFor(
          () => smtp.received.find((r) => r.mail.subject === 'Buchung eingegangen: Jahreshauptversammlung'),
          'the mail that the booking came in',
        );
        const listed = JSON.parse((await cli(['bookings', 'list', '--status', 'pending', '--json'])).out) as AdminBooking[];
        assert.deepEqual(
          listed.map((b) => b.id),
          [first.id],
        );

        // Approved on the command line: its mail goes out from there, with the links filled in.
        assert.match(
          (await cli(['bookings', 'approve', '--id', first.id])).out,
          new RegExp(`approved ${first.id}: room tsv/b-${first.id}`),
        );
        const approval = await waitFor(
          () => smtp.received.find((r) => r.mail.subject === 'Buchung bestätigt: Jahreshauptversammlung'),
          'the approval mail',
        );
        const links = (approval.mail.text ?? '').match(/https:\/\/www\.tsv\.example\/raum#\S+/g) ?? [];
        assert.equal(links.length, 2, approval.mail.text);
        const tokens = links.map((link) => new URLSearchParams(new URL(link).hash.slice(1)).get('invite')!);
        const enter = (room: string, invite: string, displayName: string) =>
          fetch(`${url}/v1/rooms/tsv/${room}/join`, {
            method: 'POST',
            headers: { 'content-type': 'application/json' },
            body: JSON.stringify({ displayName, invite }),
          });
        const roles = await Promise.all(
          tokens.map(
            async (token, i) => (await (await enter(`b-${first.id}`, token, `Person ${i}`)).json()) as { role?: string; url?: string },
          ),
        );
        const moderator = roles.find((r) => r.role === 'moderator');
        assert.ok(moderator?.url?.startsWith(sandbox.url), JSON.stringify(roles));
        assert.equal(sandbox.calls.create, 1, 'the moderator started the meeting');

        // The other booking commands, each seen by the running server through the database.
        const second = await book('Vorstandssitzung');
        await cli(['bookings', 'reject', '--id', second.id, '--reason', 'Belegt']);
        assert.equal(
          (
            (await (
              await fetch(`${url}/v1/bookings/${second.id}`, { headers: { authorization: `Bearer ${second.manageToken}` } })
            ).json()) as { status: string }
          ).status,
          'rejected',
        );
        await cli(['bookings', 'cancel', '--id', first.id, '--reason', 'Der Saal wird renoviert.']);
        assert.equal((await fetch(`${url}/v1/rooms/tsv/b-${first.id}/status`)).status, 404, 'the cancelled room is gone');
        await cli(['bookings', 'trust', '--tenant', 'tsv', '--email', 'vertraut@verein.example']);
        assert.equal((await book('Training', 'vertraut@verein.example')).status, 'approved', 'trusted through the CLI');
        assert.match((await cli(['bookings', 'purge'])).out, /^purged 0 booking\(s\)/);

        // Invites of a configured room: made and revoked on the command line, kept in the database.
        const made = await cli(['invite', 'create', '--room', 'tsv/vorstand', '--role', 'moderator', '--expires', '1d']);
        const token = made.out.trim();
        assert.equal(((await (await enter('vorstand', token, 'Eingeladen')).json()) as { role: string }).role, 'moderator');
        const id = /invite revoke --id (\S+)/.exec(made.err)![1]!;
        await cli(['invite', 'revoke', '--id', id]);
        assert.equal(((await (await enter('vorstand', token, 'Eingeladen')).json()) as { code: string }).code, 'invite_revoked');
      } finally {
        server.child.kill('SIGTERM');
        assert.equal(await server.exit, 0, server.err());
      }
    },
  );
});
