// `target="embed"` for BigBlueButton: the meeting in an iframe inside the
// element, against the server helper and the sandbox, whose meeting page
// says it is ready as BigBlueButton's client does. The test stack's proxy in
// front of the sandbox can make it refuse to be framed.
import { expect, fixture, html, oneEvent, waitUntil } from '@open-wc/testing';
import { executeServerCommand, sendKeys } from '@web/test-runner-commands';
import '../../define.js';
import type { VereinJoinedEvent, VereinLeftEvent } from '../../events.js';
import { de, en } from '../../i18n/index.js';
import { click, closeTabs, openForm, shadow, stack, submitName, waitForState, expectQuietConsole } from '../../test/helpers.js';
// @ts-expect-error served by the test runner plugin
import { bbb } from '/__stack.js';
import type { VereinJoinRoom } from './join-room.js';

const BBB = bbb as string;

function embedRoom(room: string, { lang = 'de', timeout = 8000 } = {}): Promise<VereinJoinRoom> {
  return fixture<VereinJoinRoom>(html`
    <verein-join-room endpoint=${stack.endpoint} tenant="tsv" room=${room} lang=${lang} target="embed" join-timeout=${timeout}></verein-join-room>
  `);
}

const frameOf = (el: VereinJoinRoom) => el.shadowRoot!.querySelector<HTMLIFrameElement>('[part="meeting-frame"] iframe');
const region = (el: VereinJoinRoom) => shadow(el, 'section[part="meeting"]');
const buttons = (el: VereinJoinRoom) => [...region(el).querySelectorAll('button')];

/** Text of `selector` in the sandbox's BigBlueButton meeting page inside the iframe (read through the browser driver). */
function frameText(selector: string): Promise<string | null> {
  return executeServerCommand('bbb-frame', { selector, action: 'text' });
}

function refuseFraming(on: boolean): Promise<boolean> {
  return executeServerCommand('refuse-framing', { on });
}

async function joinEmbedded(el: VereinJoinRoom, name: string): Promise<VereinJoinedEvent> {
  await openForm(el);
  const joined = oneEvent(el, 'verein-joined') as Promise<VereinJoinedEvent>;
  await submitName(el, name);
  const event = await joined;
  await waitForState(el, 'embedded');
  await el.updateComplete;
  return event;
}

describe('verein-join-room target="embed" with BigBlueButton', () => {
  afterEach(async () => {
    await closeTabs();
    if (document.fullscreenElement) await document.exitFullscreen();
  });
  expectQuietConsole();

  it('shows the meeting in an iframe inside the element, allowed what a meeting needs', async () => {
    const el = await embedRoom('training');
    const event = await joinEmbedded(el, 'Erika Eingebettet');
    expect(event.detail).to.deep.include({ tenant: 'tsv', room: 'training', target: 'embed' });

    const frame = frameOf(el)!;
    const url = new URL(frame.src);
    expect(url.origin).to.equal(BBB);
    expect(url.pathname).to.equal('/bigbluebutton/api/join');
    expect(url.searchParams.get('fullName')).to.equal('Erika Eingebettet');
    const allowed = frame.allow.split(';').map((entry) => entry.trim());
    expect(allowed).to.have.members(['camera', 'microphone', 'display-capture', 'autoplay', 'fullscreen', 'clipboard-write']);
    expect(frame.allowFullscreen).to.equal(true);
    expect(frame.title).to.equal(de.meeting);
    expect(frame.referrerPolicy).to.equal('no-referrer');
    expect(frame.hasAttribute('sandbox'), 'no sandbox: the client needs scripts, storage and forms').to.equal(false);
    expect(frame.getBoundingClientRect().height).to.be.at.least(300);

    // The sandbox's meeting page holds the visitor, by the name they typed.
    expect(await frameText('[data-testid="user-name"]')).to.equal('Erika Eingebettet');

    expect(shadow(el, '#meeting-title').textContent).to.equal(de.meeting);
    expect(el.shadowRoot!.activeElement, 'focus on the meeting’s title').to.equal(shadow(el, '#meeting-title'));
    expect(shadow(el, '[role="status"]').textContent).to.contain(de.embedJoined);
    const [leave, fullscreen] = buttons(el);
    expect(leave!.textContent).to.equal(de.leave);
    expect(fullscreen!.textContent).to.equal(de.fullscreen);
    expect(fullscreen!.getAttribute('aria-pressed')).to.equal('false');
    // The same meeting in a new tab, always on offer: the page cannot see camera or microphone trouble inside the frame.
    const link = region(el).querySelector<HTMLAnchorElement>('a[part="link"]')!;
    expect(link.href).to.equal(frame.src);
    expect(link.textContent).to.equal(de.openInTab);
    for (const target of [leave!, fullscreen!, link]) expect(target.getBoundingClientRect().height).to.be.at.least(44);
    await expect(el).to.be.accessible();
  });

  it('shows the meeting region on the whole screen and back', async () => {
    const el = await embedRoom('training', { lang: 'en' });
    await joinEmbedded(el, 'Full Screen');
    const toggle = buttons(el)[1]!;
    await click(toggle);
    // The browser says so with `fullscreenchange`, a moment after the change.
    await waitUntil(() => toggle.getAttribute('aria-pressed') === 'true', 'full screen');
    expect(document.fullscreenElement).to.equal(el);
    expect(el.shadowRoot!.fullscreenElement).to.equal(region(el));
    expect(toggle.textContent, 'a toggle keeps its name; aria-pressed says its state').to.equal(en.fullscreen);
    expect(frameOf(el)!.getBoundingClientRect().height).to.be.greaterThan(window.screen.height / 2);
    await expect(el).to.be.accessible();

    await click(toggle);
    await waitUntil(() => toggle.getAttribute('aria-pressed') === 'false', 'back from full screen');
    expect(document.fullscreenElement).to.equal(null);
    expect(el.state).to.equal('embedded');
  });

  it('the leave button closes the meeting and brings the focus back to the join button', async () => {
    const el = await embedRoom('training');
    await joinEmbedded(el, 'Tastatur');
    const left = oneEvent(el, 'verein-left') as Promise<VereinLeftEvent>;
    buttons(el)[0]!.focus();
    await sendKeys({ press: 'Enter' });
    expect((await left).detail).to.deep.equal({ tenant: 'tsv', room: 'training' });
    await waitForState(el, 'idle');
    await el.updateComplete;
    expect(frameOf(el)).to.equal(null);
    expect(el.shadowRoot!.activeElement).to.equal(shadow(el, 'button[part="button"]'));
    await expect(el).to.be.accessible();
  });

  it("leaving inside BigBlueButton returns to the element: the server's page the meeting leaves to tells it", async () => {
    const el = await embedRoom('training');
    await joinEmbedded(el, 'Drinnen Verlassen');
    expect(new URL(frameOf(el)!.src).searchParams.get('logoutURL')).to.equal(`${stack.endpoint}/v1/left`);
    // The same message from anything but the meeting's frame changes nothing.
    window.postMessage({ vereinsraum: 'left' }, '*');
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(el.state).to.equal('embedded');

    const left = oneEvent(el, 'verein-left') as Promise<VereinLeftEvent>;
    // "Leave" in the meeting: BigBlueButton sends the frame to the logoutURL.
    expect(await executeServerCommand('bbb-frame', { selector: 'form[action$="/leave"] button', action: 'press' })).to.equal(true);
    expect((await left).detail).to.deep.equal({ tenant: 'tsv', room: 'training' });
    await waitForState(el, 'idle');
    await el.updateComplete;
    expect(frameOf(el)).to.equal(null);
    expect(shadow(el, 'button[part="button"]').hidden).to.equal(false);
    await expect(el).to.be.accessible();
  });

  it('follows a change of language in the meeting', async () => {
    const el = await embedRoom('training');
    await joinEmbedded(el, 'Zweisprachig');
    el.lang = 'en';
    await el.updateComplete;
    expect(shadow(el, '#meeting-title').textContent).to.equal(en.meeting);
    expect(buttons(el).map((b) => b.textContent)).to.deep.equal([en.leave, en.fullscreen]);
    expect(region(el).querySelector('a[part="link"]')!.textContent).to.equal(en.openInTab);
    expect(shadow(el, '[role="status"]').textContent).to.contain(en.embedJoined);
    await expect(el).to.be.accessible();
  });

  it('where the meeting server refuses to be framed, offers the same meeting in a new tab', async () => {
    await refuseFraming(true);
    try {
      const el = await embedRoom('training', { lang: 'en', timeout: 1500 });
      await openForm(el);
      await submitName(el, 'Refused Frame');
      await waitForState(el, 'embedding');
      await waitUntil(() => shadow(el, '[role="status"]').textContent!.includes(en.embedSlow), 'the reason', { timeout: 5000 });
      await el.updateComplete;
      expect(el.state, 'the meeting never said it is ready').to.equal('embedding');
      const frame = frameOf(el)!;
      const link = region(el).querySelector<HTMLAnchorElement>('a[part="link"]')!;
      // The same join URL: the visitor keeps name and role.
      expect(link.href).to.equal(frame.src);
      expect(new URL(link.href).searchParams.get('fullName')).to.equal('Refused Frame');
      expect(link.target).to.equal('_blank');
      expect(link.rel.split(' ')).to.include('noopener');
      await expect(el).to.be.accessible();

      const joined = oneEvent(el, 'verein-joined') as Promise<VereinJoinedEvent>;
      await click(link);
      expect((await joined).detail.target).to.equal('_blank');
      await waitForState(el, 'opened');
      expect(frameOf(el), 'the frame in the page is closed').to.equal(null);
      expect(shadow<HTMLAnchorElement>(el, 'a[part="link"]').href).to.equal(link.href);
    } finally {
      await refuseFraming(false);
    }
  });

  it('on Apple’s WebKit (Safari, iPhone, iPad) opens BigBlueButton in a new tab', async () => {
    Object.defineProperty(navigator, 'vendor', { value: 'Apple Computer, Inc.', configurable: true });
    try {
      const el = await embedRoom('training');
      await openForm(el);
      const joined = oneEvent(el, 'verein-joined') as Promise<VereinJoinedEvent>;
      await submitName(el, 'Safari');
      expect((await joined).detail.target).to.equal('_blank');
      await waitForState(el, 'opened');
      expect(new URL(shadow<HTMLAnchorElement>(el, 'a[part="link"]').href).pathname).to.equal('/bigbluebutton/api/join');
      expect(el.shadowRoot!.querySelector('section[part="meeting"]')).to.equal(null);
    } finally {
      delete (navigator as { vendor?: string }).vendor;
    }
    expect(navigator.vendor).to.equal('Google Inc.');
  });

  it('removed from the page, it closes the meeting', async () => {
    const el = await embedRoom('training');
    await joinEmbedded(el, 'Weg');
    const frame = frameOf(el)!;
    el.remove();
    expect(el.state).to.equal('idle');
    expect(frame.isConnected).to.equal(false);
  });
});
