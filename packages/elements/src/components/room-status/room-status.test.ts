// The status badge against the real server helper and the BigBlueButton
// sandbox: live updates over Server-Sent Events, one connection per page for
// all its rooms, polling where a proxy blocks the events.
import { expect, fixture, html, waitUntil } from '@open-wc/testing';
import { emulateMedia, executeServerCommand } from '@web/test-runner-commands';
import '../../define.js';
import { fetchTenantInfo } from '../../api/client.js';
import type { VereinJoinRoom } from '../join-room/join-room.js';
import {
  click,
  closeTabs,
  endMeeting,
  eventStreams,
  openForm,
  setEventsBlocked,
  setUpstreamDown,
  shadow,
  stack,
  startMeeting,
  submitName,
  waitForState,
  expectQuietConsole,
} from '../../test/helpers.js';
import { systemColour } from '../../test/a11y-sweep.js';
import type { RoomStatusState, VereinRoomStatus } from './room-status.js';

interface Options {
  lang?: string;
  variant?: 'badge' | 'detailed';
  hiddenWhenIdle?: boolean;
  tenant?: string;
  endpoint?: string;
}

function badge(
  room: string,
  { lang = 'de', variant = 'badge', hiddenWhenIdle = false, tenant = 'tsv', endpoint = stack.endpoint }: Options = {},
) {
  return fixture<VereinRoomStatus>(html`
    <verein-room-status
      endpoint=${endpoint}
      tenant=${tenant}
      room=${room}
      lang=${lang}
      variant=${variant}
      ?hidden-when-idle=${hiddenWhenIdle}
      poll-interval="200"
    ></verein-room-status>
  `);
}

const label = (el: VereinRoomStatus) => shadow(el, '[part="label"]').textContent;
const details = (el: VereinRoomStatus) => el.shadowRoot!.querySelector('[part="details"]')?.textContent ?? null;
const announcement = (el: VereinRoomStatus) => shadow(el, '[role="status"]').textContent!.trim();

async function reach(el: VereinRoomStatus, state: RoomStatusState, text?: string): Promise<void> {
  await waitForState(el, state);
  if (text !== undefined) await waitUntil(() => label(el) === text, `label "${text}" (now "${label(el)}")`, { timeout: 8000 });
  await el.updateComplete;
}

/** The server's status of a room, as the page would get it. */
async function serverStatus(room: string): Promise<{ startedAt: string | null; checkedAt: string; stale: boolean }> {
  return (await fetch(`${stack.endpoint}/v1/rooms/tsv/${room}/status`, { cache: 'no-store' })).json();
}

/** The stack's event-stream connections: how many were asked for, how many are open, and the rooms of each open one. */
async function connections(): Promise<{ requested: number; open: number; rooms: string[][] }> {
  return (await eventStreams()).connections;
}

/** Wait until no event stream is open (an earlier test's may still be closing). */
function settled(what = 'no event stream open'): Promise<void> {
  return waitUntil(async () => (await connections()).open === 0, what, { timeout: 3000, interval: 100 });
}

const clock = (lang: string, iso: string) => new Intl.DateTimeFormat(lang, { timeStyle: 'short' }).format(new Date(iso));
const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe('verein-room-status', () => {
  afterEach(async () => {
    await closeTabs();
  });
  expectQuietConsole();

  describe('states', () => {
    it('says it is checking until the first answer', async () => {
      const el = await badge('status-1');
      expect(el.state).to.equal('checking');
      expect(label(el)).to.equal('Status wird geprüft');
      await expect(el).to.be.accessible();
      await reach(el, 'idle');
    });

    it('idle: a dot and a short text, in German and English', async () => {
      const el = await badge('status-1');
      await reach(el, 'idle', 'Gerade frei');
      expect(el.getAttribute('state')).to.equal('idle');
      expect(shadow(el, '[part="dot"]')).to.exist;
      expect(details(el)).to.equal(null);
      expect(announcement(el), 'the first value is not announced').to.equal('');
      await expect(el).to.be.accessible();

      const english = await badge('status-1', { lang: 'en' });
      await reach(english, 'idle', 'Not in use right now');
      await expect(english).to.be.accessible();
    });

    it('live: how many people are in the room, singular and plural', async () => {
      await startMeeting('status-2');
      const el = await badge('status-2');
      await reach(el, 'live', 'Jetzt live · 1 Person');
      await expect(el).to.be.accessible();
      const english = await badge('status-2', { lang: 'en', variant: 'detailed' });
      await reach(english, 'live', 'Live now · 1 person');

      await startMeeting('status-2');
      await reach(el, 'live', 'Jetzt live · 2 Personen');
      await reach(english, 'live', 'Live now · 2 people');
      const { startedAt } = await serverStatus('status-2');
      expect(details(english)).to.equal(`Started at ${clock('en', startedAt!)}`);
      await expect(english).to.be.accessible();
      await endMeeting('status-2');
    });

    it('detailed: since when the meeting runs, in German', async () => {
      await startMeeting('status-8');
      const el = await badge('status-8', { variant: 'detailed' });
      await reach(el, 'live', 'Jetzt live · 1 Person');
      const { startedAt } = await serverStatus('status-8');
      expect(details(el)).to.equal(`Läuft seit ${clock('de', startedAt!)} Uhr`);
      expect(el.getAttribute('variant')).to.equal('detailed');
      await expect(el).to.be.accessible();
      await endMeeting('status-8');
    });

    it('unknown for a room whose server cannot count (Jitsi without room-size endpoint); hidden-when-idle keeps it', async () => {
      const el = await badge('weg', { hiddenWhenIdle: true });
      await reach(el, 'unknown', 'Status unbekannt');
      expect(el.getBoundingClientRect().width).to.be.greaterThan(20);
      await expect(el).to.be.accessible();
      const english = await badge('weg', { lang: 'en' });
      await reach(english, 'unknown', 'Status unknown');
      await expect(english).to.be.accessible();
    });

    it('stale: the detailed variant says how old the status is while the conference server does not answer', async () => {
      const el = await badge('status-4', { variant: 'detailed' });
      const english = await badge('status-4', { variant: 'detailed', lang: 'en' });
      await reach(el, 'idle', 'Gerade frei');
      const plain = await badge('status-4');
      await reach(plain, 'idle');
      await setUpstreamDown(true);
      try {
        await waitUntil(() => details(el) !== null, 'stale', { timeout: 5000 });
        const { checkedAt, stale } = await serverStatus('status-4');
        expect(stale).to.equal(true);
        expect(details(el)).to.equal(`Stand: ${clock('de', checkedAt)} Uhr`);
        expect(el.state, 'the last known state stays').to.equal('idle');
        expect(label(el)).to.equal('Gerade frei');
        await waitUntil(() => details(english) !== null);
        expect(details(english)).to.equal(`As of ${clock('en', checkedAt)}`);
        expect(details(plain), 'the badge variant shows no details').to.equal(null);
        await expect(el).to.be.accessible();
        await expect(english).to.be.accessible();
      } finally {
        await setUpstreamDown(false);
      }
      await waitUntil(() => details(el) === null, 'fresh again', { timeout: 5000 });
    });
  });

  describe('live updates', () => {
    it('follows the meeting as it starts and ends, and announces only changes of state', async () => {
      const asked = (await eventStreams()).requested['status-3'] ?? 0;
      const el = await badge('status-3');
      await reach(el, 'idle');
      const region = shadow(el, '[role="status"]');
      const heard: string[] = [];
      new MutationObserver(() => heard.push(region.textContent!.trim())).observe(region, {
        subtree: true,
        characterData: true,
        childList: true,
      });

      await startMeeting('status-3');
      await reach(el, 'live', 'Jetzt live · 1 Person');
      expect(announcement(el)).to.equal('Jetzt live · 1 Person');
      await expect(el).to.be.accessible();

      await startMeeting('status-3');
      await reach(el, 'live', 'Jetzt live · 2 Personen');
      await pause(300);
      await endMeeting('status-3');
      await reach(el, 'idle', 'Gerade frei');
      await pause(700);
      expect(announcement(el)).to.equal('Gerade frei');
      expect(
        heard.filter((text, i) => text && text !== heard[i - 1]),
        'one announcement per change of state',
      ).to.deep.equal(['Jetzt live · 1 Person', 'Gerade frei']);
      expect((await eventStreams()).requested['status-3'], 'all over one event stream').to.equal(asked + 1);
    });

    it('hidden-when-idle: out of sight while idle, shown and announced when the meeting starts', async () => {
      const el = await badge('status-5', { hiddenWhenIdle: true, lang: 'en' });
      await reach(el, 'idle');
      expect(el.getBoundingClientRect().width).to.be.at.most(1);
      expect(getComputedStyle(shadow(el, '.badge')).display).to.equal('none');
      await expect(el).to.be.accessible();
      await startMeeting('status-5');
      await reach(el, 'live', 'Live now · 1 person');
      expect(el.getBoundingClientRect().width).to.be.greaterThan(20);
      expect(announcement(el)).to.equal('Live now · 1 person');
      await expect(el).to.be.accessible();
      await endMeeting('status-5');
      await reach(el, 'idle');
      expect(announcement(el), 'the end is announced too').to.equal('Not in use right now');
    });

    it('still updates through /status where a proxy blocks the event stream, and goes back to it later', async function (this: {
      timeout(ms: number): void;
    }) {
      this.timeout(30000);
      await setEventsBlocked(true);
      try {
        const el = await badge('status-7');
        await reach(el, 'idle', 'Gerade frei');
        await startMeeting('status-7');
        await reach(el, 'live', 'Jetzt live · 1 Person');
        await endMeeting('status-7');
        await reach(el, 'idle');
        const streams = await eventStreams();
        expect(streams.requested['status-7'], 'the event stream was tried').to.be.at.least(1);
        expect(streams.open['status-7'] ?? 0).to.equal(0);
        await expect(el).to.be.accessible();
        await setEventsBlocked(false);
        await waitUntil(async () => (await eventStreams()).open['status-7'] === 1, 'the event stream again', {
          timeout: 15000,
          interval: 250,
        });
        await startMeeting('status-7');
        await reach(el, 'live');
        await endMeeting('status-7');
      } finally {
        await setEventsBlocked(false);
      }
    });
  });

  describe('one connection per page', () => {
    it('badges for several rooms and a waiting join button share one event stream, opened again for a room added later, closed when they are gone', async function (this: {
      timeout(ms: number): void;
    }) {
      this.timeout(20000);
      await settled();
      const { requested } = await connections();
      const page = await fixture<HTMLElement>(html`
        <verein-config endpoint=${stack.endpoint} tenant="tsv" lang="de">
          <verein-room-status room="status-6"></verein-room-status>
          <verein-room-status room="status-6" variant="detailed"></verein-room-status>
          <verein-room-status room="status-9"></verein-room-status>
          <verein-room-status room="status-10"></verein-room-status>
          <verein-join-room room="status-6"></verein-join-room>
        </verein-config>
      `);
      const badges = [...page.querySelectorAll('verein-room-status')] as VereinRoomStatus[];
      const join = page.querySelector('verein-join-room') as VereinJoinRoom;
      for (const el of badges) await reach(el, 'idle');
      await openForm(join);
      await submitName(join, 'Gast');
      await waitForState(join, 'waiting');
      await pause(300);
      let now = await connections();
      expect(now.open, 'open event streams').to.equal(1);
      expect(now.requested - requested, 'event streams asked for').to.equal(1);
      expect(now.rooms).to.deep.equal([['status-10', 'status-6', 'status-9']]);
      await expect(page).to.be.accessible();

      // A badge for another room: one stream for the new set, the old one closed; the others keep their status meanwhile.
      const states: string[] = [];
      const watcher = new MutationObserver(() => states.push(...badges.map((el) => el.state)));
      badges.forEach((el) => watcher.observe(el, { attributes: true, attributeFilter: ['state'] }));
      const later = document.createElement('verein-room-status');
      later.setAttribute('room', 'status-11');
      page.append(later);
      await reach(later, 'idle');
      await waitUntil(async () => (await connections()).rooms[0]?.includes('status-11'), 'a stream with the new room', {
        timeout: 3000,
        interval: 100,
      });
      await pause(300);
      now = await connections();
      expect(now.open, 'still one open').to.equal(1);
      expect(now.requested - requested).to.equal(2);
      expect(now.rooms).to.deep.equal([['status-10', 'status-11', 'status-6', 'status-9']]);
      watcher.disconnect();
      expect(
        states.filter((state) => state !== 'idle'),
        'no gap while switching',
      ).to.deep.equal([]);

      await startMeeting('status-6');
      await reach(badges[0]!, 'live');
      await reach(badges[1]!, 'live');
      await waitForState(join, 'ready');
      expect(badges[2]!.state).to.equal('idle');

      page.remove();
      await settled('closed');
      expect((await connections()).requested - requested, 'none asked for after the last left').to.equal(2);
      await endMeeting('status-6');
    });

    it('a badge added later shows the status at once, on the same connection', async () => {
      const el = await badge('status-9');
      await reach(el, 'idle');
      const before = await connections();
      const later = document.createElement('verein-room-status');
      Object.assign(later, { endpoint: stack.endpoint, tenant: 'tsv', room: 'status-9', lang: 'de' });
      el.after(later);
      await later.updateComplete;
      await pause(0);
      await later.updateComplete;
      expect(later.state).to.equal('idle');
      await pause(200);
      const now = await connections();
      expect(now.requested, 'no new stream').to.equal(before.requested);
      expect(now.open).to.equal(1);
      later.remove();
    });

    it('removed and put back, it watches again', async () => {
      const el = await badge('status-10');
      await reach(el, 'idle');
      const parent = el.parentElement!;
      el.remove();
      await waitUntil(async () => ((await eventStreams()).open['status-10'] ?? 0) === 0, 'closed', { timeout: 3000, interval: 100 });
      parent.append(el);
      await waitUntil(async () => (await eventStreams()).open['status-10'] === 1, 'open again', { timeout: 3000, interval: 100 });
      await startMeeting('status-10');
      await reach(el, 'live');
      await endMeeting('status-10');
    });
  });

  describe("the tenant's logo", () => {
    it('starts the badge, small, with the tenant’s name as its text; no-logo leaves it out', async () => {
      const el = await badge('treff', { tenant: 'wappen' });
      await waitUntil(() => el.shadowRoot!.querySelector<HTMLImageElement>('img[part="logo"]')?.complete, 'the logo', { timeout: 5000 });
      await reach(el, 'idle');
      const logo = shadow<HTMLImageElement>(el, 'img[part="logo"]');
      expect(logo.alt).to.equal('SV Wappen');
      expect(logo.naturalWidth, 'the image loaded').to.be.greaterThan(0);
      const dot = shadow(el, '[part="dot"]').getBoundingClientRect();
      const box = logo.getBoundingClientRect();
      expect(box.height).to.equal(24);
      expect(box.right, 'before the dot').to.be.at.most(dot.left);
      await expect(el).to.be.accessible();
      const plain = await fixture<VereinRoomStatus>(
        html`<verein-room-status endpoint=${stack.endpoint} tenant="wappen" room="treff" lang="de" no-logo></verein-room-status>`,
      );
      await reach(plain, 'idle');
      await fetchTenantInfo({ endpoint: stack.endpoint, tenant: 'wappen' });
      await plain.updateComplete;
      expect(plain.shadowRoot!.querySelector('img')).to.equal(null);
    });
  });

  describe('errors', () => {
    const cases: Array<[string, string, Options, string, string]> = [
      ['an unknown room', 'yoga', {}, 'Diesen Raum gibt es nicht.', 'This room does not exist.'],
    ];
    for (const [what, room, options, german, english] of cases) {
      it(`${what}: a short message in the visitor's language, and no more asking`, async () => {
        const el = await badge(room, options);
        await reach(el, 'error');
        expect(label(el)).to.contain(german);
        expect(getComputedStyle(shadow(el, '[part="dot"]')).display).to.equal('none');
        await expect(el).to.be.accessible();
        const en = await badge(room, { ...options, lang: 'en' });
        await reach(en, 'error');
        expect(label(en)).to.contain(english);
        await expect(en).to.be.accessible();
        const asked = (await eventStreams()).requested[room];
        await pause(1500);
        expect((await eventStreams()).requested[room], 'no new attempts after a refusal for good').to.equal(asked);
      });
    }

    it("a page the tenant does not allow: an apology, and the page's address for the webmaster behind a summary", async () => {
      const el = await badge('halle', { tenant: 'fremd' });
      await waitUntil(() => el.shadowRoot!.querySelector('details[part="webmaster"]'), 'the note', { timeout: 5000 });
      await reach(el, 'error');
      expect(label(el)).to.contain('Entschuldigung: Diese Webseite darf den Raum noch nicht nutzen.');
      expect(el.shadowRoot!.querySelector('[part="dot"]')).to.equal(null);
      const details = shadow<HTMLDetailsElement>(el, 'details[part="webmaster"]');
      const summary = details.querySelector('summary')!;
      expect(summary.getBoundingClientRect().height).to.be.at.least(44);
      await click(summary);
      expect(details.open).to.equal(true);
      expect(details.textContent).to.contain(`Diese Seite (${location.origin}) ist für „fremd“ nicht freigeschaltet.`);
      await expect(el).to.be.accessible();
      const en = await badge('halle', { tenant: 'fremd', lang: 'en' });
      await waitUntil(() => en.shadowRoot!.querySelector('details[part="webmaster"]'), 'the note', { timeout: 5000 });
      expect(label(en)).to.contain('Sorry: this website may not use the room yet.');
      expect(shadow(en, 'summary').textContent).to.equal('Note for the webmaster');
      await expect(en).to.be.accessible();
    });

    it('an unknown room beside others: its message, and one stream for the rest', async () => {
      await settled();
      const page = await fixture<HTMLElement>(html`
        <verein-config endpoint=${stack.endpoint} tenant="tsv" lang="de">
          <verein-room-status room="status-12"></verein-room-status>
          <verein-room-status room="yoga"></verein-room-status>
          <verein-room-status room="status-1"></verein-room-status>
        </verein-config>
      `);
      const [first, unknown, last] = [...page.querySelectorAll('verein-room-status')] as VereinRoomStatus[];
      await reach(unknown!, 'error');
      expect(label(unknown!)).to.contain('Diesen Raum gibt es nicht.');
      await reach(first!, 'idle');
      await reach(last!, 'idle');
      await waitUntil(async () => (await connections()).rooms[0]?.join() === 'status-1,status-12', 'a stream for the others', {
        timeout: 5000,
        interval: 100,
      });
      expect((await connections()).open).to.equal(1);
      await expect(page).to.be.accessible();
    });

    it('tells the webmaster what is missing', async () => {
      const el = await fixture<VereinRoomStatus>(html`<verein-room-status lang="de" room="training"></verein-room-status>`);
      expect(el.state).to.equal('error');
      expect(label(el)).to.contain('Es fehlt: endpoint, tenant');
      await expect(el).to.be.accessible();
    });

    it('the server out of reach: status unknown, not an error', async () => {
      const el = await badge('training', { endpoint: 'http://127.0.0.1:9' });
      await reach(el, 'unknown', 'Status unbekannt');
    });
  });

  describe('looks', () => {
    afterEach(() => emulateMedia({ reducedMotion: 'no-preference' }));

    it('the live dot pulses, unless the visitor prefers reduced motion', async () => {
      await startMeeting('status-11');
      const el = await badge('status-11');
      await reach(el, 'live');
      const dot = shadow(el, '[part="dot"]');
      expect(getComputedStyle(dot).animationName).to.equal('pulse');
      await emulateMedia({ reducedMotion: 'reduce' });
      expect(getComputedStyle(dot).animationName).to.equal('none');
      await endMeeting('status-11');
    });

    it('in forced-colors mode the dot stays visible, filled or hollow, in the system text colour', async () => {
      // Chromium emulates Windows high-contrast mode for this page (a test-runner command).
      const el = await badge('status-12');
      await reach(el, 'idle');
      const dot = () => {
        const style = getComputedStyle(shadow(el, '[part="dot"]'));
        return [style.borderTopColor, style.backgroundColor];
      };
      expect(dot()).to.deep.equal(['rgb(74, 74, 74)', 'rgb(74, 74, 74)']);
      await executeServerCommand('forced-colors', { on: true });
      try {
        expect(matchMedia('(forced-colors: active)').matches).to.equal(true);
        const text = systemColour('CanvasText');
        expect(dot()).to.deep.equal([text, text]);
        expect(getComputedStyle(shadow(el, '.badge')).borderTopColor).to.equal(text);
        // Hollow while the status is unknown.
        const unknown = await badge('weg');
        await reach(unknown, 'unknown');
        const hollow = getComputedStyle(shadow(unknown, '[part="dot"]'));
        expect([hollow.borderTopColor, hollow.backgroundColor]).to.deep.equal([text, systemColour('Canvas')]);
        await expect(el).to.be.accessible();
      } finally {
        await executeServerCommand('forced-colors', { on: false });
      }
    });

    it('has text at least the size of the page text', async () => {
      const el = await badge('status-12');
      expect(parseFloat(getComputedStyle(shadow(el, '[part="label"]')).fontSize)).to.be.at.least(16);
    });

    it('follows a change of its lang attribute, and every text can be replaced', async () => {
      const el = await badge('status-12');
      await reach(el, 'idle');
      el.setAttribute('lang', 'en');
      await el.updateComplete;
      expect(label(el)).to.equal('Not in use right now');
      el.messages = { idle: 'Niemand da' };
      await el.updateComplete;
      expect(label(el)).to.equal('Niemand da');
      expect(announcement(el), 'a new language is no change of state').to.equal('');
    });
  });
});
