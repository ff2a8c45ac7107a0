import type { Meta, StoryObj } from '@storybook/web-components-vite';
import { html } from 'lit';
import { ifDefined } from 'lit/directives/if-defined.js';
import '../../define.js';
import { de } from '../../i18n/index.js';
import {
  FAKE_BBB_ORIGIN,
  FAKE_CHAT_CODE,
  FAKE_ENDPOINT,
  FAKE_EXPIRED_CHAT_CODE,
  FAKE_FOREIGN_TENANT,
  FAKE_KEPT_TENANT,
  FAKE_LOGO_TENANT,
  FAKE_ROOMS,
  FAKE_TENANT,
  fakeInvite,
} from '../../stories/fake-api.js';
import { fillAndJoin, fillChat, fillCode, joinRoomIn, openWebmasterNote, until } from '../../stories/play.js';
import { keepConsent } from './consent.js';

interface Args {
  room: string;
  lang: 'de' | 'en';
  label?: string;
  target: '_blank' | '_self' | 'embed';
  askAccessCode: boolean;
  endpoint?: string;
  invite?: string;
  tenant?: string;
  joinTimeout?: number;
}

/**
 * The join button in every state. The stories talk to a fake server inside
 * the page (see `stories/fake-api.ts`), so no server is needed.
 */
const meta: Meta<Args> = {
  title: 'Elements/verein-join-room',
  component: 'verein-join-room',
  args: { room: FAKE_ROOMS.open, lang: 'de', target: '_blank', askAccessCode: false, endpoint: FAKE_ENDPOINT, tenant: FAKE_TENANT },
  argTypes: {
    room: { control: 'select', options: Object.values(FAKE_ROOMS) },
    lang: { control: 'inline-radio', options: ['de', 'en'] },
    target: { control: 'inline-radio', options: ['_blank', '_self', 'embed'] },
  },
  render: ({ room, lang, label, target, askAccessCode, endpoint, invite, tenant, joinTimeout }) => html`
    <verein-join-room
      endpoint=${ifDefined(endpoint)}
      tenant=${ifDefined(tenant)}
      join-timeout=${ifDefined(joinTimeout)}
      room=${room}
      lang=${lang}
      target=${target}
      invite=${ifDefined(invite)}
      ?ask-access-code=${askAccessCode}
      poll-interval="500"
      >${label ?? ''}</verein-join-room
    >
  `,
};
export default meta;
type Story = StoryObj<Args>;

/** The button, as a visitor first sees it. */
export const Idle: Story = {};

/** The same in English. */
export const IdleEnglish: Story = { args: { lang: 'en' } };

/** The webmaster's own label, from the slot. */
export const CustomLabel: Story = { args: { label: 'Zum digitalen Vereinsheim' } };

/**
 * After the click: the name form, with the club's privacy notice (its own
 * words, what goes to which server, the legal links) and "Agree and join".
 * Nothing has been asked of the conference server yet.
 */
export const AskingForName: Story = {
  play: async ({ canvasElement }) => {
    const el = joinRoomIn(canvasElement);
    // With an invite, the button comes once the server has told what it opens.
    await until(() => el.state === 'idle');
    el.shadowRoot!.querySelector<HTMLButtonElement>('button[part="button"]')!.click();
    // The tenant's details arrive a moment later; until then the notice names no server.
    await until(() => !!el.shadowRoot!.querySelector('#consent'));
  },
};

/** The name form and privacy notice in English. */
export const AskingForNameEnglish: Story = { ...AskingForName, args: { lang: 'en' } };

/**
 * The visitor kept their agreement for this club on the device: no notice,
 * "Join now", and a way to withdraw the agreement.
 */
export const ConsentKept: Story = {
  args: { tenant: FAKE_KEPT_TENANT },
  play: async ({ canvasElement }) => {
    keepConsent(FAKE_ENDPOINT, FAKE_KEPT_TENANT, [FAKE_BBB_ORIGIN]);
    const el = joinRoomIn(canvasElement);
    await el.updateComplete;
    el.shadowRoot!.querySelector<HTMLButtonElement>('button[part="button"]')!.click();
    await until(() => !!el.shadowRoot!.querySelector('[part="consent"] button'));
  },
};

/** The kept agreement, in English. */
export const ConsentKeptEnglish: Story = { ...ConsentKept, args: { ...ConsentKept.args, lang: 'en' } };

/** The form with the access-code field shown from the start. */
export const AskingWithAccessCode: Story = { ...AskingForName, args: { room: FAKE_ROOMS.code, askAccessCode: true } };

/** An empty name is refused next to the field. */
export const NameMissing: Story = {
  play: async ({ canvasElement }) => {
    const el = joinRoomIn(canvasElement);
    await fillAndJoin(el, '  ', 'asking');
  },
};

/** A wrong access code: back to the form, the reason at the code field. */
export const WrongAccessCode: Story = {
  args: { room: FAKE_ROOMS.code },
  play: async ({ canvasElement }) => fillAndJoin(joinRoomIn(canvasElement), 'Max Mustermann', 'asking', '0000'),
};

/** The meeting has not started: the visitor waits here. */
export const Waiting: Story = {
  args: { room: FAKE_ROOMS.waiting },
  play: async ({ canvasElement }) => fillAndJoin(joinRoomIn(canvasElement), 'Erika Musterfrau', 'waiting'),
};

/** Waiting, in English. */
export const WaitingEnglish: Story = { ...Waiting, args: { room: FAKE_ROOMS.waiting, lang: 'en' } };

/** The meeting started while the visitor waited: a big link to open it. */
export const Started: Story = {
  args: { room: FAKE_ROOMS.startsSoon },
  play: async ({ canvasElement }) => fillAndJoin(joinRoomIn(canvasElement), 'Erika Musterfrau', 'ready'),
};

/** The room does not exist: the message says whom to tell. */
export const RoomNotFound: Story = {
  args: { room: FAKE_ROOMS.missing },
  play: async ({ canvasElement }) => fillAndJoin(joinRoomIn(canvasElement), 'Max Mustermann', 'error'),
};

/**
 * With an invite (here the `invite` attribute; on a real page usually the
 * link's `#invite=…`) the form asks for no access code.
 */
export const AskingWithInvite: Story = {
  ...AskingForName,
  args: { room: FAKE_ROOMS.code, invite: fakeInvite(FAKE_ROOMS.code) },
};

/** Wait until the element is in `state`, once the server has told what the invite opens. */
const reaches =
  (state: string): Story['play'] =>
  async ({ canvasElement }) => {
    const el = joinRoomIn(canvasElement);
    await until(() => el.state === state);
    await el.updateComplete;
  };

/**
 * The join page of booked rooms (no `room` of its own), opened with the
 * invite link: before anything else, what the link opens. The title and dates
 * of the booking and the visitor's role come from the server.
 */
export const BookedRoomInvite: Story = {
  args: { room: '', invite: fakeInvite(FAKE_ROOMS.booked, { role: 'moderator' }) },
  play: reaches('idle'),
};

/** The booked room's invite in English: the dates in the visitor's language and time zone. */
export const BookedRoomInviteEnglish: Story = { ...BookedRoomInvite, args: { ...BookedRoomInvite.args, lang: 'en' } };

/** After the click: the name form below what the invite opens; no access code. */
export const BookedRoomAskingForName: Story = { ...AskingForName, args: { room: '', invite: fakeInvite(FAKE_ROOMS.booked) } };

/** The element asks the server about the invite link; the button comes with the answer. (Here the answer never comes.) */
export const InviteChecking: Story = {
  args: { room: '', invite: fakeInvite(FAKE_ROOMS.silent) },
  play: reaches('checking'),
};

/**
 * The invite works only later (a booked room's links work from half an hour
 * before its first date): the element says from when, in the visitor's
 * language and time zone, and offers the button by itself once the time has
 * come.
 */
export const InviteNotYetValid: Story = {
  args: { room: '', invite: fakeInvite(FAKE_ROOMS.booked, { startsInMs: 2 * 86_400_000 }) },
  play: reaches('early'),
};

/** Not valid yet, in English. */
export const InviteNotYetValidEnglish: Story = { ...InviteNotYetValid, args: { ...InviteNotYetValid.args, lang: 'en' } };

/** The invite has expired: the message says whom to ask for a new one, and no form asks for a name. */
export const InviteExpired: Story = {
  args: { room: FAKE_ROOMS.code, invite: fakeInvite(FAKE_ROOMS.code, { expired: true }) },
  play: reaches('error'),
};

/** The expired invite, in English. */
export const InviteExpiredEnglish: Story = { ...InviteExpired, args: { ...InviteExpired.args, lang: 'en' } };

/** The operator revoked the invite (or cancelled the booking): the same, without a form. */
export const InviteRevoked: Story = {
  args: { room: '', invite: fakeInvite(FAKE_ROOMS.booked, { role: 'moderator', revoked: true }) },
  play: reaches('error'),
};

/**
 * `target="embed"`: a Jitsi meeting inside the element. (In Storybook a
 * placeholder stands in for Jitsi's iframe API.)
 */
export const Embedded: Story = {
  args: { room: FAKE_ROOMS.jitsi, target: 'embed' },
  play: async ({ canvasElement }) => fillAndJoin(joinRoomIn(canvasElement), 'Erika Musterfrau', 'embedded'),
};

/** The embedded meeting reports a blocked camera: the element offers a new tab. */
export const EmbedFallback: Story = {
  args: { room: FAKE_ROOMS.jitsiBlocked, target: 'embed' },
  play: async ({ canvasElement }) => {
    const el = joinRoomIn(canvasElement);
    await fillAndJoin(el, 'Erika Musterfrau', 'embedded');
    await until(() => !!el.shadowRoot!.querySelector('.status')?.textContent?.includes(de.embedDevices));
    await el.updateComplete;
  },
};

/**
 * `target="embed"` with BigBlueButton: the meeting in an iframe inside the
 * element, with leave and full-screen buttons and a link to a new tab. (In
 * Storybook a placeholder stands in for BigBlueButton.)
 */
export const EmbeddedBigBlueButton: Story = {
  args: { room: FAKE_ROOMS.open, target: 'embed' },
  play: async ({ canvasElement }) => fillAndJoin(joinRoomIn(canvasElement), 'Erika Musterfrau', 'embedded'),
};

/** The embedded BigBlueButton meeting, in English. */
export const EmbeddedBigBlueButtonEnglish: Story = { ...EmbeddedBigBlueButton, args: { ...EmbeddedBigBlueButton.args, lang: 'en' } };

/**
 * The embedded meeting does not say it is ready within `join-timeout` (here
 * one second), as when the server refuses to be shown in other pages: the
 * element says so next to the new-tab link.
 */
export const EmbedBigBlueButtonSlow: Story = {
  args: { room: FAKE_ROOMS.bbbSilent, target: 'embed', joinTimeout: 1000 },
  play: async ({ canvasElement }) => {
    const el = joinRoomIn(canvasElement);
    await fillAndJoin(el, 'Erika Musterfrau', 'embedding');
    await until(() => !!el.shadowRoot!.querySelector('.status')?.textContent?.includes(de.embedSlow));
    await el.updateComplete;
  },
};

/** The meeting's server cannot be reached from the page: the element offers a new tab instead. */
export const EmbedCannotLoad: Story = {
  args: { room: FAKE_ROOMS.jitsiGone, target: 'embed' },
  play: async ({ canvasElement }) => fillAndJoin(joinRoomIn(canvasElement), 'Erika Musterfrau', 'ready'),
};

const chatInvite = { room: FAKE_ROOMS.chat, invite: fakeInvite(FAKE_ROOMS.chat, { kind: 'chat' }) };

/**
 * A booked chat room (a Mattermost channel): after the click the element asks
 * for the visitor's Mattermost user name, and offers the team's sign-up link
 * to visitors without an account.
 */
export const ChatUserName: Story = {
  args: chatInvite,
  play: async ({ canvasElement }) => {
    const el = joinRoomIn(canvasElement);
    await until(() => el.state === 'idle');
    el.shadowRoot!.querySelector<HTMLButtonElement>('button[part="button"]')!.click();
    await until(() => el.state === 'chat');
    await el.updateComplete;
  },
};

/** The chat form in English. */
export const ChatUserNameEnglish: Story = { ...ChatUserName, args: { ...chatInvite, lang: 'en' } };

/** A user name that cannot be one: the reason at the field, checked in the browser before anything is sent. */
export const ChatUserNameInvalid: Story = {
  args: chatInvite,
  play: async ({ canvasElement }) => {
    const el = joinRoomIn(canvasElement);
    await fillChat(el, 'Erika Muster', 'chat');
    await until(() => !!el.shadowRoot!.querySelector('#chat-user-error'));
  },
};

/**
 * The server's bot sent the account a message with a code: the element says
 * where to read it (a link to the bot's messages on Mattermost) and asks for
 * the code. The same for a user name without an account, so the page never
 * tells which names exist; a message that does not come can be asked for
 * again, or another user name typed.
 */
export const ChatCodeSent: Story = {
  args: chatInvite,
  play: async ({ canvasElement }) => fillChat(joinRoomIn(canvasElement), 'erika.muster', 'chat-code'),
};

/** A wrong code: the reason at the field; the visitor may try again. */
export const ChatCodeWrong: Story = {
  args: chatInvite,
  play: async ({ canvasElement }) => {
    const el = joinRoomIn(canvasElement);
    await fillChat(el, 'erika.muster', 'chat-code');
    await fillCode(el, 'AAAA-BBBB', 'chat-code');
  },
};

/** A code that no longer works (after ten minutes, once used, or typed wrong too often): have a new one sent. */
export const ChatCodeExpired: Story = {
  args: chatInvite,
  play: async ({ canvasElement }) => {
    const el = joinRoomIn(canvasElement);
    await fillChat(el, 'erika.muster', 'chat-code');
    await fillCode(el, FAKE_EXPIRED_CHAT_CODE, 'chat-code');
  },
};

/**
 * The right code: the visitor is in the chat, and a link opens the channel:
 * what a visitor sees when the browser blocked the new tab (the play step
 * blocks it for certain). The channel never opens inside the page, not even
 * with `target="embed"`: Mattermost refuses to be framed.
 */
export const ChatJoined: Story = {
  args: { ...chatInvite, target: 'embed' },
  play: async ({ canvasElement }) => {
    const el = joinRoomIn(canvasElement);
    await fillChat(el, 'erika.muster', 'chat-code');
    const open = window.open;
    window.open = () => null;
    try {
      await fillCode(el, FAKE_CHAT_CODE, 'ready');
    } finally {
      window.open = open;
    }
  },
};

/** The element is missing its setup: it tells the webmaster what. */
export const NotConfigured: Story = { args: { endpoint: undefined } };

/**
 * On a page the tenant does not allow (the server answers
 * `origin_not_allowed`): in place of the button, an apology for visitors and,
 * behind a disclosure (opened here), the page's address the operator must
 * add. No form opens.
 */
export const PageNotAllowed: Story = { args: { tenant: FAKE_FOREIGN_TENANT }, play: openWebmasterNote };

/** The same in English. */
export const PageNotAllowedEnglish: Story = { ...PageNotAllowed, args: { tenant: FAKE_FOREIGN_TENANT, lang: 'en' } };

/** The name form of a club with a logo: at the top, small, with the club's name as its text. `no-logo` leaves it out. */
export const WithLogo: Story = {
  ...AskingForName,
  args: { tenant: FAKE_LOGO_TENANT },
  play: async (context) => {
    await AskingForName.play!(context as never);
    const el = joinRoomIn(context.canvasElement);
    await until(() => el.shadowRoot!.querySelector<HTMLImageElement>('img[part="logo"]')?.complete === true);
  },
};

/** A club's colours through custom properties. */
export const ClubColours: Story = {
  args: { label: 'Zum Training' },
  decorators: [
    (story) => html`<div style="--verein-color-primary: #1d5b2f; --verein-radius: 2rem; font-family: Georgia, serif">${story()}</div>`,
  ],
};
