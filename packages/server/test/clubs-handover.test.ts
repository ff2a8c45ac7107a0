// Handing over the contact role, over real HTTP on 127.0.0.1 with a SQLite
// file: the request on the club page, the new contact's confirmation link, the
// change in one transaction (contact, sessions, the old contact's mail), and
// the links that are refused.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { BookingStack } from './booking-stack.ts';
import { clubFlow, startClubStack, problem } from './club-stack.ts';

describe('clubs: handing over the contact role', () => {
  let stack: BookingStack;
  let flow: ReturnType<typeof clubFlow>;
  before(async () => {
    stack = await startClubStack();
    flow = clubFlow(stack);
  });
  after(() => stack.close());

  const confirm = (token: string, origin = stack.api) =>
    fetch(`${stack.api}/v1/club/handover/confirm`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', origin },
      body: JSON.stringify({ token }),
    });
  const handoverToken = async (to: string) => /#handover=(\S+)/.exec((await flow.mail('club-handover', to)).text)![1]!;

  test('the new contact confirms: contact changed, every session ended, the old contact told; the link works once', async () => {
    const a = await flow.activeClub({ name: 'Übergabeverein A', contactName: 'Otto Altkontakt' });
    const first = await flow.signIn(a.email);
    const second = await flow.signIn(a.email);
    const next = `neu.${crypto.randomUUID().slice(0, 8)}@example.org`;

    const asked = await first.call('/handover', { method: 'POST', body: JSON.stringify({ name: 'Nora Neu', email: next }) });
    assert.equal(asked.status, 202, await asked.clone().text());
    assert.ok(Date.parse(((await asked.json()) as { expiresAt: string }).expiresAt) > Date.now());
    const mail = await flow.mail('club-handover', next);
    assert.match(mail.text, /^Hallo Nora Neu,/);
    const token = await handoverToken(next);
    assert.match(token, new RegExp(`^${a.id}\\.[\\w-]{11}\\.[\\w-]{22}$`));
    // Asked for, not confirmed: nothing changed yet.
    assert.equal((await stack.store.getClub(a.id))!.contactEmail, a.email);
    assert.equal((await first.call('/me')).status, 200);

    const confirmed = await confirm(token);
    assert.equal(confirmed.status, 200, await confirmed.clone().text());
    assert.deepEqual(await confirmed.json(), { club: a.id });
    const club = (await stack.store.getClub(a.id))!;
    assert.equal(club.contactName, 'Nora Neu');
    assert.equal(club.contactEmail, next);
    for (const session of [first, second]) assert.equal((await problem(await session.call('/me'))).code, 'session_required');
    const told = await flow.mail('club-handed-over', a.email);
    assert.match(told.text, /^Hallo Otto Altkontakt,/);
    assert.doesNotMatch(told.text, /Nora|neu\./);
    // Used: refused.
    assert.equal((await problem(await confirm(token))).code, 'link_invalid');
    // The new contact signs in; the old address gets no link any more.
    const fresh = await flow.signIn(next);
    assert.equal((await fresh.call('/me')).status, 200);
    assert.equal((await flow.requestSignin(a.email)).status, 202);
    assert.equal((await stack.store.listMails(500)).filter((m) => m.kind === 'club-signin' && m.to === a.email).length, 2);
    // No names or addresses in the log.
    const log = stack.logs.join('\n');
    for (const trace of ['Nora Neu', next, 'Otto Altkontakt', a.email]) assert.equal(log.includes(trace), false, trace);
  });

  test("a second request replaces the first; another club's link, a forged one and one without the page's origin are refused", async () => {
    const a = await flow.activeClub({ name: 'Übergabeverein B' });
    const b = await flow.activeClub({ name: 'Übergabeverein C' });
    const session = await flow.signIn(a.email);
    const sessionB = await flow.signIn(b.email);
    const one = `eins.${crypto.randomUUID().slice(0, 8)}@example.org`;
    const two = `zwei.${crypto.randomUUID().slice(0, 8)}@example.org`;
    assert.equal(
      (await session.call('/handover', { method: 'POST', body: JSON.stringify({ name: 'Erste Person', email: one }) })).status,
      202,
    );
    const firstToken = await handoverToken(one);
    assert.equal(
      (await session.call('/handover', { method: 'POST', body: JSON.stringify({ name: 'Zweite Person', email: two }) })).status,
      202,
    );
    const secondToken = await handoverToken(two);
    assert.equal((await problem(await confirm(firstToken))).code, 'link_invalid', 'replaced');
    // A's link presented for club B; a wrong secret; garbage.
    const [, id, secret] = secondToken.split('.');
    assert.equal((await problem(await confirm(`${b.id}.${id}.${secret}`))).code, 'link_invalid');
    assert.equal((await problem(await confirm(`${a.id}.${id}.${'A'.repeat(22)}`))).code, 'link_invalid');
    assert.equal((await problem(await confirm('nonsense'))).code, 'link_invalid');
    assert.equal((await problem(await confirm(secondToken, 'https://evil.example'))).code, 'origin_not_allowed');
    assert.equal((await stack.store.getClub(b.id))!.contactEmail, b.email);
    assert.equal((await sessionB.call('/me')).status, 200);

    // The same address as today's contact, or a missing name: refused, nothing replaced.
    const same = await session.call('/handover', { method: 'POST', body: JSON.stringify({ name: 'Ich', email: a.email }) });
    assert.equal((await problem(same)).code, 'invalid_input');
    const unnamed = await session.call('/handover', { method: 'POST', body: JSON.stringify({ email: 'x@example.org' }) });
    assert.equal((await problem(unnamed)).code, 'invalid_input');

    // Without the CSRF token, or without a session: refused.
    const noCsrf = await fetch(`${stack.api}/v1/club/handover`, {
      method: 'POST',
      headers: { cookie: session.cookie, origin: stack.api, 'content-type': 'application/json' },
      body: JSON.stringify({ name: 'Fremde Person', email: 'fremd@example.org' }),
    });
    assert.equal((await problem(noCsrf)).code, 'csrf_failed');
    const noSession = await fetch(`${stack.api}/v1/club/handover`, {
      method: 'POST',
      headers: { origin: stack.api, 'content-type': 'application/json' },
      body: JSON.stringify({ name: 'Fremde Person', email: 'fremd@example.org' }),
    });
    assert.equal((await problem(noSession)).code, 'session_required');
    // Club B's session hands over club B only, whatever the body says; A's pending handover stays.
    const byB = await sessionB.call('/handover', {
      method: 'POST',
      body: JSON.stringify({ club: a.id, name: 'Fremde Person', email: 'fremd@example.org' }),
    });
    assert.equal(byB.status, 202);
    assert.match(await handoverToken('fremd@example.org'), new RegExp(`^${b.id}\\.`));
    assert.equal((await confirm(secondToken)).status, 200);
    assert.equal((await stack.store.getClub(a.id))!.contactEmail, two);
    assert.equal((await stack.store.getClub(b.id))!.contactEmail, b.email);
  });

  test('a club asks for at most five handovers an hour (each sends a mail)', async () => {
    const a = await flow.activeClub({ name: 'Übergabeverein E' });
    const session = await flow.signIn(a.email);
    const ask = (n: number) =>
      session.call('/handover', { method: 'POST', body: JSON.stringify({ name: 'Viel Gefragt', email: `oft.${n}@example.org` }) });
    for (let n = 1; n <= 5; n++) assert.equal((await ask(n)).status, 202);
    const refused = await ask(6);
    assert.equal((await problem(refused)).code, 'rate_limited');
    assert.ok(Number(refused.headers.get('retry-after')) > 0);
  });

  test('a link past its time is refused', async () => {
    const a = await flow.activeClub({ name: 'Übergabeverein D' });
    const session = await flow.signIn(a.email);
    const late = `spaet.${crypto.randomUUID().slice(0, 8)}@example.org`;
    assert.equal(
      (await session.call('/handover', { method: 'POST', body: JSON.stringify({ name: 'Sina Spät', email: late }) })).status,
      202,
    );
    const token = await handoverToken(late);
    stack.shift(49 * 3_600_000);
    assert.equal((await problem(await confirm(token))).code, 'link_invalid');
    assert.equal((await stack.store.getClub(a.id))!.contactEmail, a.email);
  });
});
