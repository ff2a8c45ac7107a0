// `target="embed"`: a Jitsi meeting inside the element, against the server
// helper and the sandbox's Jitsi server (its own origin, its own iframe API).
import { expect, fixture, html, oneEvent, waitUntil } from '@open-wc/testing';
import '../../define.js';
import type { VereinJoinedEvent, VereinLeftEvent } from '../../events.js';
import { de, en } from '../../i18n/index.js';
import { FAKE_ENDPOINT, FAKE_ROOMS, FAKE_TENANT, installFakeApi } from '../../stories/fake-api.js';
import {
  click,
  closeTabs,
  jitsiCalls,
  jitsiFrameClick,
  jitsiFrameText,
  makeInvite,
  openForm,
  setFragment,
  setJitsiDeviceFailure,
  shadow,
  stack,
  submitName,
  waitForState,
  expectQuietConsole,
} from '../../test/helpers.js';
import type { VereinJoinRoom } from './join-room.js';

const NAME_KEY = 'vereinsraum.displayName';
const API_SCRIPT = `${stack.jitsi}/external_api.js`;

// Keep every request of this page in the resource timing buffer: the tests count them.
performance.setResourceTimingBufferSize(10_000);

function embedRoom(room: string, { lang = 'de', timeout = 8000 }: { lang?: string; timeout?: number } = {}): Promise<VereinJoinRoom> {
  return fixture<VereinJoinRoom>(html`
    <verein-join-room endpoint=${stack.endpoint} tenant="tsv" room=${room} lang=${lang} target="embed" join-timeout=${timeout}></verein-join-room>
  `);
}

/** Requests this page made to `origin` (scripts, iframes, fetches), from the browser's own record. */
function requestsTo(origin: string): string[] {
  return performance
    .getEntriesByType('resource')
    .map((entry) => entry.name)
    .filter((name) => name.startsWith(`${origin}/`));
}

function frameOf(el: VereinJoinRoom): HTMLIFrameElement | null {
  return el.shadowRoot!.querySelector('[part="meeting-frame"] iframe');
}

/** Join with a name and wait until the embedded meeting reports the visitor is in. */
async function joinEmbedded(el: VereinJoinRoom, name: string): Promise<VereinJoinedEvent> {
  await openForm(el);
  const joined = oneEvent(el, 'verein-joined') as Promise<VereinJoinedEvent>;
  await submitName(el, name);
  const event = await joined;
  await waitForState(el, 'embedded');
  await el.updateComplete;
  return event;
}

describe('verein-join-room target="embed"', () => {
  beforeEach(() => {
    localStorage.removeItem(NAME_KEY);
  });
  afterEach(async () => {
    await closeTabs();
    setFragment('');
  });
  expectQuietConsole();

  it('asks the meeting server for nothing before the visitor joins', async () => {
    const joinsBefore = (await jitsiCalls()).joins;
    const el = await embedRoom('treff');
    await openForm(el);
    await expect(el).to.be.accessible();
    expect(requestsTo(stack.jitsi)).to.deep.equal([]);
    expect(document.querySelector(`script[src="${API_SCRIPT}"]`)).to.equal(null);
    expect((await jitsiCalls()).joins).to.equal(joinsBefore);
  });

  it('shows the meeting in the element, says when the visitor is in, and when they left', async () => {
    const el = await embedRoom('treff');
    const joined = await joinEmbedded(el, 'Erika Embed');
    expect(joined.detail).to.deep.include({ tenant: 'tsv', room: 'treff', target: 'embed' });
    expect(joined.bubbles && joined.composed).to.equal(true);

    // The iframe lives inside the element's own region, with a title and the features a meeting needs.
    const frame = frameOf(el)!;
    expect(frame, 'the meeting iframe').to.exist;
    expect(new URL(frame.src).origin).to.equal(stack.jitsi);
    const allowed = frame.allow.split(';').map((entry) => entry.trim().split(/\s+/)[0]);
    expect(allowed).to.include.members(['camera', 'microphone', 'display-capture', 'autoplay', 'fullscreen']);
    expect(frame.title).to.equal(de.meeting);
    const region = shadow(el, 'section[part="meeting"]');
    expect(shadow(el, `#${region.getAttribute('aria-labelledby')}`).textContent).to.equal(de.meeting);
    expect(frame.getBoundingClientRect().height).to.be.at.least(300);
    expect(shadow(el, '[role="status"]').textContent).to.contain(de.embedJoined);
    // A new tab is always on offer: the same meeting, the same token.
    const link = region.querySelector<HTMLAnchorElement>('a[part="link"]')!;
    expect(new URL(link.href).searchParams.get('jwt')).to.equal(new URL(frame.src).searchParams.get('jwt'));
    await expect(el).to.be.accessible();

    // The sandbox's meeting page holds the visitor, by the name they typed.
    expect(await jitsiFrameText('[data-testid="user-name"]')).to.equal('Erika Embed');
    expect(await jitsiFrameText('[data-testid="room-name"]')).to.equal('tsv_treff');

    // Leaving in the meeting closes it and brings back the button.
    const left = oneEvent(el, 'verein-left') as Promise<VereinLeftEvent>;
    expect(await jitsiFrameClick('[data-testid="leave"]')).to.equal(true);
    const event = await left;
    expect(event.detail).to.deep.equal({ tenant: 'tsv', room: 'treff' });
    expect(event.bubbles && event.composed).to.equal(true);
    await waitForState(el, 'idle');
    await el.updateComplete;
    expect(frameOf(el)).to.equal(null);
    expect(el.shadowRoot!.activeElement).to.equal(shadow(el, 'button[part="button"]'));
    await expect(el).to.be.accessible();
  });

  it('loads external_api.js from the meeting server once, however often the visitor joins', async () => {
    const el = await embedRoom('treff');
    await joinEmbedded(el, 'Zweimal');
    await click(shadow(el, 'section[part="meeting"] button'));
    await waitForState(el, 'idle');
    await joinEmbedded(el, 'Zweimal');
    expect(document.querySelectorAll(`script[src="${API_SCRIPT}"]`)).to.have.length(1);
    expect(requestsTo(stack.jitsi).filter((name) => name === API_SCRIPT)).to.have.length(1);
  });

  it('moves the focus to the meeting, and the leave button above it closes the meeting', async () => {
    const el = await embedRoom('treff', { lang: 'en' });
    await joinEmbedded(el, 'Keyboard User');
    expect(el.shadowRoot!.activeElement).to.equal(shadow(el, '#meeting-title'));
    expect(shadow(el, '#meeting-title').textContent).to.equal(en.meeting);
    expect(shadow(el, '[role="status"]').textContent).to.contain(en.embedJoined);
    const leave = shadow(el, 'section[part="meeting"] button');
    expect(leave.textContent).to.equal(en.leave);
    expect(leave.getBoundingClientRect().height).to.be.at.least(44);
    const left = oneEvent(el, 'verein-left');
    await click(leave);
    await left;
    await waitForState(el, 'idle');
    expect(frameOf(el)).to.equal(null);
  });

  it('a moderator invite makes the visitor moderator of the embedded meeting', async () => {
    setFragment(`invite=${await makeInvite('rat', 'moderator')}`);
    const el = await embedRoom('rat');
    await openForm(el);
    expect(el.shadowRoot!.querySelector('#code, .link-button')).to.equal(null);
    const joined = oneEvent(el, 'verein-joined') as Promise<VereinJoinedEvent>;
    await submitName(el, 'Ratsvorsitz');
    expect((await joined).detail).to.deep.include({ room: 'rat', role: 'moderator', target: 'embed' });
    expect(await jitsiFrameText('[data-testid="user-role"]')).to.equal('moderator');
  });

  it('offers a new tab when camera and microphone are blocked in the page', async () => {
    await setJitsiDeviceFailure(true);
    try {
      const el = await embedRoom('treff');
      await joinEmbedded(el, 'Ohne Kamera');
      await waitUntil(() => shadow(el, '[role="status"]').textContent!.includes(de.embedDevices), 'the reason');
      await el.updateComplete;
      const link = shadow<HTMLAnchorElement>(el, 'a[part="link"]');
      expect(new URL(link.href).origin).to.equal(stack.jitsi);
      expect(new URL(link.href).searchParams.get('jwt')).to.equal(new URL(frameOf(el)!.src).searchParams.get('jwt'));
      expect(link.target).to.equal('_blank');
      expect(link.rel.split(' ')).to.include('noopener');
      expect(link.textContent).to.equal(de.openInTab);
      await expect(el).to.be.accessible();

      // Opening it there closes the one in the page.
      await click(link);
      await waitForState(el, 'opened');
      expect(frameOf(el)).to.equal(null);
    } finally {
      await setJitsiDeviceFailure(false);
    }
  });

  it('offers a new tab when the meeting server’s script cannot load', async () => {
    const el = await embedRoom('weg', { lang: 'en' });
    await openForm(el);
    const failed = new Promise<void>((resolve) => el.addEventListener('verein-error', () => resolve(), { once: true }));
    await submitName(el, 'Unreachable');
    await waitForState(el, 'ready');
    await el.updateComplete;
    const link = shadow<HTMLAnchorElement>(el, 'a[part="link"]');
    expect(new URL(link.href).origin).to.equal('http://127.0.0.1:9');
    expect(link.textContent).to.equal(en.openInTab);
    expect(shadow(el, '[role="status"]').textContent).to.contain(en.embedFailed);
    expect(el.shadowRoot!.activeElement).to.equal(link);
    expect(el.shadowRoot!.querySelector('section[part="meeting"]')).to.equal(null);
    await expect(el).to.be.accessible();
    // Not an error of the join: the visitor can still get in.
    const raced = await Promise.race([failed.then(() => 'error'), new Promise((resolve) => setTimeout(resolve, 100, 'none'))]);
    expect(raced).to.equal('none');
  });

  it('offers a new tab at once when the meeting server refuses the token', async () => {
    const refusedBefore = (await jitsiCalls()).refused;
    const el = await embedRoom('zaeh');
    await openForm(el);
    await submitName(el, 'Abgewiesen');
    await waitForState(el, 'ready');
    await el.updateComplete;
    expect((await jitsiCalls()).refused).to.be.greaterThan(refusedBefore, 'the sandbox refused the token');
    expect(el.shadowRoot!.querySelector('section[part="meeting"]'), 'the refused meeting is closed').to.equal(null);
    expect(shadow(el, '[role="status"]').textContent).to.contain(de.embedFailed);
    expect(shadow(el, 'a[part="link"]')).to.exist;
    await expect(el).to.be.accessible();
  });

  it('offers a new tab when the meeting does not start in time, and keeps it in the page', async () => {
    installFakeApi();
    const el = await fixture<VereinJoinRoom>(html`
      <verein-join-room endpoint=${FAKE_ENDPOINT} tenant=${FAKE_TENANT} room=${FAKE_ROOMS.jitsiSilent} lang="de" target="embed" join-timeout="600"></verein-join-room>
    `);
    await openForm(el);
    await submitName(el, 'Geduld');
    await waitForState(el, 'embedding');
    await waitUntil(() => shadow(el, '[role="status"]').textContent!.includes(de.embedSlow), 'the reason', { timeout: 4000 });
    await el.updateComplete;
    expect(el.state).to.equal('embedding');
    expect(frameOf(el), 'the meeting stays in the page').to.exist;
    expect(shadow(el, 'section[part="meeting"] a[part="link"]').textContent).to.equal(de.openInTab);
    await expect(el).to.be.accessible();
    const left = oneEvent(el, 'verein-left');
    await click(shadow(el, 'section[part="meeting"] button'));
    await left;
    await waitForState(el, 'idle');
  });

  it('offers a new tab in place of a meeting that fails for good', async () => {
    // The stories' fake server and iframe API (served by the test runner on this page's origin): the sandbox never fails fatally.
    installFakeApi();
    const el = await fixture<VereinJoinRoom>(html`
      <verein-join-room endpoint=${FAKE_ENDPOINT} tenant=${FAKE_TENANT} room=${FAKE_ROOMS.jitsiBroken} lang="en" target="embed"></verein-join-room>
    `);
    await openForm(el);
    const left = new Promise<void>((resolve) => el.addEventListener('verein-left', () => resolve(), { once: true }));
    const joined = oneEvent(el, 'verein-joined');
    await submitName(el, 'Broken');
    await joined;
    await waitForState(el, 'ready');
    await el.updateComplete;
    expect(el.shadowRoot!.querySelector('section[part="meeting"]')).to.equal(null);
    expect(shadow(el, '[role="status"]').textContent).to.contain(en.embedFailed);
    expect(shadow<HTMLAnchorElement>(el, 'a[part="link"]').href).to.equal(
      new URL(`/#vereinsraum-story-meeting-${FAKE_ROOMS.jitsiBroken}`, location.origin).href,
    );
    await expect(el).to.be.accessible();
    const raced = await Promise.race([left.then(() => 'left'), new Promise((resolve) => setTimeout(resolve, 100, 'none'))]);
    expect(raced, 'not a leave: the visitor did not hang up').to.equal('none');
  });

  it('removed from the page, it closes the meeting and starts afresh', async () => {
    const el = await embedRoom('treff');
    await joinEmbedded(el, 'Weg damit');
    const frame = frameOf(el)!;
    const parent = el.parentElement!;
    el.remove();
    expect(el.state).to.equal('idle');
    expect(frame.parentNode, 'the API was disposed').to.equal(null);
    parent.append(el);
    await el.updateComplete;
    expect(shadow(el, 'button[part="button"]').hidden).to.equal(false);
    expect(frameOf(el)).to.equal(null);
  });
});
