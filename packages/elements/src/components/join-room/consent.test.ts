// The privacy consent before joining: the tenant's notice in the name form,
// no request to a conference server before the agreeing click (counted by
// the test stack's proxies in front of the sandboxes), a kept agreement per
// tenant, and the whole join with the keyboard alone.
import { expect, fixture, html, oneEvent, waitUntil } from '@open-wc/testing';
import { executeServerCommand, sendKeys } from '@web/test-runner-commands';
import '../../define.js';
import { fetchTenantInfo } from '../../api/client.js';
import type { VereinJoinedEvent } from '../../events.js';
import { de, en } from '../../i18n/index.js';
import { click, closeTabs, makeInvite, openForm, shadow, stack, submitName, waitForState, expectQuietConsole } from '../../test/helpers.js';
// @ts-expect-error served by the test runner plugin
import { bbb } from '/__stack.js';
import type { TenantInfo } from '@vereinsraum/protocol';
import { roomOrigins } from './consent.js';
import type { VereinJoinRoom } from './join-room.js';

const BBB = bbb as string;
const TENANT = 'TSV Test';
const host = (origin: string) => new URL(origin).host;

/** Requests the browser made to the BigBlueButton and the Jitsi sandbox so far (every tab and frame). */
function conferenceRequests(): Promise<{ bbb: number; jitsi: number }> {
  return executeServerCommand('conference-requests');
}

/** The counts once no tab of an earlier test asks for anything more (a tab asks for its icon a moment after its page). */
async function settledRequests(): Promise<{ bbb: number; jitsi: number }> {
  let last = await conferenceRequests();
  for (;;) {
    await new Promise((resolve) => setTimeout(resolve, 300));
    const now = await conferenceRequests();
    if (now.bbb === last.bbb && now.jitsi === last.jitsi) return now;
    last = now;
  }
}

function forgetAgreements(): void {
  for (const key of Object.keys(localStorage)) if (key.startsWith('vereinsraum.')) localStorage.removeItem(key);
}

async function joinRoom(room: string, { lang = 'de', target = '_blank', endpoint = stack.endpoint } = {}): Promise<VereinJoinRoom> {
  const el = await fixture<VereinJoinRoom>(html`
    <verein-join-room endpoint=${endpoint} tenant="tsv" room=${room} lang=${lang} target=${target} join-timeout="8000"></verein-join-room>
  `);
  // The tenant's details arrive before anyone could click: wait for them as a visitor would.
  await fetchTenantInfo({ endpoint: stack.endpoint, tenant: 'tsv' });
  await el.updateComplete;
  return el;
}

const notice = (el: VereinJoinRoom) => shadow(el, '[part="consent"]');
const submitButton = (el: VereinJoinRoom) => shadow<HTMLButtonElement>(el, 'form button[type="submit"]');

describe('verein-join-room privacy consent', () => {
  beforeEach(forgetAgreements);
  afterEach(async () => {
    await closeTabs();
    forgetAgreements();
  });
  expectQuietConsole();

  for (const [lang, t, words] of [
    ['de', de, 'Der TSV Test nutzt eigene Konferenzserver.'],
    ['en', en, 'TSV Test runs its own conference servers.'],
  ] as const) {
    it(`shows the tenant's notice in the name form, with the server and the legal links (${lang})`, async () => {
      const el = await joinRoom('training', { lang });
      await openForm(el);
      const text = notice(el).textContent!;
      expect(text).to.contain(t.privacy);
      expect(text).to.contain(words);
      expect(text).to.contain(t.sendsTo(host(BBB)));
      const [privacy, imprint] = [...notice(el).querySelectorAll('a')];
      expect(new URL(privacy!.href).pathname).to.equal('/privacy');
      expect(new URL(imprint!.href).pathname).to.equal('/imprint');
      for (const [link, label] of [
        [privacy!, t.privacyPolicy],
        [imprint!, t.imprint],
      ] as const) {
        expect(link.target).to.equal('_blank');
        expect(link.rel).to.equal('noopener');
        expect(link.textContent).to.equal(`${label} ${t.newTab}`);
        expect(link.querySelector('.visually-hidden')!.textContent).to.equal(` ${t.newTab}`);
        expect(link.getBoundingClientRect().height).to.be.at.least(44);
      }
      const box = shadow<HTMLInputElement>(el, '#consent');
      expect(box.checked, 'not ticked unless the visitor ticks it').to.equal(false);
      expect(shadow(el, 'label[for="consent"]').textContent).to.equal(t.rememberConsent(TENANT));
      expect(submitButton(el).textContent).to.equal(t.agree);
      await expect(el).to.be.accessible();
    });
  }

  for (const [what, room, target, state, origin] of [
    ['a BigBlueButton meeting in a new tab', 'training', '_blank', 'opened', 'bbb'],
    ['a BigBlueButton meeting in the page', 'mitglieder', 'embed', 'embedded', 'bbb'],
    ['a Jitsi meeting in the page', 'treff', 'embed', 'embedded', 'jitsi'],
  ] as const) {
    it(`asks no conference server for anything before the agreeing click: ${what}`, async () => {
      const before = await settledRequests();
      const el = await joinRoom(room, { target });
      await fixture(html`<verein-room-status endpoint=${stack.endpoint} tenant="tsv" room=${room}></verein-room-status>`);
      await openForm(el);
      shadow<HTMLInputElement>(el, '#name').focus();
      await sendKeys({ type: 'Vorsichtig' });
      if (room === 'mitglieder') {
        await click(shadow(el, '.link-button'));
        await el.updateComplete;
        shadow<HTMLInputElement>(el, '#code').focus();
        await sendKeys({ type: stack.codes.attendee });
      }
      await new Promise((resolve) => setTimeout(resolve, 500));
      expect(await conferenceRequests(), 'nothing before the click').to.deep.equal(before);
      expect(document.querySelector('script[src*="external_api"]')).to.equal(null);

      await click(submitButton(el));
      await waitForState(el, state);
      // And once it loaded (in a new tab: some time after the element opened the tab), no later request can count for the next test.
      await waitUntil(async () => (await conferenceRequests())[origin] > before[origin], 'the meeting loads after the click', {
        timeout: 5000,
        interval: 100,
      });
    });
  }

  it('keeps the agreement only when asked to, and it can be withdrawn', async () => {
    const el = await joinRoom('training');
    await openForm(el);
    await submitName(el, 'Einmalig');
    await waitForState(el, 'opened');
    expect(Object.keys(localStorage).filter((key) => key.startsWith('vereinsraum.consent'))).to.deep.equal([]);

    await closeTabs();
    const again = await joinRoom('training');
    await openForm(again);
    await click(shadow(again, '#consent'));
    await submitName(again, 'Merken');
    await waitForState(again, 'opened');
    const key = `vereinsraum.consent ${new URL(stack.endpoint).href} tsv`;
    expect(JSON.parse(localStorage.getItem(key)!)).to.deep.equal([BBB]);

    // Another visit: no notice, a way to withdraw instead.
    await closeTabs();
    const kept = await joinRoom('training');
    await openForm(kept);
    expect(notice(kept).textContent).to.contain(de.consentKept(TENANT));
    expect(kept.shadowRoot!.querySelector('#consent')).to.equal(null);
    expect(submitButton(kept).textContent).to.equal(de.submit);
    await expect(kept).to.be.accessible();

    const withdraw = shadow(kept, '[part="consent"] button');
    expect(withdraw.textContent).to.equal(de.withdraw);
    expect(withdraw.getBoundingClientRect().height).to.be.at.least(44);
    await click(withdraw);
    await kept.updateComplete;
    expect(localStorage.getItem(key)).to.equal(null);
    expect(notice(kept).textContent).to.contain(de.sendsTo(host(BBB)));
    expect(kept.shadowRoot!.activeElement, 'focus on the box that would keep it again').to.equal(shadow(kept, '#consent'));
    expect(submitButton(kept).textContent).to.equal(de.agree);
    await expect(kept).to.be.accessible();
  });

  it('a room on a conference server not agreed to yet asks again', async () => {
    const el = await joinRoom('training');
    await openForm(el);
    await click(shadow(el, '#consent'));
    await submitName(el, 'Erst BBB');
    await waitForState(el, 'opened');
    await closeTabs();

    const jitsiRoom = await joinRoom('treff', { lang: 'en' });
    await openForm(jitsiRoom);
    expect(notice(jitsiRoom).textContent).to.contain(en.sendsTo(host(stack.jitsi)));
    expect(submitButton(jitsiRoom).textContent).to.equal(en.agree);
    await click(shadow(jitsiRoom, '#consent'));
    await submitName(jitsiRoom, 'Then Jitsi');
    await waitForState(jitsiRoom, 'opened');
    const key = `vereinsraum.consent ${new URL(stack.endpoint).href} tsv`;
    expect(JSON.parse(localStorage.getItem(key)!)).to.have.members([BBB, stack.jitsi]);

    // Both agreed: the BigBlueButton room asks no more.
    const bbbRoom = await joinRoom('training');
    await openForm(bbbRoom);
    expect(notice(bbbRoom).textContent).to.contain(de.consentKept(TENANT));
  });

  it('a booked room names only the server booked rooms use, not the tenant’s other servers', async () => {
    const el = await fixture<VereinJoinRoom>(html`
      <verein-join-room endpoint=${stack.endpoint} tenant="tsv" lang="de" invite=${await makeInvite('b-gebucht')}></verein-join-room>
    `);
    await fetchTenantInfo({ endpoint: stack.endpoint, tenant: 'tsv' });
    await openForm(el);
    const text = notice(el).textContent!;
    expect(text).to.contain(de.sendsTo(host(BBB)));
    expect(text, 'not the Jitsi server of the listed rooms').not.to.contain(host(stack.jitsi));
    expect(text).not.to.contain('127.0.0.1:9');
    await expect(el).to.be.accessible();
  });

  it('without the tenant’s details, shows a notice that names no server and keeps nothing', async () => {
    const el = await fixture<VereinJoinRoom>(
      html`<verein-join-room endpoint="http://127.0.0.1:9" tenant="tsv" room="training" lang="de"></verein-join-room>`,
    );
    await fetchTenantInfo({ endpoint: 'http://127.0.0.1:9', tenant: 'tsv' }).catch(() => undefined);
    await openForm(el);
    expect(notice(el).textContent).to.contain(de.sendsTo(de.conferenceServer));
    expect(notice(el).querySelector('a'), 'no legal links it does not know').to.equal(null);
    expect(el.shadowRoot!.querySelector('#consent'), 'nothing to remember').to.equal(null);
    expect(submitButton(el).textContent).to.equal(de.agree);
    await expect(el).to.be.accessible();
  });

  it('follows a change of language with the form open', async () => {
    const el = await joinRoom('training');
    await openForm(el);
    expect(notice(el).textContent).to.contain('Der TSV Test nutzt eigene Konferenzserver.');
    el.lang = 'en';
    await el.updateComplete;
    const text = notice(el).textContent!;
    expect(text).to.contain('TSV Test runs its own conference servers.');
    expect(text).to.contain(en.sendsTo(host(BBB)));
    expect(text).to.contain(en.privacyPolicy);
    expect(submitButton(el).textContent).to.equal(en.agree);
    await expect(el).to.be.accessible();
  });

  it('can be joined with the keyboard alone: Tab, Enter, a name, Tab to "Agree and join", Enter', async () => {
    const wrapper = await fixture<HTMLElement>(html`
      <div>
        <a href="#top">Vorher</a>
        <verein-join-room endpoint=${stack.endpoint} tenant="tsv" room="training" lang="en"></verein-join-room>
      </div>
    `);
    const el = wrapper.querySelector('verein-join-room')!;
    await fetchTenantInfo({ endpoint: stack.endpoint, tenant: 'tsv' });
    await el.updateComplete;
    const before = await settledRequests();
    const active = () => el.shadowRoot!.activeElement as HTMLElement | null;
    const expectFocus = (what: string, selector: string) => {
      const focused = active();
      expect(focused?.matches(selector), `focus on ${what}, not ${focused?.outerHTML.slice(0, 80)}`).to.equal(true);
      expect(focused!.matches(':focus-visible'), `focus on ${what} is visible`).to.equal(true);
      // Boxes are as big as their row with the label, which takes the click too.
      const target = focused!.matches('[type="checkbox"]') ? focused!.closest('.check')! : focused!;
      expect(target.getBoundingClientRect().height, `${what} is at least 44 px tall`).to.be.at.least(44);
    };

    wrapper.querySelector('a')!.focus();
    await sendKeys({ press: 'Tab' });
    expectFocus('the join button', 'button[part="button"]');
    await sendKeys({ press: 'Enter' });
    await waitForState(el, 'asking');
    await el.updateComplete;
    expectFocus('the name', '#name');
    await sendKeys({ type: 'Keyboard Only' });
    for (const [what, selector] of [
      ['remember my name', '#remember'],
      ['I have an access code', '.link-button'],
      ['the privacy policy', '.links a:first-child'],
      ['the legal notice', '.links a:last-child'],
      ['remember my agreement', '#consent'],
      ['agree and join', 'button[type="submit"]'],
    ]) {
      await sendKeys({ press: 'Tab' });
      expectFocus(what!, selector!);
    }
    expect(active()!.textContent).to.equal(en.agree);
    expect(await conferenceRequests(), 'nothing before the agreeing key press').to.deep.equal(before);
    const joined = oneEvent(el, 'verein-joined') as Promise<VereinJoinedEvent>;
    await sendKeys({ press: 'Enter' });
    expect((await joined).detail.target).to.equal('_blank');
    await waitForState(el, 'opened');
    await el.updateComplete;
    // The new tab has the window's focus now; in this page the focus waits on the link to open the meeting again.
    expect(active()?.matches('a[part="link"]'), 'focus on the link').to.equal(true);
    await waitUntil(async () => (await conferenceRequests()).bbb > before.bbb, 'the meeting opened in a new tab', {
      timeout: 5000,
      interval: 100,
    });
  });
});

describe('roomOrigins', () => {
  const info = {
    services: [
      { kind: 'video', origin: 'https://meet.example.org' },
      { kind: 'video', origin: 'https://bbb.example.org' },
      { kind: 'chat', origin: 'https://chat.example.org' },
    ],
    rooms: [{ id: 'treff', name: 'Treff', service: 0 }],
    booked: { video: 1, chat: 2 },
  } as unknown as TenantInfo;

  it('a listed room: its service; a booked room: the service of booked rooms of its kind', () => {
    expect(roomOrigins(info, 'treff')).to.deep.equal(['https://meet.example.org']);
    expect(roomOrigins(info, 'b-abc')).to.deep.equal(['https://bbb.example.org']);
    expect(roomOrigins(info, 'b-abc', 'chat')).to.deep.equal(['https://chat.example.org']);
  });

  it('from a server that does not say which service booked rooms use: every service of the kind', () => {
    const older = { ...info, booked: undefined } as unknown as TenantInfo;
    expect(roomOrigins(older, 'b-abc')).to.deep.equal(['https://meet.example.org', 'https://bbb.example.org']);
  });
});
