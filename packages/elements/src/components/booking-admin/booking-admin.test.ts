// The operator's element against the stories' fake server (in the page).
import { expect, fixture, html, oneEvent, waitUntil } from '@open-wc/testing';
import './define.js';
import type { VereinBookingErrorEvent } from '../../events.js';
import { FAKE_ADMIN_TOKEN, FAKE_CHAT_BOOKING, FAKE_ENDPOINT, installFakeApi, resetFakeApi } from '../../stories/fake-api.js';
import { shadow, waitForState, expectQuietConsole } from '../../test-helpers.js';
import type { VereinBookingAdmin } from './booking-admin.js';

installFakeApi();
const TOKEN_KEY = 'vereinsraum.adminToken';

async function admin(lang = 'de'): Promise<VereinBookingAdmin> {
  const el = await fixture<VereinBookingAdmin>(html`<verein-booking-admin endpoint=${FAKE_ENDPOINT} lang=${lang}></verein-booking-admin>`);
  await el.updateComplete;
  return el;
}

async function signIn(el: VereinBookingAdmin, token: string): Promise<void> {
  shadow<HTMLInputElement>(el, '#token').value = token;
  shadow<HTMLFormElement>(el, 'form').requestSubmit();
  await waitUntil(() => el.state !== 'loading' && el.state !== 'signed-out' || !!el.shadowRoot!.querySelector('#problem'), 'an answer');
  await el.updateComplete;
}

function rows(el: VereinBookingAdmin): string[] {
  // The title, without the organisation below it.
  return [...el.shadowRoot!.querySelectorAll('tbody th[scope="row"]')].map((th) => th.textContent!.replace(th.querySelector('.hint')!.textContent!, '').trim());
}

describe('verein-booking-admin', () => {
  beforeEach(() => {
    resetFakeApi();
    sessionStorage.clear();
    localStorage.clear();
  });
  expectQuietConsole();

  it('asks for the token, keeps it for this tab only (sessionStorage), and lists the pending requests', async () => {
    const el = await admin();
    expect(el.state).to.equal('signed-out');
    expect(shadow<HTMLInputElement>(el, '#token').type).to.equal('password');
    await expect(el).to.be.accessible();
    await signIn(el, FAKE_ADMIN_TOKEN);
    expect(el.state).to.equal('list');
    expect(sessionStorage.getItem(TOKEN_KEY)).to.equal(FAKE_ADMIN_TOKEN);
    expect(localStorage.length).to.equal(0);
    expect(rows(el)).to.deep.equal(['Jahreshauptversammlung', 'Elternabend Klasse 3b', 'Austausch Trainerinnen']);
    expect(shadow(el, 'table').getAttribute('aria-labelledby')).to.equal('title');
    await expect(el).to.be.accessible();
    // A second element in the same tab needs no token.
    const again = await admin('en');
    await waitForState(again, 'list');
    await again.updateComplete;
    expect(shadow(again, 'h2').textContent).to.equal('Open booking requests');
  });

  it('approves a request', async () => {
    const el = await admin();
    await signIn(el, FAKE_ADMIN_TOKEN);
    const approve = el.shadowRoot!.querySelector<HTMLButtonElement>('tbody tr .actions .button:not(.secondary)')!;
    expect(approve.getAttribute('aria-describedby')).to.match(/^b-/);
    approve.click();
    await waitUntil(() => rows(el).length === 2, 'two left');
    await el.updateComplete;
    expect(shadow(el, '[role="status"]').textContent).to.contain('„Jahreshauptversammlung“ ist bestätigt.');
    expect(el.shadowRoot!.activeElement?.id).to.equal('title');
  });

  it('rejects with a reason', async () => {
    const el = await admin('en');
    await signIn(el, FAKE_ADMIN_TOKEN);
    const sent: string[] = [];
    const fetch = window.fetch;
    window.fetch = (input, init) => {
      if (init?.method === 'POST') sent.push(`${String(input)} ${String(init.body)}`);
      return fetch(input, init);
    };
    try {
      el.shadowRoot!.querySelector<HTMLButtonElement>('button[id^="reject-"]')!.click();
      await el.updateComplete;
      const reason = el.shadowRoot!.activeElement as HTMLTextAreaElement;
      expect(reason.localName).to.equal('textarea');
      expect(reason.labels?.[0]?.textContent).to.contain('Reason');
      await expect(el).to.be.accessible();
      reason.value = 'Der Raum ist an diesem Abend schon belegt.';
      el.shadowRoot!.querySelector<HTMLFormElement>('form.reject')!.requestSubmit();
      await waitUntil(() => rows(el).length === 2, 'two left');
    } finally {
      window.fetch = fetch;
    }
    expect(sent).to.deep.equal([`${FAKE_ENDPOINT}/v1/admin/bookings/b1pending/reject {"reason":"Der Raum ist an diesem Abend schon belegt."}`]);
    await el.updateComplete;
    expect(shadow(el, '[role="status"]').textContent).to.contain('“Jahreshauptversammlung” is declined.');
  });

  it('marks chat rooms; a chat room whose chat server fails stays in the list, with the reason', async () => {
    const el = await admin();
    await signIn(el, FAKE_ADMIN_TOKEN);
    const chat = shadow(el, `#b-${FAKE_CHAT_BOOKING}`);
    expect(chat.querySelector('.hint')!.textContent).to.equal('TSV Musterstadt · Chatraum');
    const refused = oneEvent(el, 'verein-booking-error') as Promise<VereinBookingErrorEvent>;
    chat.closest('tr')!.querySelector<HTMLButtonElement>('.actions .button:not(.secondary)')!.click();
    expect((await refused).detail.code).to.equal('chat_unavailable');
    await waitForState(el, 'error');
    await el.updateComplete;
    expect(shadow(el, '#problem').textContent).to.contain('Der Chat-Server (Mattermost) hat nicht geantwortet');
    expect(el.shadowRoot!.activeElement?.id).to.equal('problem');
    expect(rows(el)).to.include('Austausch Trainerinnen');
    await expect(el).to.be.accessible();
  });

  it('a wrong token: asks again and says why', async () => {
    const el = await admin();
    const refused = oneEvent(el, 'verein-booking-error') as Promise<VereinBookingErrorEvent>;
    await signIn(el, 'wrong');
    expect((await refused).detail.code).to.equal('unauthorized');
    await waitForState(el, 'signed-out');
    await el.updateComplete;
    expect(sessionStorage.getItem(TOKEN_KEY)).to.equal(null);
    expect(shadow(el, '#problem').textContent).to.contain('Das Token stimmt nicht');
    expect(el.shadowRoot!.activeElement?.id).to.equal('token');
    await expect(el).to.be.accessible();
  });

  it('signs out', async () => {
    const el = await admin();
    await signIn(el, FAKE_ADMIN_TOKEN);
    [...el.shadowRoot!.querySelectorAll<HTMLButtonElement>('.bar button')].at(-1)!.click();
    await el.updateComplete;
    expect(el.state).to.equal('signed-out');
    expect(sessionStorage.getItem(TOKEN_KEY)).to.equal(null);
  });
});
