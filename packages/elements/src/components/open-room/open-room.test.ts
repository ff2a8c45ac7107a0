// <verein-open-room> in real Chromium against the real server helper and the
// sandbox's BigBlueButton: open a conference, the host's panel (guest link,
// QR code read back by jsQR, host link kept on the device), a guest who waits
// and is let in when the host arrives, an expired link, the ceiling of open
// conferences, and the kiosk.
import { expect, fixture, html, oneEvent } from '@open-wc/testing';
import { executeServerCommand, sendKeys } from '@web/test-runner-commands';
import './define.js';
import type { VereinOpenedEvent } from './opened-event.js';
import { click, expectQuietConsole, setFragment, shadow, stack, submitName, waitForState } from '../../test/helpers.js';
import type { VereinJoinRoom } from '../join-room/join-room.js';
import type { VereinOpenRoom } from './open-room.js';

const KEPT = 'vereinsraum.open-rooms';

async function openRoomElement(tenant = 'offen', extra: { lang?: string; kiosk?: boolean; room?: string } = {}): Promise<VereinOpenRoom> {
  return fixture<VereinOpenRoom>(html`
    <verein-open-room
      endpoint=${stack.endpoint}
      tenant=${tenant}
      lang=${extra.lang ?? 'de'}
      room=${extra.room ?? ''}
      ?kiosk=${extra.kiosk ?? false}
    ></verein-open-room>
  `);
}

/** Open a conference through the element: the big button, a title, "Agree and open". */
async function openThroughElement(el: VereinOpenRoom, title = 'Omas Geburtstag'): Promise<string> {
  await el.updateComplete;
  await click(shadow(el, 'button[part="button"]'));
  await waitForState(el, 'asking');
  await el.updateComplete;
  shadow<HTMLInputElement>(el, '#title').focus();
  await sendKeys({ type: title });
  const opened = oneEvent(el, 'verein-opened') as Promise<VereinOpenedEvent>;
  await click(shadow(el, 'button[type="submit"]'));
  const { detail } = await opened;
  await waitForState(el, 'host');
  await el.updateComplete;
  return detail.room;
}

/** The nested join button. */
function nested(el: VereinOpenRoom): VereinJoinRoom {
  return shadow<VereinJoinRoom>(el, 'verein-join-room');
}

/** Read the QR code the element drew: the SVG onto a canvas, its pixels decoded by jsQR on the test server. */
async function decodeQr(svg: SVGSVGElement): Promise<string | null> {
  const size = 400;
  const image = new Image();
  image.src = `data:image/svg+xml;charset=utf-8,${encodeURIComponent(new XMLSerializer().serializeToString(svg))}`;
  await image.decode();
  const canvas = document.createElement('canvas');
  canvas.width = canvas.height = size;
  const context = canvas.getContext('2d')!;
  context.drawImage(image, 0, 0, size, size);
  const { data } = context.getImageData(0, 0, size, size);
  let binary = '';
  for (let i = 0; i < data.length; i += 0x8000) binary += String.fromCharCode(...data.subarray(i, i + 0x8000));
  return executeServerCommand('decode-qr', { data: btoa(binary), width: size, height: size });
}

/** The host comes in by the server's join route with the host token and enters the meeting page: the meeting runs. */
async function hostArrives(room: string, token: string): Promise<void> {
  const response = await fetch(`${stack.endpoint}/v1/rooms/offen/${room}/join`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ displayName: 'Oma', invite: token }),
  });
  const { url, role } = (await response.json()) as { url: string; role: string };
  expect(role).to.equal('moderator');
  // Into the meeting page (a cross-origin page: no answer to read), so the meeting runs.
  await fetch(url, { mode: 'no-cors' });
}

describe('verein-open-room', () => {
  expectQuietConsole();
  beforeEach(() => {
    setFragment('');
    for (const key of Object.keys(localStorage))
      if (key.startsWith(KEPT) || key.startsWith('vereinsraum.consent')) localStorage.removeItem(key);
  });
  afterEach(() => setFragment(''));

  it('opens a conference: the host sees the name, the guest link, its QR code, the host link once, and the way in as host', async () => {
    const el = await openRoomElement();
    const room = await openThroughElement(el);
    expect(room).to.match(/^o-(?:[a-z]{3,8}-){6}\d\d$/);
    expect(shadow(el, '#host-title').textContent).to.equal('Omas Geburtstag');
    expect(shadow(el, '.name').textContent).to.equal(room.slice(2).replaceAll('-', ' '));
    const guestUrl = shadow<HTMLInputElement>(el, '#guest-link').value;
    expect(guestUrl).to.equal(`${location.href.split('#')[0]}#open=${room}`);
    const hostUrl = shadow<HTMLInputElement>(el, '#host-link').value;
    expect(hostUrl).to.contain(`#open=${room}&host=`);

    await click(shadow(el, 'button[aria-controls="qr"]'));
    await el.updateComplete;
    expect(await decodeQr(shadow<SVGSVGElement>(el, 'svg.qr'))).to.equal(guestUrl);

    // The host link is kept on this device; the nested join button carries it.
    const kept = JSON.parse(localStorage.getItem(Object.keys(localStorage).find((key) => key.startsWith(KEPT))!)!);
    expect(kept[0]).to.include({ room, title: 'Omas Geburtstag' });
    expect(hostUrl).to.contain(encodeURIComponent(kept[0].token));
    expect(nested(el).room).to.equal(room);
    expect(nested(el).invite).to.equal(kept[0].token);
    await expect(el).to.be.accessible();
  });

  it('a guest opens the link, waits for the host, and is let in without a reload when the host arrives', async () => {
    const host = await openRoomElement();
    const room = await openThroughElement(host, 'Chorprobe');
    const token = nested(host).invite;
    host.remove();

    setFragment(`open=${room}`);
    localStorage.clear();
    const guest = await openRoomElement();
    await waitForState(guest, 'guest');
    await guest.updateComplete;
    expect(shadow(guest, '#guest-title').textContent).to.equal('Chorprobe');
    const join = nested(guest);
    expect(join.invite).to.equal('');
    await join.updateComplete;
    await click(shadow(join, 'button[part="button"]'));
    await waitForState(join, 'asking');
    await join.updateComplete;
    await submitName(join, 'Enkel');
    await waitForState(join, 'waiting');

    await hostArrives(room, token);
    await waitForState(join, 'ready', 15000);
    expect(shadow<HTMLAnchorElement>(join, 'a[part="link"]').href).to.contain('/bigbluebutton/api/join');
  });

  it('the host leaves and comes back: the kept conference takes them to the host panel, and the host link of a page is kept and taken out of the address', async () => {
    const el = await openRoomElement();
    const room = await openThroughElement(el, 'Vorstand');
    const token = nested(el).invite;
    el.remove();

    const again = await openRoomElement();
    await again.updateComplete;
    const back = shadow(again, '.kept button');
    expect(back.textContent).to.contain('Vorstand');
    await click(back);
    await waitForState(again, 'host');
    await again.updateComplete;
    expect(nested(again).invite).to.equal(token);
    expect(again.shadowRoot!.querySelector('#host-link'), 'the host link is shown only once').to.equal(null);
    again.remove();

    // On another device: the host link itself.
    localStorage.clear();
    setFragment(`open=${room}&host=${encodeURIComponent(token)}`);
    const device = await openRoomElement();
    await waitForState(device, 'host');
    expect(location.hash).to.equal(`#open=${room}`);
    expect(nested(device).invite).to.equal(token);
  });

  it('an expired link says so in plain words and offers a new conference', async () => {
    const room = (await executeServerCommand('expired-open-room')) as string;
    setFragment(`open=${room}`);
    const el = await openRoomElement('offen', { lang: 'en' });
    await waitForState(el, 'expired');
    await el.updateComplete;
    expect(shadow(el, '[role="alert"]').textContent).to.contain('This conference has expired');
    expect(shadow(el, 'button[part="button"]').textContent).to.equal('Start a new conference');
    await expect(el).to.be.accessible();
    await click(shadow(el, 'button[part="button"]'));
    await waitForState(el, 'asking');
  });

  it('the ceiling of open conferences: the second one is refused with a message in the visitor language', async () => {
    const first = await fetch(`${stack.endpoint}/v1/tenants/knapp/open-rooms/challenge`);
    expect(first.status).to.equal(200);
    const el = await openRoomElement('knapp');
    // The tenant holds one conference at once: the first opens, the second is refused.
    await openThroughElement(el, 'Eins');
    el.remove();
    const second = await openRoomElement('knapp');
    await second.updateComplete;
    await click(shadow(second, 'button[part="button"]'));
    await waitForState(second, 'asking');
    await second.updateComplete;
    await click(shadow(second, 'button[type="submit"]'));
    await waitForState(second, 'error');
    await second.updateComplete;
    expect(shadow(second, '[role="alert"]').textContent).to.contain('so viele Konferenzen offen');
  });

  it('kiosk: a fixed conference, its title and one big button; very large targets', async () => {
    const host = await openRoomElement();
    const room = await openThroughElement(host, 'Pflegeheim Sonnenhof');
    host.remove();
    localStorage.clear();
    const el = await openRoomElement('offen', { kiosk: true, room });
    await waitForState(el, 'guest');
    await el.updateComplete;
    expect(shadow(el, 'h2').textContent).to.equal('Pflegeheim Sonnenhof');
    const join = nested(el);
    await join.updateComplete;
    const button = shadow(join, 'button[part="button"]');
    expect(join.textContent, 'the label in the join button').to.equal('Jetzt teilnehmen');
    expect(join.target, 'the meeting inside the page: after it, the big button is back').to.equal('embed');
    expect(button.getBoundingClientRect().height).to.be.greaterThan(120);
    await expect(el).to.be.accessible();
  });

  it('kiosk: staff set the name and the agreement up once; after that one tap reaches the conference, and after it the big button is back', async () => {
    const host = await openRoomElement();
    const room = await openThroughElement(host, 'Sonnenhof');
    const token = nested(host).invite;
    host.remove();
    localStorage.clear();
    await hostArrives(room, token);
    const el = await openRoomElement('offen', { kiosk: true, room });
    await waitForState(el, 'guest');
    await el.updateComplete;
    const join = nested(el);
    await join.updateComplete;

    // The staff's setup: the first tap asks for the name, and they keep it and the agreement on the tablet.
    await click(shadow(join, 'button[part="button"]'));
    await waitForState(join, 'asking');
    await join.updateComplete;
    await click(shadow(join, '#remember'));
    await click(shadow(join, '#consent'));
    await submitName(join, 'Frau Berger');
    await waitForState(join, 'embedded', 15000);
    await click(shadow(join, 'section[part="meeting"] button'));
    await waitForState(join, 'idle');

    // The resident, the next day: one tap, and the conference is on the screen, with no form on the way.
    el.remove();
    const tablet = await openRoomElement('offen', { kiosk: true, room });
    await waitForState(tablet, 'guest');
    await tablet.updateComplete;
    const big = nested(tablet);
    await big.updateComplete;
    const states: string[] = [];
    new MutationObserver(() => states.push(big.state)).observe(big, { attributeFilter: ['state'] });
    const joined = oneEvent(big, 'verein-join');
    await click(shadow(big, 'button[part="button"]'));
    expect((await joined).detail.displayName).to.equal('Frau Berger');
    await waitForState(big, 'embedded', 15000);
    expect(states, 'no form between the tap and the meeting').not.to.include('asking');
    await click(shadow(big, 'section[part="meeting"] button'));
    await waitForState(big, 'idle');
    await big.updateComplete;
    expect(shadow(big, 'button[part="button"]').hidden, 'the big button is back').to.equal(false);
  });

  it('kiosk: without a name kept on the tablet, the tap still asks for it', async () => {
    const host = await openRoomElement();
    const room = await openThroughElement(host, 'Sonnenhof');
    host.remove();
    localStorage.clear();
    localStorage.setItem('vereinsraum.displayName', 'Frau Berger');
    const el = await openRoomElement('offen', { kiosk: true, room });
    await waitForState(el, 'guest');
    const join = nested(el);
    await join.updateComplete;
    // A name, but no agreement kept: the notice must be read and agreed to.
    await click(shadow(join, 'button[part="button"]'));
    await waitForState(join, 'asking');
    await join.updateComplete;
    expect(shadow<HTMLInputElement>(join, '#name').value).to.equal('Frau Berger');
  });
});
