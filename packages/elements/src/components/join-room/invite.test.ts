// Invite links: `#invite=` in the page URL or the `invite` attribute, checked
// by the real server helper, which makes the test invites itself: short ones
// (kept in its store) and signed ones (the links sent before short links).
import { expect, fixture, html, oneEvent } from '@open-wc/testing';
import { ifDefined } from 'lit/directives/if-defined.js';
import '../../define.js';
import type { VereinErrorEvent, VereinJoinedEvent } from '../../events.js';
import { de, en } from '../../i18n/index.js';
import { inviteDe, inviteEn } from '../../i18n/invite.js';
import {
  bookRoom,
  closeTabs,
  type InviteProblem,
  makeInvite,
  openForm,
  setFragment,
  shadow,
  stack,
  submitName,
  waitForState,
  expectQuietConsole,
} from '../../test/helpers.js';
import type { VereinJoinRoom } from './join-room.js';

const NAME_KEY = 'vereinsraum.displayName';

function joinRoom(room: string, { lang = 'de', invite }: { lang?: string; invite?: string } = {}): Promise<VereinJoinRoom> {
  return fixture<VereinJoinRoom>(html`
    <verein-join-room endpoint=${stack.endpoint} tenant="tsv" room=${room} lang=${lang} invite=${ifDefined(invite)}></verein-join-room>
  `);
}

/** The role the BigBlueButton sandbox is asked to give, from the link the element opened. */
function bbbRole(el: VereinJoinRoom): string | null {
  return new URL(shadow<HTMLAnchorElement>(el, 'a[part="link"]').href).searchParams.get('role');
}

describe('verein-join-room with an invite', () => {
  beforeEach(() => {
    localStorage.removeItem(NAME_KEY);
  });
  afterEach(async () => {
    await closeTabs();
    setFragment('');
  });
  expectQuietConsole();

  it('without a room of its own joins the room the invite names (the join page of booked rooms), for its tenant only', async () => {
    const token = await makeInvite('vorstand', 'moderator');
    setFragment(`invite=${token}&room=vorstand`);
    const el = await fixture<VereinJoinRoom>(html`<verein-join-room endpoint=${stack.endpoint} tenant="tsv" lang="de"></verein-join-room>`);
    await openForm(el);
    expect(shadow(el, 'form').textContent).to.contain(de.invited);
    const joined = oneEvent(el, 'verein-joined') as Promise<VereinJoinedEvent>;
    await submitName(el, 'Erika Musterfrau');
    expect((await joined).detail).to.include({ tenant: 'tsv', room: 'vorstand', role: 'moderator' });
    // Joined: the link is out of the address bar.
    expect(location.hash).to.equal('#room=vorstand');
    // An invite for another tenant's room does not make a room of this one: the server says whose it is not.
    setFragment(`invite=${token}`);
    const other = await fixture<VereinJoinRoom>(
      html`<verein-join-room endpoint=${stack.endpoint} tenant="farbe" lang="en"></verein-join-room>`,
    );
    await waitForState(other, 'error');
    await other.updateComplete;
    expect(shadow(other, '[role="alert"] p').textContent).to.equal(en.errors.invite_wrong_room);
    // Without an invite, the element still says what is missing.
    setFragment('');
    const none = await fixture<VereinJoinRoom>(
      html`<verein-join-room endpoint=${stack.endpoint} tenant="tsv" lang="en"></verein-join-room>`,
    );
    expect(shadow(none, '[role="alert"]').textContent).to.contain('Missing: room');
  });

  it('takes the invite from the page URL only in the element for its room', async () => {
    setFragment(`invite=${await makeInvite('vorstand', 'moderator')}`);
    const page = await fixture<HTMLElement>(html`
      <div>
        <verein-join-room endpoint=${stack.endpoint} tenant="tsv" room="training" lang="de"></verein-join-room>
        <verein-join-room endpoint=${stack.endpoint} tenant="tsv" room="vorstand" lang="de"></verein-join-room>
      </div>
    `);
    const [training, vorstand] = [...page.querySelectorAll('verein-join-room')];

    // The other room's button ignores it: the usual form, and a join without it (the server would refuse it there).
    await openForm(training!);
    expect(training!.shadowRoot!.querySelector('.link-button')?.textContent).to.equal(de.haveCode);
    expect(training!.shadowRoot!.textContent).not.to.contain(de.invited);
    await submitName(training!, 'Gast');
    await waitForState(training!, 'opened');

    // Its own room's button needs no code, and the moderator invite makes the visitor moderator.
    await openForm(vorstand!);
    expect(vorstand!.shadowRoot!.querySelector('#code, .link-button')).to.equal(null);
    expect(shadow(vorstand!, 'form').textContent).to.contain(de.invited);
    await expect(vorstand).to.be.accessible();
    const joined = oneEvent(vorstand!, 'verein-joined') as Promise<VereinJoinedEvent>;
    await submitName(vorstand!, 'Vorsitz');
    expect((await joined).detail).to.deep.include({ room: 'vorstand', role: 'moderator' });
    expect(bbbRole(vorstand!)).to.equal('MODERATOR');
  });

  it('an attendee invite lets the visitor in where the room asks for an access code', async () => {
    const withoutInvite = await joinRoom('mitglieder');
    await openForm(withoutInvite);
    await submitName(withoutInvite, 'Ohne Einladung');
    await waitForState(withoutInvite, 'asking');
    await withoutInvite.updateComplete;
    expect(shadow(withoutInvite, '#code-error').textContent).to.equal(de.errors.access_code_required);

    setFragment(`invite=${await makeInvite('mitglieder', 'attendee')}`);
    const el = await joinRoom('mitglieder', { lang: 'en' });
    await openForm(el);
    expect(el.shadowRoot!.querySelector('#code')).to.equal(null);
    expect(shadow(el, 'form').textContent).to.contain(en.invited);
    await submitName(el, 'Member');
    await waitForState(el, 'opened');
    await expect(el).to.be.accessible();
  });

  it('the invite attribute works like the link, and wins over it', async () => {
    setFragment(`invite=${await makeInvite('vorstand', 'attendee')}`);
    const el = await joinRoom('vorstand', { invite: await makeInvite('vorstand', 'moderator') });
    await openForm(el);
    await submitName(el, 'Per Attribut');
    await waitForState(el, 'opened');
    expect(bbbRole(el)).to.equal('MODERATOR');
  });

  // Each refusal of the server helper, said before any form, in both languages; for short and signed invites alike.
  const refusals: Array<[string, string, (short: boolean) => Promise<string>]> = [
    ['a token this server did not make', 'invite_invalid', (short) => makeInvite('vorstand', 'attendee', 'tampered', { short })],
    ...(
      [
        ['an expired invite', 'invite_expired', 'expired'],
        ['a revoked invite', 'invite_revoked', 'revoked'],
        ['an invite of a key the server no longer has', 'invite_key_unknown', 'foreign-key'],
      ] as Array<[string, string, InviteProblem]>
    ).map(([what, code, problem]): [string, string, (short: boolean) => Promise<string>] => [
      what,
      code,
      (short) => makeInvite('vorstand', 'attendee', problem, { short }),
    ]),
    ['an invite for another room', 'invite_wrong_room', (short) => makeInvite('training', 'moderator', undefined, { short })],
  ];
  for (const [what, code, invite] of refusals) {
    for (const short of [true, false]) {
      it(`${what} (${short ? 'short' : 'signed'}) is explained (${code}) in German and English, without a form`, async () => {
        const token = await invite(short);
        for (const [lang, t, words] of [
          ['de', de, 'Einladungslink'],
          ['en', en, 'invitation link'],
        ] as const) {
          const failed = new Promise<VereinErrorEvent>((resolve) =>
            addEventListener('verein-error', (e) => resolve(e as VereinErrorEvent), { once: true, capture: true }),
          );
          const el = await joinRoom('vorstand', { lang, invite: token });
          const event = await failed;
          expect(event.detail).to.deep.include({ code, status: 403 });
          const text = t.errors[code as keyof typeof t.errors];
          expect(text).to.contain(words);
          expect(event.detail.message).to.equal(text);
          await waitForState(el, 'error');
          await el.updateComplete;
          expect(shadow(el, '[role="alert"] p').textContent).to.equal(text);
          // Nothing to try again, no name to give: the link does not work.
          expect(el.shadowRoot!.querySelector('[role="alert"] button, form')).to.equal(null);
          expect(shadow(el, 'button[part="button"]').hidden).to.equal(true);
          await expect(el).to.be.accessible();
        }
      });
    }
  }

  it('a short invite on the join page: title and role before the name; after joining the link leaves the address bar, the element keeps it', async () => {
    const token = await makeInvite('mitglieder', 'moderator', undefined, { short: true });
    expect(token).to.match(/^[\w-]{11}\.[\w-]{22}$/);
    setFragment(`invite=${token}&from=mail`);
    const el = await fixture<VereinJoinRoom>(
      html`<verein-join-room endpoint=${stack.endpoint} tenant="tsv" lang="de" target="embed"></verein-join-room>`,
    );
    await waitForState(el, 'idle');
    await el.updateComplete;
    const card = shadow(el, '[part="invite"]');
    expect(card.textContent).to.contain('Mitglieder');
    expect(card.textContent).to.contain(inviteDe.asModerator);
    await expect(el).to.be.accessible();

    await openForm(el);
    expect(shadow(el, 'form').textContent).to.contain(de.invited);
    const joined = oneEvent(el, 'verein-joined') as Promise<VereinJoinedEvent>;
    await submitName(el, 'Leitung');
    expect((await joined).detail).to.include({ room: 'mitglieder', role: 'moderator', target: 'embed' });
    // The moderator link is out of the address bar; the rest of it stays.
    expect(location.hash).to.equal('#from=mail');
    expect(location.href).not.to.contain(token);

    // Back out of the meeting and in again, in the same page view: the element still has the invite.
    shadow<HTMLButtonElement>(el, '.meeting .actions button').click();
    await waitForState(el, 'idle');
    await el.updateComplete;
    expect(shadow(el, '[part="invite"]').textContent).to.contain(inviteDe.asModerator);
    await openForm(el);
    expect(shadow(el, 'form').textContent).to.contain(de.invited);
    const again = oneEvent(el, 'verein-joined') as Promise<VereinJoinedEvent>;
    await submitName(el, 'Leitung');
    expect((await again).detail).to.include({ room: 'mitglieder', role: 'moderator' });
  });

  it('an element with a room of its own takes a short page link only for its room', async () => {
    setFragment(`invite=${await makeInvite('vorstand', 'moderator', undefined, { short: true })}`);
    const page = await fixture<HTMLElement>(html`
      <div>
        <verein-join-room endpoint=${stack.endpoint} tenant="tsv" room="training" lang="de"></verein-join-room>
        <verein-join-room endpoint=${stack.endpoint} tenant="tsv" room="vorstand" lang="de"></verein-join-room>
      </div>
    `);
    const [training, vorstand] = [...page.querySelectorAll('verein-join-room')];
    await openForm(training!);
    expect(training!.shadowRoot!.querySelector('[part="invite"]')).to.equal(null);
    expect(training!.shadowRoot!.textContent).not.to.contain(de.invited);
    await openForm(vorstand!);
    expect(shadow(vorstand!, '[part="invite"]').textContent).to.contain(inviteDe.asModerator);
    expect(shadow(vorstand!, 'form').textContent).to.contain(de.invited);
    await submitName(vorstand!, 'Vorsitz');
    await waitForState(vorstand!, 'opened');
    expect(bbbRole(vorstand!)).to.equal('MODERATOR');
  });

  it('a booked room: its title, every date and the role; not valid yet says from when, then the button comes by itself', async () => {
    // Two weekly dates, the first in 32 minutes: the links work from 30 minutes before, so in about two minutes.
    const booking = await bookRoom({ title: 'Kassenprüfung 2027', startsInMs: 32 * 60_000, weeks: 2 });
    const attendee = new URL(booking.links!.attendee).hash.slice('#invite='.length);
    expect(booking.links!.attendee.length).to.be.at.most(80);
    for (const [lang, i] of [
      ['de', inviteDe],
      ['en', inviteEn],
    ] as const) {
      setFragment(`invite=${attendee}`);
      const el = await fixture<VereinJoinRoom>(
        html`<verein-join-room endpoint=${stack.endpoint} tenant="tsv" lang=${lang}></verein-join-room>`,
      );
      await waitForState(el, 'early');
      await el.updateComplete;
      const card = shadow(el, '[part="invite"]');
      expect(card.textContent).to.contain('Kassenprüfung 2027');
      expect(card.textContent).to.contain(i.asAttendee);
      const format = new Intl.DateTimeFormat(lang, { dateStyle: 'full', timeStyle: 'short' });
      const items = [...card.querySelectorAll('li')].map((li) => li.textContent);
      expect(items).to.deep.equal(booking.dates.map((d) => format.formatRange(new Date(d.start), new Date(d.end))));
      const start = new Date(Date.parse(booking.dates[0]!.start) - 30 * 60_000);
      const when = new Intl.DateTimeFormat(lang, { weekday: 'long', hour: 'numeric', minute: '2-digit' }).format(start);
      expect(shadow(el, '[role="status"]').textContent!.trim()).to.equal(i.validFrom(when));
      expect(shadow(el, 'button[part="button"]').hidden).to.equal(true);
      expect(el.shadowRoot!.querySelector('form')).to.equal(null);
      await expect(el).to.be.accessible();
    }
  });

  it('an invite that becomes valid while the page is open: the element asks again at its start and offers the button', async () => {
    setFragment(`invite=${await makeInvite('vorstand', 'moderator', 'not-yet-valid', { short: true, startsInMs: 2500 })}`);
    const el = await fixture<VereinJoinRoom>(html`<verein-join-room endpoint=${stack.endpoint} tenant="tsv" lang="en"></verein-join-room>`);
    await waitForState(el, 'early');
    await el.updateComplete;
    expect(shadow(el, '[role="status"]').textContent).to.contain('Your invitation link works from');
    await waitForState(el, 'idle', 10_000);
    await el.updateComplete;
    expect(shadow(el, 'button[part="button"]').hidden).to.equal(false);
    expect(shadow(el, '[part="invite"]').textContent).to.contain(inviteEn.asModerator);
  });

  it('the messages for a broken invite say whom to ask', () => {
    for (const code of ['invite_invalid', 'invite_expired', 'invite_wrong_room', 'invite_revoked', 'invite_key_unknown'] as const) {
      expect(de.errors[code]).to.contain('Bitte fragen Sie die Person, die Ihnen den Link geschickt hat');
      expect(en.errors[code]).to.contain('Please ask the person who sent you the link');
    }
  });
});
