// One sign-in for the operator elements of a page, against the real server
// helper behind the page's own origin (as `/admin` of `vereinsraum serve`; see
// web-test-runner.config.mjs): one token form for all of them, a note in the
// others, a token some refuse and others take, and the form moving on when its
// element leaves the page.
import { expect, fixture, html, waitUntil } from '@open-wc/testing';
import '../components/booking-admin/define.js';
import '../components/club-review/define.js';
import '../components/usage-report/define.js';
import type { VereinBookingAdmin } from '../components/booking-admin/booking-admin.js';
import type { VereinClubReview } from '../components/club-review/club-review.js';
import type { VereinUsageReport } from '../components/usage-report/usage-report.js';
import { expectQuietConsole, shadow, stack, waitForState } from '../test/helpers.js';

const TOKEN_KEY = 'vereinsraum.adminToken';

type Operator = VereinBookingAdmin | VereinClubReview | VereinUsageReport;

/** The page `/admin` shows: bookings, clubs, usage figures (or the ones named), each with its own tag. */
async function adminPage(lang: 'de' | 'en', parts = ['bookings', 'clubs', 'usage']) {
  const page = await fixture<HTMLElement>(html`<main>
    ${parts.includes('bookings') ? html`<verein-booking-admin endpoint=${location.origin} lang=${lang}></verein-booking-admin>` : ''}
    ${parts.includes('clubs') ? html`<verein-club-review endpoint=${location.origin} lang=${lang}></verein-club-review>` : ''}
    ${parts.includes('usage') ? html`<verein-usage-report endpoint=${location.origin} lang=${lang}></verein-usage-report>` : ''}
  </main>`);
  const bookings = page.querySelector('verein-booking-admin');
  const clubs = page.querySelector('verein-club-review');
  const usage = page.querySelector('verein-usage-report');
  await settled(page);
  return { page, bookings: bookings!, clubs: clubs!, usage: usage! };
}

/** Every operator element of `page` has rendered. */
async function settled(page: HTMLElement): Promise<Operator[]> {
  const all = [...page.querySelectorAll<Operator>('verein-booking-admin, verein-club-review, verein-usage-report')];
  await Promise.all(all.map((el) => el.updateComplete));
  return all;
}

/** The operator elements of `page` that show a token form. */
async function withForm(page: HTMLElement): Promise<Operator[]> {
  return (await settled(page)).filter((el) => el.shadowRoot!.querySelector('input[type="password"]'));
}

function text(el: Element): string {
  return el.shadowRoot!.textContent!.replace(/\s+/g, ' ').trim();
}

/** The element focused, inside shadow roots. */
function deepActive(): Element | null {
  let active = document.activeElement;
  while (active?.shadowRoot?.activeElement) active = active.shadowRoot.activeElement;
  return active;
}

/** Type `token` into the form `el` shows and send it. */
async function signIn(el: Operator, token: string): Promise<void> {
  const input = shadow<HTMLInputElement>(el, 'input[type="password"]');
  input.focus();
  input.value = token;
  input.form!.requestSubmit();
  await el.updateComplete;
}

/** Run `body` while the server answers the clubs API as one without a clubs section does (the test server has one). */
async function withoutClubs(body: () => Promise<void>): Promise<void> {
  const real = window.fetch;
  window.fetch = (input, init) =>
    new URL(String(input)).pathname.startsWith('/v1/admin/clubs')
      ? Promise.resolve(Response.json({ title: 'Forbidden', status: 403, code: 'clubs_disabled' }, { status: 403 }))
      : real(input, init);
  try {
    await body();
  } finally {
    window.fetch = real;
  }
}

describe('one sign-in for the operator elements of a page', () => {
  beforeEach(() => sessionStorage.removeItem(TOKEN_KEY));
  afterEach(() => sessionStorage.removeItem(TOKEN_KEY));
  expectQuietConsole();

  it('two elements: one form, a line in the other; signing in there signs both in', async () => {
    const { page, bookings, usage } = await adminPage('de', ['bookings', 'usage']);
    expect(await withForm(page)).to.deep.equal([bookings]);
    expect(usage.shadowRoot!.querySelector('form, input, button')).to.equal(null);
    expect(text(usage)).to.equal('Die Nutzungszahlen erscheinen hier nach der Anmeldung weiter oben auf dieser Seite.');
    await expect(page).to.be.accessible();

    await signIn(bookings, stack.admin);
    await waitForState(bookings, 'list');
    await waitForState(usage, 'report');
    await settled(page);
    expect(deepActive()?.id).to.equal('title');
    expect(bookings.contains(document.activeElement)).to.equal(true);
    await expect(page).to.be.accessible();
  });

  it('three elements, as /admin shows them: one form; the sign-in and the sign-out hold for all three', async () => {
    const { page, bookings, clubs, usage } = await adminPage('en');
    expect(await withForm(page)).to.deep.equal([bookings]);
    expect(text(clubs)).to.equal('The clubs appear here after you sign in further up this page.');
    expect(text(usage)).to.equal('The usage figures appear here after you sign in further up this page.');
    await expect(page).to.be.accessible();

    await signIn(bookings, stack.admin);
    await Promise.all([waitForState(bookings, 'list'), waitForState(clubs, 'list'), waitForState(usage, 'report')]);
    expect(await withForm(page)).to.deep.equal([]);

    // Signed out in the last of them: the form is back in the first, and takes focus.
    [...usage.shadowRoot!.querySelectorAll('button')].find((b) => b.textContent!.trim() === 'Sign out')!.click();
    await Promise.all([waitForState(bookings, 'signed-out'), waitForState(clubs, 'signed-out'), waitForState(usage, 'signed-out')]);
    expect(await withForm(page)).to.deep.equal([bookings]);
    await waitUntil(() => deepActive()?.id === 'token' && bookings.contains(document.activeElement), 'focus in the form');
    expect(sessionStorage.getItem(TOKEN_KEY)).to.equal(null);
  });

  it("a region admin's token: the clubs open, the bookings and the figures each say they refuse it, with a way to another token", async () => {
    const { page, bookings, clubs, usage } = await adminPage('de');
    await signIn(bookings, stack.region);
    await Promise.all([waitForState(clubs, 'list'), waitForState(bookings, 'refused'), waitForState(usage, 'refused')]);
    await settled(page);
    // The token stays: the clubs view works with it.
    expect(sessionStorage.getItem(TOKEN_KEY)).to.equal(stack.region);
    expect(shadow(clubs, '#clubs-title').textContent).to.equal('Vereine');
    expect(shadow(bookings, '[role="alert"]').textContent).to.contain('Dieses Token öffnet die Buchungen nicht');
    expect(shadow(usage, '[role="alert"]').textContent).to.contain('Dieses Token öffnet die Nutzungszahlen nicht');
    // The sign-in was typed in the bookings view: focus is on what applies there.
    await waitUntil(() => deepActive()?.id === 'problem' && bookings.contains(document.activeElement), 'focus on the refusal');
    await expect(page).to.be.accessible();

    // "Mit anderem Token anmelden" in the figures: the page signs out, the one form asks again, without a refusal (none was).
    [...usage.shadowRoot!.querySelectorAll('button')].find((b) => b.textContent!.trim() === 'Mit anderem Token anmelden')!.click();
    await Promise.all([waitForState(bookings, 'signed-out'), waitForState(clubs, 'signed-out'), waitForState(usage, 'signed-out')]);
    expect(await withForm(page)).to.deep.equal([bookings]);
    expect(bookings.shadowRoot!.querySelector('[role="alert"]')).to.equal(null);
    await waitUntil(() => deepActive()?.id === 'token' && bookings.contains(document.activeElement), 'focus in the form');

    await signIn(bookings, stack.admin);
    await Promise.all([waitForState(bookings, 'list'), waitForState(clubs, 'list'), waitForState(usage, 'report')]);
  });

  it("a region admin's token typed where the clubs view holds the form: focus stays there, the figures say they refuse it", async () => {
    const { page, clubs, usage } = await adminPage('en', ['clubs', 'usage']);
    expect(await withForm(page)).to.deep.equal([clubs]);
    await signIn(clubs, stack.region);
    await Promise.all([waitForState(clubs, 'list'), waitForState(usage, 'refused')]);
    await settled(page);
    expect(deepActive()?.id).to.equal('clubs-title');
    expect(shadow(usage, '[role="alert"]').textContent).to.contain('This token does not open the usage figures');
    // The clubs view has its own way out.
    [...clubs.shadowRoot!.querySelectorAll('button')].find((b) => b.textContent!.trim() === 'Sign out')!.click();
    await Promise.all([waitForState(clubs, 'signed-out'), waitForState(usage, 'signed-out')]);
    expect(await withForm(page)).to.deep.equal([clubs]);
    await waitUntil(() => deepActive()?.id === 'club-token', 'focus in the form');
  });

  it('a token every element refuses: the page signs out, the one form says why and takes focus', async () => {
    const { page, bookings, clubs, usage } = await adminPage('en');
    // No element says "this token does not open …" on the way: that is for a token another one takes.
    const states: string[] = [];
    const watch = new MutationObserver((changes) => states.push(...changes.map((c) => (c.target as Element).getAttribute('state')!)));
    for (const el of [bookings, clubs, usage]) watch.observe(el, { attributes: true, attributeFilter: ['state'] });
    await signIn(bookings, 'not-the-admin-token-at-all-0123456789');
    await Promise.all([waitForState(bookings, 'signed-out'), waitForState(clubs, 'signed-out'), waitForState(usage, 'signed-out')]);
    await waitUntil(() => !!bookings.shadowRoot!.querySelector('#problem'), 'the reason');
    await settled(page);
    expect(shadow(bookings, '#problem').textContent).to.contain('The token is wrong or has expired');
    expect(await withForm(page)).to.deep.equal([bookings]);
    expect(text(clubs)).to.equal('The clubs appear here after you sign in further up this page.');
    expect(deepActive()?.id).to.equal('token');
    expect(sessionStorage.getItem(TOKEN_KEY)).to.equal(null);
    watch.disconnect();
    expect(states).to.include('loading').and.not.include('refused');
    await expect(page).to.be.accessible();
  });

  it('the element with the form leaves the page: the next one shows it; one put before all takes it over', async () => {
    const { page, bookings, clubs, usage } = await adminPage('de');
    bookings.remove();
    expect(await withForm(page)).to.deep.equal([clubs]);
    clubs.remove();
    expect(await withForm(page)).to.deep.equal([usage]);
    const first = document.createElement('verein-booking-admin');
    first.setAttribute('endpoint', location.origin);
    first.lang = 'de';
    page.prepend(first);
    expect(await withForm(page)).to.deep.equal([first]);
    expect(text(usage)).to.contain('weiter oben auf dieser Seite');
    // Signed in, a removal signs nobody out.
    await signIn(first, stack.admin);
    await Promise.all([waitForState(first, 'list'), waitForState(usage, 'report')]);
    first.remove();
    await usage.updateComplete;
    expect(usage.state).to.equal('report');
    expect(sessionStorage.getItem(TOKEN_KEY)).to.equal(stack.admin);
  });

  it('the clubs view on a server without clubs hides itself: the next element takes the form, nobody is signed out', async () => {
    await withoutClubs(async () => {
      const { page, clubs, usage } = await adminPage('en', ['clubs', 'usage']);
      expect(await withForm(page)).to.deep.equal([clubs]);
      await signIn(clubs, stack.admin);
      await waitForState(usage, 'report');
      await waitUntil(() => clubs.hidden, 'the clubs view hidden');
      expect(sessionStorage.getItem(TOKEN_KEY)).to.equal(stack.admin);
      [...usage.shadowRoot!.querySelectorAll('button')].find((b) => b.textContent!.trim() === 'Sign out')!.click();
      await waitForState(usage, 'signed-out');
      expect(await withForm(page)).to.deep.equal([usage]);
      await waitUntil(() => deepActive()?.id === 'token' && usage.contains(document.activeElement), 'focus in the form');
    });
  });

  it('the clubs view alone on a server without clubs hides itself and keeps the sign-in', async () => {
    await withoutClubs(async () => {
      const { clubs } = await adminPage('en', ['clubs']);
      await signIn(clubs, stack.admin);
      await waitUntil(() => clubs.hidden, 'the clubs view hidden');
      expect(sessionStorage.getItem(TOKEN_KEY)).to.equal(stack.admin);
    });
  });

  it('an element alone shows its form as before', async () => {
    const { page, usage } = await adminPage('en', ['usage']);
    expect(await withForm(page)).to.deep.equal([usage]);
    expect(shadow(usage, 'label').textContent).to.equal('Admin token');
  });
});
