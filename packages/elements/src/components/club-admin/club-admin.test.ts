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
/** The token of the newest `signin` or `confirm` link mailed to `email`. */
const link = (email: string, kind: 'signin' | 'confirm') => executeServerCommand<string | null, object>('club-link', { email, kind });

/** End the page's session as the club page does (its CSRF token from `GET /v1/club/me`). */
async function signOut(): Promise<void> {
  const me = await fetch('/v1/club/me');
  if (!me.ok) return;
  const { csrf } = (await me.json()) as { csrf: string };
  await fetch('/v1/club/session/current', { method: 'DELETE', headers: { 'x-vereinsraum-csrf': csrf } });
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

  it('a confirmation link the server does not know is refused and says what to do', async () => {
    history.replaceState(null, '', '#confirm=nobody.AAAAAAAAAAAAAAAAAAAAAA');
    const el = await page('en');
    await waitForState(el, 'signed-out');
    await el.updateComplete;
    expect(shadow(el, '#problem').textContent).to.equal('This link no longer works. Ask for a new one.');
  });
});
