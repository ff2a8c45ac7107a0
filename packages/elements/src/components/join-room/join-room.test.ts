import { expect, fixture, html, oneEvent, waitUntil } from '@open-wc/testing';
import '../../define.js';
import { fetchTenantInfo } from '../../api/client.js';
import type { VereinErrorEvent, VereinJoinedEvent, VereinJoinEvent } from '../../events.js';
import {
  click,
  closeTabs,
  endMeeting,
  openForm,
  eventStreams,
  sandboxCalls,
  setEventsBlocked,
  setFragment,
  setUpstreamDown,
  shadow,
  stack,
  startMeeting,
  submitName,
  waitForState,
  expectQuietConsole,
} from '../../test/helpers.js';
import type { VereinJoinRoom } from './join-room.js';

const NAME_KEY = 'vereinsraum.displayName';

async function joinRoom(
  room: string,
  extra: { lang?: string; endpoint?: string; tenant?: string; noLogo?: boolean } = {},
): Promise<VereinJoinRoom> {
  return fixture<VereinJoinRoom>(html`
    <verein-join-room
      endpoint=${extra.endpoint ?? stack.endpoint}
      tenant=${extra.tenant ?? 'tsv'}
      room=${room}
      lang=${extra.lang ?? 'de'}
      ?no-logo=${extra.noLogo ?? false}
      poll-interval="200"
    ></verein-join-room>
  `);
}

describe('verein-join-room', () => {
  beforeEach(() => {
    localStorage.removeItem(NAME_KEY);
  });
  afterEach(async () => {
    await closeTabs();
  });
  expectQuietConsole();

  describe('idle', () => {
    it('is a real button with a German or English label', async () => {
      const de = await joinRoom('training');
      const button = shadow(de, 'button[part="button"]');
      expect(button.localName).to.equal('button');
      expect(button.textContent?.trim()).to.equal('Beitreten');
      await expect(de).to.be.accessible();
      const en = await joinRoom('training', { lang: 'en' });
      expect(shadow(en, 'button[part="button"]').textContent?.trim()).to.equal('Join');
      await expect(en).to.be.accessible();
    });

    it('takes its language from the page when it has none', async () => {
      const wrapper = await fixture(html`<div lang="en-GB"><verein-join-room endpoint="x" tenant="t" room="r"></verein-join-room></div>`);
      const el = wrapper.querySelector('verein-join-room')!;
      await el.updateComplete;
      expect(shadow(el, 'button').textContent?.trim()).to.equal('Join');
    });

    it('shows the label from its slot', async () => {
      const el = await fixture<VereinJoinRoom>(
        html`<verein-join-room endpoint="x" tenant="t" room="r">Zum Vereinsabend</verein-join-room>`,
      );
      const slot = shadow<HTMLSlotElement>(el, 'slot');
      expect(
        slot
          .assignedNodes()
          .map((n) => n.textContent)
          .join(''),
      ).to.equal('Zum Vereinsabend');
    });

    it('is at least 44 px tall', async () => {
      const el = await joinRoom('training');
      expect(shadow(el, 'button').getBoundingClientRect().height).to.be.at.least(44);
    });

    it('follows a change of its lang attribute', async () => {
      const el = await joinRoom('training');
      el.setAttribute('lang', 'en');
      await el.updateComplete;
      expect(shadow(el, 'button[part="button"]').textContent?.trim()).to.equal('Join');
    });

    it('reflects its attributes', async () => {
      const el = await joinRoom('training');
      el.target = '_self';
      el.room = 'vorstand';
      await el.updateComplete;
      expect(el.getAttribute('target')).to.equal('_self');
      expect(el.getAttribute('room')).to.equal('vorstand');
      expect(el.getAttribute('state')).to.equal('idle');
    });

    it('tells the webmaster what is missing', async () => {
      const el = await fixture<VereinJoinRoom>(html`<verein-join-room lang="de"></verein-join-room>`);
      const alert = shadow(el, '[role="alert"]');
      expect(alert.textContent).to.contain('Es fehlt: endpoint, tenant, room');
      await expect(el).to.be.accessible();
    });
  });

  describe('asking for the name', () => {
    it('opens an accessible form with the focus in the name field', async () => {
      const el = await joinRoom('training');
      await openForm(el);
      const input = shadow<HTMLInputElement>(el, '#name');
      expect(el.shadowRoot!.activeElement).to.equal(input);
      expect(shadow(el, 'label[for="name"]').textContent).to.equal('Ihr Name');
      expect(input.getAttribute('autocomplete')).to.equal('name');
      await expect(el).to.be.accessible();
    });

    it("spaces the form's rows by its gap alone: its texts bring no margins of their own", async () => {
      const el = await joinRoom('training');
      await openForm(el);
      const texts = [...el.shadowRoot!.querySelectorAll('form p')];
      expect(texts.length, 'the hint and the privacy notice').to.be.greaterThan(2);
      for (const p of texts) expect(getComputedStyle(p).margin, p.textContent!).to.equal('0px');
      // The hint sits right under its field, not a paragraph's margin below it.
      const gap = shadow(el, '#name-hint').getBoundingClientRect().top - shadow(el, '#name').getBoundingClientRect().bottom;
      expect(gap).to.be.below(8);
    });

    it('refuses an empty name next to the field, in German and English', async () => {
      for (const [lang, text] of [
        ['de', 'Bitte geben Sie Ihren Namen ein.'],
        ['en', 'Please enter your name.'],
      ]) {
        const el = await joinRoom('training', { lang });
        await openForm(el);
        await submitName(el, '   ');
        await el.updateComplete;
        const input = shadow<HTMLInputElement>(el, '#name');
        expect(input.getAttribute('aria-invalid')).to.equal('true');
        expect(shadow(el, '#name-error').textContent).to.equal(text);
        expect(input.getAttribute('aria-describedby')).to.contain('name-error');
        expect(el.state).to.equal('asking');
        await expect(el).to.be.accessible();
      }
    });

    it('cancel goes back to the button', async () => {
      const el = await joinRoom('training');
      await openForm(el);
      await click(shadow(el, '.actions .secondary'));
      await waitForState(el, 'idle');
      expect(el.shadowRoot!.activeElement).to.equal(shadow(el, 'button[part="button"]'));
    });

    it('a cancelled verein-join stops before any request', async () => {
      const el = await joinRoom('training');
      const before = await sandboxCalls();
      el.addEventListener('verein-join', (event) => event.preventDefault(), { once: true });
      await openForm(el);
      const intent = oneEvent(document, 'verein-join') as Promise<VereinJoinEvent>;
      await submitName(el, 'Anna');
      const event = await intent;
      expect(event.detail).to.deep.equal({ tenant: 'tsv', room: 'training', displayName: 'Anna' });
      expect(event.cancelable).to.equal(true);
      await waitForState(el, 'idle');
      expect(await sandboxCalls()).to.deep.equal(before);
    });

    it('remembers the name only when asked to', async () => {
      const el = await joinRoom('training');
      el.addEventListener('verein-join', (event) => event.preventDefault());
      await openForm(el);
      await submitName(el, 'Anna');
      expect(localStorage.getItem(NAME_KEY)).to.equal(null);

      await openForm(el);
      await click(shadow(el, '#remember'));
      await submitName(el, 'Anna Vergissmeinnicht');
      expect(localStorage.getItem(NAME_KEY)).to.equal('Anna Vergissmeinnicht');

      const next = await joinRoom('training');
      await openForm(next);
      expect(shadow<HTMLInputElement>(next, '#name').value).to.equal('Anna Vergissmeinnicht');
      expect(shadow<HTMLInputElement>(next, '#remember').checked).to.equal(true);
    });
  });

  describe('joining', () => {
    it('opens the meeting in a new tab and fires verein-joined', async () => {
      const el = await joinRoom('training');
      await openForm(el);
      const joined = oneEvent(document, 'verein-joined') as Promise<VereinJoinedEvent>;
      await submitName(el, 'Jürgen & Co 🏓');
      const event = await joined;
      expect(event.detail).to.deep.include({ tenant: 'tsv', room: 'training', target: '_blank' });
      expect(['moderator', 'attendee']).to.include(event.detail.role);
      await waitForState(el, 'opened');
      const link = shadow<HTMLAnchorElement>(el, 'a[part="link"]');
      const url = new URL(link.href);
      expect(url.pathname).to.equal('/bigbluebutton/api/join');
      expect(url.searchParams.get('fullName')).to.equal('Jürgen & Co 🏓');
      expect(link.rel).to.equal('noopener noreferrer');
      expect(shadow(el, '[role="status"]').textContent).to.contain('in einem neuen Tab geöffnet');
      await expect(el).to.be.accessible();
    });

    it('a meeting in a tab goes back to this page when the visitor leaves it (returnUrl, without the fragment)', async () => {
      setFragment('invite=not-for-the-conference-server');
      try {
        const el = await joinRoom('training');
        await openForm(el);
        await submitName(el, 'Zurück');
        await waitForState(el, 'opened');
        const join = new URL(shadow<HTMLAnchorElement>(el, 'a[part="link"]').href);
        expect(join.searchParams.get('logoutURL')).to.equal(`${location.origin}${location.pathname}${location.search}`);
      } finally {
        setFragment('');
      }
    });

    it('with a moderator code the visitor becomes moderator', async () => {
      const el = await joinRoom('vorstand');
      await openForm(el);
      const joined = oneEvent(document, 'verein-joined') as Promise<VereinJoinedEvent>;
      await submitName(el, 'Erika', stack.codes.moderator);
      expect((await joined).detail.role).to.equal('moderator');
      expect(new URL(shadow<HTMLAnchorElement>(el, 'a[part="link"]').href).searchParams.get('role')).to.equal('MODERATOR');
    });

    it('waits for the host, then lets the visitor in when the meeting starts', async () => {
      const el = await joinRoom('wait-1');
      await openForm(el);
      await submitName(el, 'Gast');
      await waitForState(el, 'waiting');
      await el.updateComplete;
      expect(shadow(el, '[role="status"]').textContent).to.contain('noch nicht begonnen');
      await expect(el).to.be.accessible();

      await startMeeting('wait-1');
      // No click since: the browser would block a new tab, so the element offers a link.
      await waitForState(el, 'ready');
      await el.updateComplete;
      const link = shadow<HTMLAnchorElement>(el, 'a[part="link"]');
      expect(new URL(link.href).searchParams.get('role')).to.equal('VIEWER');
      expect(el.shadowRoot!.activeElement).to.equal(link);
      expect(shadow(el, '[role="status"]').textContent).to.contain('Die Besprechung hat begonnen.');
      await expect(el).to.be.accessible();
    });

    it('hears of the start over the page’s event stream, and closes it once in', async () => {
      const el = await joinRoom('status-13');
      await openForm(el);
      await submitName(el, 'Gast');
      await waitForState(el, 'waiting');
      await waitUntil(async () => (await eventStreams()).open['status-13'] === 1, 'an event stream', { timeout: 3000, interval: 100 });
      const { connections } = await eventStreams();
      expect(connections.open, 'one connection, for this room').to.equal(1);
      expect(connections.rooms).to.deep.equal([['status-13']]);
      await startMeeting('status-13');
      await waitForState(el, 'ready');
      await waitUntil(async () => !(await eventStreams()).open['status-13'], 'closed', { timeout: 3000, interval: 100 });
      await endMeeting('status-13');
    });

    it('where a proxy blocks the event stream, asks every poll-interval instead', async () => {
      await setEventsBlocked(true);
      try {
        const el = await joinRoom('status-14');
        await openForm(el);
        await submitName(el, 'Gast');
        await waitForState(el, 'waiting');
        await new Promise((resolve) => setTimeout(resolve, 1500));
        const before = (await sandboxCalls()).getMeetingInfo ?? 0;
        await new Promise((resolve) => setTimeout(resolve, 1000));
        // poll-interval="200": about 5 requests a second, each one getMeetingInfo (the status TTL is 0 here).
        expect((await sandboxCalls()).getMeetingInfo - before).to.be.within(3, 8);
        await startMeeting('status-14');
        await waitForState(el, 'ready');
        expect((await eventStreams()).open['status-14'] ?? 0).to.equal(0);
      } finally {
        await setEventsBlocked(false);
      }
      await endMeeting('status-14');
    });

    it('keeps waiting through a conference-server hiccup', async () => {
      const el = await joinRoom('wait-3');
      await openForm(el);
      await submitName(el, 'Geduldig');
      await waitForState(el, 'waiting');
      await setUpstreamDown(true);
      try {
        const before = (await sandboxCalls()).getMeetingInfo;
        await new Promise((resolve) => setTimeout(resolve, 700));
        expect(el.state).to.equal('waiting');
        expect((await sandboxCalls()).getMeetingInfo).to.equal(before, 'the conference server was really out of reach');
      } finally {
        await setUpstreamDown(false);
      }
      await startMeeting('wait-3');
      await waitForState(el, 'ready');
    });

    it('removed from the page while waiting, it stops and starts afresh', async () => {
      const el = await joinRoom('wait-4');
      await openForm(el);
      await submitName(el, 'Weg');
      await waitForState(el, 'waiting');
      const parent = el.parentElement!;
      el.remove();
      expect(el.state).to.equal('idle');
      // The closed event stream reaches the server helper.
      await new Promise((resolve) => setTimeout(resolve, 100));
      const before = (await sandboxCalls()).getMeetingInfo;
      await new Promise((resolve) => setTimeout(resolve, 600));
      expect((await sandboxCalls()).getMeetingInfo).to.equal(before);
      parent.append(el);
      await el.updateComplete;
      expect(shadow(el, 'button[part="button"]').hidden).to.equal(false);
    });

    it('does not take the focus from a visitor busy elsewhere when the meeting starts', async () => {
      const el = await joinRoom('wait-5');
      const elsewhere = document.createElement('input');
      elsewhere.setAttribute('aria-label', 'Suche');
      el.before(elsewhere);
      await openForm(el);
      await submitName(el, 'Beschäftigt');
      await waitForState(el, 'waiting');
      elsewhere.focus();
      await startMeeting('wait-5');
      await waitForState(el, 'ready');
      await el.updateComplete;
      expect(document.activeElement).to.equal(elsewhere);
    });

    it('stop waiting stops asking the server', async () => {
      const el = await joinRoom('wait-2', { lang: 'en' });
      await openForm(el);
      await submitName(el, 'Guest');
      await waitForState(el, 'waiting');
      await el.updateComplete;
      await click(shadow(el, '.status button'));
      await waitForState(el, 'idle');
      await new Promise((resolve) => setTimeout(resolve, 100));
      const before = (await sandboxCalls()).getMeetingInfo;
      await new Promise((resolve) => setTimeout(resolve, 700));
      expect((await sandboxCalls()).getMeetingInfo).to.equal(before);
    });
  });

  describe('errors', () => {
    it('a wrong access code shows the code field with the reason and keeps the name', async () => {
      const el = await joinRoom('vorstand');
      await openForm(el);
      await submitName(el, 'Max', 'falsch');
      await waitForState(el, 'asking');
      await el.updateComplete;
      expect(shadow(el, '#code-error').textContent).to.equal(
        'Der Zugangscode stimmt nicht. Bitte prüfen Sie ihn und versuchen Sie es noch einmal.',
      );
      expect(el.shadowRoot!.activeElement).to.equal(shadow(el, '#code'));
      expect(shadow<HTMLInputElement>(el, '#name').value).to.equal('Max');
      await expect(el).to.be.accessible();
    });

    it('a room that needs a code asks for it', async () => {
      const el = await joinRoom('vorstand', { lang: 'en' });
      await openForm(el);
      await submitName(el, 'Max');
      await waitForState(el, 'asking');
      await el.updateComplete;
      expect(shadow(el, '#code-error').textContent).to.equal('You need an access code for this room. Please enter it.');
    });

    const cases: Array<[string, Parameters<typeof joinRoom>[1] & { room?: string }, string, string]> = [
      ['an unknown room', { room: 'yoga' }, 'room_not_found', 'Diesen Raum gibt es nicht.'],
      ['no server', { room: 'training', endpoint: 'http://127.0.0.1:9' }, 'network_error', 'keine Verbindung zum Server'],
      [
        'a conference server that refuses the secret',
        { room: 'falsch' },
        'upstream_misconfigured',
        'Der Konferenzserver ist falsch eingerichtet.',
      ],
    ];
    for (const [what, options, code, text] of cases) {
      it(`${what} is explained (${code}) and can be retried`, async () => {
        const el = await joinRoom(options.room ?? 'training', options);
        await openForm(el);
        const failed = oneEvent(document, 'verein-error') as Promise<VereinErrorEvent>;
        await submitName(el, 'Max');
        const event = await failed;
        expect(event.detail.code).to.equal(code);
        expect(event.detail.message).to.contain(text);
        await el.updateComplete;
        const alert = shadow(el, '[role="alert"]');
        expect(alert.textContent).to.contain(text);
        // In the danger colour (the default #a4001d), as --verein-color-danger says.
        expect(getComputedStyle(shadow(el, '[role="alert"] p')).color).to.equal('rgb(164, 0, 29)');
        expect(el.shadowRoot!.activeElement).to.equal(shadow(el, '[role="alert"] button'));
        await expect(el).to.be.accessible();
        await click(shadow(el, '[role="alert"] button'));
        await waitForState(el, 'asking');
        expect(shadow<HTMLInputElement>(el, '#name').value).to.equal('Max');
      });
    }
  });

  it('a server that cannot reach its data says "try again in a moment" (storage_unavailable), and trying again works', async () => {
    const el = await joinRoom('training', { lang: 'en' });
    await openForm(el);
    const fetch = window.fetch;
    // The server's answer when its database is busy or failing (see the server's storage tests).
    window.fetch = (input, init) =>
      init?.method === 'POST'
        ? Promise.resolve(
            new Response(
              JSON.stringify({
                type: 'urn:vereinsraum:problem:storage_unavailable',
                title: 'Storage unavailable',
                status: 503,
                code: 'storage_unavailable',
              }),
              {
                status: 503,
                headers: { 'content-type': 'application/problem+json', 'retry-after': '10' },
              },
            ),
          )
        : fetch(input, init);
    try {
      const failed = oneEvent(document, 'verein-error') as Promise<VereinErrorEvent>;
      await submitName(el, 'Max');
      expect((await failed).detail.code).to.equal('storage_unavailable');
    } finally {
      window.fetch = fetch;
    }
    await el.updateComplete;
    expect(shadow(el, '[role="alert"]').textContent).to.contain(
      'The server cannot reach its data right now. Please try again in a moment.',
    );
    await expect(el).to.be.accessible();
    await click(shadow(el, '[role="alert"] button'));
    await waitForState(el, 'asking');
    expect(shadow<HTMLInputElement>(el, '#name').value).to.equal('Max');
  });

  describe('a page the tenant does not allow', () => {
    for (const [lang, sorry, summary, fix] of [
      [
        'de',
        'Entschuldigung: Diese Webseite darf den Raum noch nicht nutzen. Bitte geben Sie der Person Bescheid, die diese Webseite betreut.',
        'Hinweis für die Webseiten-Betreuung',
        `Diese Seite (${location.origin}) ist für „fremd“ nicht freigeschaltet.`,
      ],
      [
        'en',
        'Sorry: this website may not use the room yet. Please tell the person who looks after this website.',
        'Note for the webmaster',
        `This page (${location.origin}) is not enabled for “fremd”.`,
      ],
    ] as const) {
      it(`says so before anything is typed, with the page's address for the webmaster; no form opens (${lang})`, async () => {
        const el = await joinRoom('halle', { tenant: 'fremd', lang });
        await waitUntil(() => el.shadowRoot!.querySelector('details[part="webmaster"]'), 'the note', { timeout: 5000 });
        expect(el.shadowRoot!.querySelector('button[part="button"]'), 'no join button').to.equal(null);
        expect(shadow(el, '[part="message"] > p').textContent).to.equal(sorry);
        const details = shadow<HTMLDetailsElement>(el, 'details[part="webmaster"]');
        expect(details.open, 'the webmaster part waits behind its summary').to.equal(false);
        const toggle = details.querySelector('summary')!;
        expect(toggle.textContent).to.equal(summary);
        expect(toggle.getBoundingClientRect().height).to.be.at.least(44);
        await expect(el).to.be.accessible();
        await click(toggle);
        expect(details.open).to.equal(true);
        expect(details.querySelector('p')!.textContent).to.contain(fix).and.contain('allowedOrigins');
        await expect(el).to.be.accessible();
      });
    }

    it('its texts can be replaced', async () => {
      const el = await joinRoom('halle', { tenant: 'fremd' });
      el.messages = { notAllowed: { forWebmaster: 'Für die Technik', fix: (origin, tenant) => `${origin} fehlt bei ${tenant}.` } };
      await waitUntil(() => el.shadowRoot!.querySelector('details[part="webmaster"]'), 'the note', { timeout: 5000 });
      expect(shadow(el, 'summary').textContent).to.equal('Für die Technik');
      expect(shadow(el, 'details p').textContent).to.equal(`${location.origin} fehlt bei fremd.`);
    });
  });

  describe("the tenant's logo", () => {
    it('shows in the name form, small, with the tenant’s name as its text; no-logo leaves it out', async () => {
      const el = await joinRoom('treff', { tenant: 'wappen' });
      await openForm(el);
      await waitUntil(() => el.shadowRoot!.querySelector<HTMLImageElement>('img[part="logo"]')?.complete, 'the logo', { timeout: 5000 });
      const logo = shadow<HTMLImageElement>(el, 'img[part="logo"]');
      expect(logo.alt).to.equal('SV Wappen');
      expect(logo.src).to.equal(`${location.origin}/tenant-logo.svg`);
      expect(logo.naturalWidth, 'the image loaded').to.be.greaterThan(0);
      expect(logo.getBoundingClientRect().height).to.equal(40);
      expect(logo.referrerPolicy).to.equal('no-referrer');
      await expect(el).to.be.accessible();

      const plain = await joinRoom('treff', { tenant: 'wappen', noLogo: true });
      await openForm(plain);
      await fetchTenantInfo({ endpoint: stack.endpoint, tenant: 'wappen' });
      await plain.updateComplete;
      expect(plain.shadowRoot!.querySelector('img'), 'no-logo').to.equal(null);
      const none = await joinRoom('training');
      await openForm(none);
      expect(none.shadowRoot!.querySelector('img'), 'a tenant without a logo').to.equal(null);
    });
  });

  it('every text can be replaced', async () => {
    const el = await joinRoom('training');
    el.messages = { join: 'Rein da!', errors: { name_missing: 'Name fehlt!' } };
    await el.updateComplete;
    expect(shadow(el, 'slot').textContent).to.equal('Rein da!');
    await openForm(el);
    await submitName(el, ' ');
    await el.updateComplete;
    expect(shadow(el, '#name-error').textContent).to.equal('Name fehlt!');
  });
});
