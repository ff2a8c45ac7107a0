// Invite links: `#invite=` in the page URL or the `invite` attribute, checked
// by the real server helper, which signs the test invites itself.
import { expect, fixture, html, oneEvent } from '@open-wc/testing';
import { ifDefined } from 'lit/directives/if-defined.js';
import '../../define.js';
import type { VereinErrorEvent, VereinJoinedEvent } from '../../events.js';
import { de, en } from '../../i18n/index.js';
import {
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
} from '../../test-helpers.js';
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
    setFragment(`invite=${await makeInvite('vorstand', 'moderator')}&room=vorstand`);
    const el = await fixture<VereinJoinRoom>(html`<verein-join-room endpoint=${stack.endpoint} tenant="tsv" lang="de"></verein-join-room>`);
    await openForm(el);
    expect(shadow(el, 'form').textContent).to.contain(de.invited);
    const joined = oneEvent(el, 'verein-joined') as Promise<VereinJoinedEvent>;
    await submitName(el, 'Erika Musterfrau');
    expect((await joined).detail).to.include({ tenant: 'tsv', room: 'vorstand', role: 'moderator' });
    // An invite for another tenant's room does not make a room of this one.
    const other = await fixture<VereinJoinRoom>(html`<verein-join-room endpoint=${stack.endpoint} tenant="fremd" lang="en"></verein-join-room>`);
    expect(shadow(other, '[role="alert"]').textContent).to.contain('Missing: room');
    // Without an invite, the element still says what is missing.
    setFragment('');
    const none = await fixture<VereinJoinRoom>(html`<verein-join-room endpoint=${stack.endpoint} tenant="tsv" lang="en"></verein-join-room>`);
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

  // Each refusal of the server helper, with the message in both languages.
  const refusals: Array<[string, string, () => Promise<string>]> = [
    ['a token this server did not sign', 'invite_invalid', () => makeInvite('vorstand', 'attendee', 'tampered')],
    ...(
      [
        ['an expired invite', 'invite_expired', 'expired'],
        ['an invite that is not valid yet', 'invite_not_yet_valid', 'not-yet-valid'],
        ['a revoked invite', 'invite_revoked', 'revoked'],
        ['an invite signed with a key the server no longer has', 'invite_key_unknown', 'foreign-key'],
      ] as Array<[string, string, InviteProblem]>
    ).map(([what, code, problem]): [string, string, () => Promise<string>] => [what, code, () => makeInvite('vorstand', 'attendee', problem)]),
    ['an invite for another room', 'invite_wrong_room', () => makeInvite('training', 'moderator')],
  ];
  for (const [what, code, invite] of refusals) {
    it(`${what} is explained (${code}) in German and English`, async () => {
      const token = await invite();
      for (const [lang, t, words] of [
        ['de', de, 'Einladungslink'],
        ['en', en, 'invitation link'],
      ] as const) {
        const el = await joinRoom('vorstand', { lang, invite: token });
        await openForm(el);
        const failed = oneEvent(el, 'verein-error') as Promise<VereinErrorEvent>;
        await submitName(el, 'Eingeladen');
        const event = await failed;
        expect(event.detail).to.deep.include({ code, status: 403 });
        const text = t.errors[code as keyof typeof t.errors];
        expect(text).to.contain(words);
        expect(event.detail.message).to.equal(text);
        await el.updateComplete;
        expect(shadow(el, '[role="alert"] p').textContent).to.equal(text);
        expect(el.shadowRoot!.activeElement).to.equal(shadow(el, '[role="alert"] button'));
        await expect(el).to.be.accessible();
      }
    });
  }

  it('the messages for a broken invite say whom to ask', () => {
    for (const code of ['invite_invalid', 'invite_expired', 'invite_wrong_room', 'invite_revoked', 'invite_key_unknown'] as const) {
      expect(de.errors[code]).to.contain('Bitte fragen Sie die Person, die Ihnen den Link geschickt hat');
      expect(en.errors[code]).to.contain('Please ask the person who sent you the link');
    }
  });
});
