// The club page against the real server helper (SQLite store, the BigBlueButton
// sandbox), behind the page's own origin as `vereinsraum serve` runs it: the
// session cookie and the CSRF token are the server's (see web-test-runner.config.mjs).
import { expect, fixture, html } from '@open-wc/testing';
import { executeServerCommand } from '@web/test-runner-commands';
import './define.js';
import { expectQuietConsole, shadow, waitForState } from '../../test/helpers.js';
import type { VereinClubAdmin } from './club-admin.js';

/** An active club whose contact person has this address: its id. */
const club = (email: string) => executeServerCommand<string, { email: string }>('club', { email });
/** The token of the newest `signin`, `confirm` or `handover` link mailed to `email`. */
const link = (email: string, kind: 'signin' | 'confirm' | 'handover') =>
  executeServerCommand<string | null, object>('club-link', { email, kind });

/** End the page's session as the club page does (its CSRF token from `GET /v1/club/me`). */
async function signOut(): Promise<void> {
  const me = await fetch('/v1/club/me');
  if (!me.ok) return;
  const { csrf } = (await me.json()) as { csrf: string };
  await fetch('/v1/club/session/current', { method: 'DELETE', headers: { 'x-vereinsraum-csrf': csrf } });
}

/** Wait until `check` holds (at most 5 s). */
async function until(check: () => boolean): Promise<void> {
  for (let i = 0; i < 50 && !check(); i++) await new Promise((r) => setTimeout(r, 100));
  expect(check(), 'waited 5 s').to.equal(true);
}

async function page(lang = 'de'): Promise<VereinClubAdmin> {
  return fixture<VereinClubAdmin>(html`<verein-club-admin endpoint=${location.origin} lang=${lang}></verein-club-admin>`);
}

async function signedIn(email: string): Promise<VereinClubAdmin> {
  const signOut = await page();
  await waitForState(signOut, 'signed-out');
  shadow<HTMLInputElement>(signOut, '#email').value = email;
  shadow<HTMLFormElement>(signOut, 'form').requestSubmit();
  await waitForState(signOut, 'sent');
  const token = await link(email, 'signin');
  expect(token).to.match(/^[\w-]{11}\.[\w-]{22}$/);
  history.replaceState(null, '', `#signin=${token}`);
  const el = await page();
  await waitForState(el, 'club');
  return el;
}

describe('<verein-club-admin> against the server helper', () => {
  expectQuietConsole();
  afterEach(async () => {
    // Sign out, so the next test starts without the cookie.
    await signOut();
    history.replaceState(null, '', location.pathname);
  });

  it('signs in with the mailed link, takes it out of the address, and shows the club and its first room', async () => {
    const email = `kontakt.${crypto.randomUUID().slice(0, 8)}@example.org`;
    const id = await club(email);
    const el = await signedIn(email);
    expect(location.hash).to.equal('');
    expect(shadow(el, '#title').textContent).to.equal('Testverein');
    const embed = shadow(el, '#room-treffpunkt pre').textContent!;
    expect(embed).to.contain(`tenant="${id}" room="treffpunkt"`);
    expect(embed).to.contain('/cdn/vereinsraum.js');
  });

  it('a used sign-in link is refused and says what to do', async () => {
    const email = `kontakt.${crypto.randomUUID().slice(0, 8)}@example.org`;
    await club(email);
    await signedIn(email);
    await signOut();
    history.replaceState(null, '', `#signin=${await link(email, 'signin')}`);
    const el = await page('en');
    await waitForState(el, 'signed-out');
    await el.updateComplete;
    expect(shadow(el, '#problem').textContent).to.equal('This link no longer works. Ask for a new one.');
  });

  it('makes a room "Vorstand" with an access code (the server keeps it), and a link for members', async () => {
    const email = `kontakt.${crypto.randomUUID().slice(0, 8)}@example.org`;
    const id = await club(email);
    const el = await signedIn(email);
    shadow<HTMLInputElement>(el, '#name').value = 'Vorstand';
    shadow<HTMLInputElement>(el, '#id').value = 'vorstand';
    shadow<HTMLInputElement>(el, '#code').value = 'geheim-42';
    shadow<HTMLFormElement>(el, '#new-room').requestSubmit();
    await el.updateComplete;
    for (let i = 0; i < 50 && !el.shadowRoot!.querySelector('#room-vorstand'); i++) await new Promise((r) => setTimeout(r, 100));
    expect(shadow(el, '#room-vorstand').textContent).to.contain('Mit Zugangscode');
    expect(el.shadowRoot!.activeElement?.id).to.equal('room-vorstand');
    const view = await fetch('/v1/club/me').then((r) => r.json());
    expect(view.rooms.map((r: { id: string }) => r.id)).to.deep.equal(['treffpunkt', 'vorstand']);
    shadow<HTMLButtonElement>(el, '#room-vorstand [data-action="invite"]').click();
    for (let i = 0; i < 50 && el.shadowRoot!.querySelectorAll('#room-vorstand pre').length < 2; i++)
      await new Promise((r) => setTimeout(r, 100));
    const member = el.shadowRoot!.querySelectorAll('#room-vorstand pre')[1]!.textContent!;
    expect(member).to.match(new RegExp(`/join/${id}/vorstand#invite=[\\w-]{11}\\.[\\w-]{22}$`));
  });

  it("renames a room, lets anyone start it and takes its access code away: the server's room changes", async () => {
    const email = `kontakt.${crypto.randomUUID().slice(0, 8)}@example.org`;
    await club(email);
    const el = await signedIn(email);
    shadow<HTMLButtonElement>(el, '#edit-button-treffpunkt').click();
    await el.updateComplete;
    expect(el.shadowRoot!.activeElement?.id).to.equal('name-treffpunkt-edit');
    shadow<HTMLInputElement>(el, '#name-treffpunkt-edit').value = 'Vereinsheim';
    shadow<HTMLSelectElement>(el, '#start-treffpunkt').value = 'anyone';
    shadow<HTMLInputElement>(el, '#code-treffpunkt').value = 'neu-1234';
    shadow<HTMLFormElement>(el, '#edit-treffpunkt').requestSubmit();
    for (let i = 0; i < 50 && !shadow(el, '[role="status"]').textContent!.includes('Vereinsheim'); i++)
      await new Promise((r) => setTimeout(r, 100));
    let room = ((await fetch('/v1/club/me').then((r) => r.json())) as { rooms: Array<Record<string, unknown>> }).rooms[0]!;
    expect([room.name, room.start, room.accessCode]).to.deep.equal(['Vereinsheim', 'anyone', true]);
    shadow<HTMLButtonElement>(el, '#edit-button-treffpunkt').click();
    await el.updateComplete;
    shadow<HTMLInputElement>(el, '#nocode-treffpunkt').checked = true;
    shadow<HTMLFormElement>(el, '#edit-treffpunkt').requestSubmit();
    for (let i = 0; i < 50 && shadow(el, '#room-treffpunkt').textContent!.includes('Mit Zugangscode'); i++)
      await new Promise((r) => setTimeout(r, 100));
    room = ((await fetch('/v1/club/me').then((r) => r.json())) as { rooms: Array<Record<string, unknown>> }).rooms[0]!;
    expect(room.accessCode).to.equal(false);
  });

  it("saves a room's settings: waiting room on, muted on entry off", async () => {
    const email = `kontakt.${crypto.randomUUID().slice(0, 8)}@example.org`;
    await club(email);
    const el = await signedIn(email);
    shadow<HTMLButtonElement>(el, '#edit-button-treffpunkt').click();
    await el.updateComplete;
    expect(shadow<HTMLInputElement>(el, '#treffpunkt-muteOnEntry').checked, 'the form shows the room as it is').to.equal(true);
    shadow<HTMLInputElement>(el, '#treffpunkt-waitingRoom').checked = true;
    shadow<HTMLInputElement>(el, '#treffpunkt-muteOnEntry').checked = false;
    shadow<HTMLFormElement>(el, '#edit-treffpunkt').requestSubmit();
    await until(() => shadow(el, '#room-treffpunkt .settings-line').textContent!.startsWith('Warteraum'));
    expect(shadow(el, '#room-treffpunkt .settings-line').textContent).to.equal('Warteraum: Die Moderation lässt Gäste herein');
    const room = ((await fetch('/v1/club/me').then((r) => r.json())) as { rooms: Array<Record<string, unknown>> }).rooms[0]!;
    expect([room.waitingRoom, room.muteOnEntry, room.allModerators, room.recording]).to.deep.equal([true, false, false, false]);
  });

  it('makes a link for members and one for a deputy, lists the links that work, and revokes one', async () => {
    const email = `kontakt.${crypto.randomUUID().slice(0, 8)}@example.org`;
    await club(email);
    const el = await signedIn(email);
    await until(
      () => shadow(el, '#links-title').nextElementSibling!.nextElementSibling!.textContent === 'Es gibt gerade keine gültigen Links.',
    );
    shadow<HTMLButtonElement>(el, '#room-treffpunkt [data-action="invite"]').click();
    await until(() => el.shadowRoot!.querySelectorAll('.links .link').length === 1);
    shadow<HTMLButtonElement>(el, '#room-treffpunkt [data-action="deputy"]').click();
    await until(() => el.shadowRoot!.querySelectorAll('.links .link').length === 2);
    expect(shadow(el, '#room-treffpunkt .made-link').textContent).to.match(/#invite=[\w-]{11}\.[\w-]{22}$/);
    expect(shadow(el, '.links').textContent).to.contain('Treffpunkt: Moderation, gilt bis');
    const listed = async () =>
      ((await fetch('/v1/club/invites').then((r) => r.json())) as { invites: Array<{ id: string; role: string }> }).invites;
    expect((await listed()).map((i) => i.role)).to.deep.equal(['moderator', 'attendee']);
    const first = el.shadowRoot!.querySelector('.links .link')!.id.slice('link-'.length);
    shadow<HTMLButtonElement>(el, `#link-${first} [data-action="revoke"]`).click();
    await until(() => el.shadowRoot!.querySelectorAll('.links .link').length === 1);
    expect(shadow(el, '[role="status"]').textContent).to.equal('Der Link ist zurückgezogen. Er gilt nicht mehr.');
    expect((await listed()).map((i) => i.id)).not.to.include(first);
  });

  it("shows the club's own usage figures of the last 14 days", async () => {
    const email = `kontakt.${crypto.randomUUID().slice(0, 8)}@example.org`;
    await club(email);
    const el = await signedIn(email);
    await until(() => !!el.shadowRoot!.querySelector('.usage .chart'));
    expect(shadow(el, '.usage .summary').textContent).to.equal('0 Teilnehmende in 0 Konferenzen, 0 Stunden, in den letzten 14 Tagen.');
    expect(el.shadowRoot!.querySelectorAll('.usage tbody tr').length).to.equal(14);
  });

  it('deletes the club only after the confirmation step; the club is gone on the server', async () => {
    const email = `kontakt.${crypto.randomUUID().slice(0, 8)}@example.org`;
    const id = await club(email);
    const el = await signedIn(email);
    shadow<HTMLButtonElement>(el, '#delete-club').click();
    await el.updateComplete;
    expect(el.shadowRoot!.activeElement?.id).to.equal('delete-cancel');
    shadow<HTMLButtonElement>(el, '#delete-cancel').click();
    await el.updateComplete;
    expect((await fetch(`/v1/tenants/${id}`, { cache: 'no-store' })).status, 'cancelled: the club stays').to.equal(200);
    shadow<HTMLButtonElement>(el, '#delete-club').click();
    await el.updateComplete;
    shadow<HTMLButtonElement>(el, '#delete-confirm').click();
    await waitForState(el, 'deleted');
    await el.updateComplete;
    expect(el.shadowRoot!.activeElement?.id).to.equal('done');
    expect((await fetch(`/v1/tenants/${id}`, { cache: 'no-store' })).status).to.equal(404);
    expect((await fetch('/v1/club/me')).status).to.equal(401);
  });

  it('asks for another website: the server keeps the request, the page says so', async () => {
    const email = `kontakt.${crypto.randomUUID().slice(0, 8)}@example.org`;
    await club(email);
    const el = await signedIn(email);
    shadow<HTMLInputElement>(el, '#origin').value = 'https://jugend.verein.example/start';
    shadow<HTMLFormElement>(el, '#new-origin').requestSubmit();
    await until(() => !!el.shadowRoot!.querySelector('#origin-requested'));
    expect(shadow(el, '#origin-requested').textContent).to.equal(
      'Beantragt: https://jugend.verein.example. Die Stadt prüft die Adresse und schreibt Ihnen.',
    );
    const view = (await fetch('/v1/club/me').then((r) => r.json())) as { originRequest: string | null };
    expect(view.originRequest).to.equal('https://jugend.verein.example');
  });

  it("saves the club's colours after the preview's contrast check; the tenant shows them", async () => {
    const email = `kontakt.${crypto.randomUUID().slice(0, 8)}@example.org`;
    const id = await club(email);
    const el = await signedIn(email);
    await until(() => !!el.shadowRoot!.querySelector('#primary'));
    const primary = shadow<HTMLInputElement>(el, '#primary');
    const save = shadow<HTMLButtonElement>(el, '#brand button[type="submit"]');
    primary.value = '#ffd700';
    primary.dispatchEvent(new Event('input', { bubbles: true }));
    await until(() => save.disabled);
    expect(shadow(el, '#contrast').textContent!.trim()).to.match(/^Kontrast 1,\d zu 1: zu schwach/);
    primary.value = '#1b5e20';
    primary.dispatchEvent(new Event('input', { bubbles: true }));
    await until(() => !save.disabled);
    expect(getComputedStyle(shadow(el, '.preview-button')).backgroundColor).to.equal('rgb(27, 94, 32)');
    shadow<HTMLFormElement>(el, '#brand').requestSubmit();
    await until(() => shadow(el, '[role="status"]').textContent === 'Logo und Farben sind gespeichert.');
    const info = (await fetch(`/v1/tenants/${id}`, { cache: 'no-store' }).then((r) => r.json())) as { theme: { primary?: string } };
    expect(info.theme.primary).to.equal('#1b5e20');
  });

  it('hands over the contact role after the confirmation step; the new contact takes over with the link, the old session ends', async () => {
    const email = `kontakt.${crypto.randomUUID().slice(0, 8)}@example.org`;
    const next = `neu.${crypto.randomUUID().slice(0, 8)}@example.org`;
    await club(email);
    const el = await signedIn(email);
    await until(() => !!el.shadowRoot!.querySelector('#handover'));
    shadow<HTMLInputElement>(el, '#handover-name').value = 'Nora Neu';
    shadow<HTMLInputElement>(el, '#handover-email').value = next;
    shadow<HTMLFormElement>(el, '#handover').requestSubmit();
    await el.updateComplete;
    expect(shadow(el, '#handover-warning').textContent).to.contain(`Nora Neu (${next})`);
    expect(el.shadowRoot!.activeElement?.id).to.equal('handover-cancel');
    // Cancelled: the form shows what was typed; then on for real.
    shadow<HTMLButtonElement>(el, '#handover-cancel').click();
    await el.updateComplete;
    expect(shadow<HTMLInputElement>(el, '#handover-email').value).to.equal(next);
    shadow<HTMLFormElement>(el, '#handover').requestSubmit();
    await el.updateComplete;
    shadow<HTMLButtonElement>(el, '#handover-confirm').click();
    await until(() => !!el.shadowRoot!.querySelector('#handover-sent'));
    expect(shadow(el, '#handover-sent').textContent).to.contain(`Der Link ist unterwegs an ${next}.`);
    expect(el.shadowRoot!.activeElement?.id).to.equal('handover-sent');
    const token = await link(next, 'handover');
    expect(token).to.match(/^[a-z0-9-]+\.[\w-]{11}\.[\w-]{22}$/);

    history.replaceState(null, '', `#handover=${token}`);
    const taken = await page('en');
    await waitForState(taken, 'handed-over');
    await taken.updateComplete;
    expect(location.hash).to.equal('');
    expect(shadow(taken, '#done').textContent).to.equal(
      'Thank you, you are now the contact person of your club. Sign in with your e-mail address.',
    );
    expect((await fetch('/v1/club/me')).status, "the old contact's session ended").to.equal(401);
    expect(shadow(taken, '#email'), 'the sign-in form for the new contact').to.exist;

    // Used: refused, and the page says what to do.
    history.replaceState(null, '', `#handover=${token}`);
    const again = await page('en');
    await waitForState(again, 'signed-out');
    await again.updateComplete;
    expect(shadow(again, '#problem').textContent).to.equal('This link no longer works. Ask for a new one.');
  });

  it('a confirmation link the server does not know is refused and says what to do', async () => {
    history.replaceState(null, '', '#confirm=nobody.AAAAAAAAAAAAAAAAAAAAAA');
    const el = await page('en');
    await waitForState(el, 'signed-out');
    await el.updateComplete;
    expect(shadow(el, '#problem').textContent).to.equal('This link no longer works. Ask for a new one.');
  });
});
