import type { Meta, StoryObj } from '@storybook/web-components-vite';
import { html } from 'lit';
import { ifDefined } from 'lit/directives/if-defined.js';
import '../../define.js';
import { FAKE_ENDPOINT, FAKE_ROOMS, FAKE_TENANT, FAKE_UNKNOWN_CHAT_USER, fakeInvite } from '../../stories/fake-api.js';
import { fillAndJoin, fillChat, joinRoomIn, until } from '../../stories/play.js';

interface Args {
  room: string;
  lang: 'de' | 'en';
  label?: string;
  target: '_blank' | '_self' | 'embed';
  askAccessCode: boolean;
  endpoint?: string;
  invite?: string;
}

/**
 * The join button in every state. The stories talk to a fake server inside
 * the page (see `stories/fake-api.ts`), so no server is needed.
 */
const meta: Meta<Args> = {
  title: 'Elements/verein-join-room',
  component: 'verein-join-room',
  args: { room: FAKE_ROOMS.open, lang: 'de', target: '_blank', askAccessCode: false, endpoint: FAKE_ENDPOINT },
  argTypes: {
    room: { control: 'select', options: Object.values(FAKE_ROOMS) },
    lang: { control: 'inline-radio', options: ['de', 'en'] },
    target: { control: 'inline-radio', options: ['_blank', '_self', 'embed'] },
  },
  render: ({ room, lang, label, target, askAccessCode, endpoint, invite }) => html`
    <verein-join-room
      endpoint=${ifDefined(endpoint)}
      tenant=${FAKE_TENANT}
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

/** After the click: the name form. */
export const AskingForName: Story = {
  play: async ({ canvasElement }) => {
    const el = joinRoomIn(canvasElement);
    await el.updateComplete;
    el.shadowRoot!.querySelector<HTMLButtonElement>('button[part="button"]')!.click();
  },
};

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

/** The invite has expired: the message says whom to ask for a new one. */
export const InviteExpired: Story = {
  args: { room: FAKE_ROOMS.code, invite: fakeInvite(FAKE_ROOMS.code, { expired: true }) },
  play: async ({ canvasElement }) => fillAndJoin(joinRoomIn(canvasElement), 'Max Mustermann', 'error'),
};

/** The expired invite, in English. */
export const InviteExpiredEnglish: Story = { ...InviteExpired, args: { ...InviteExpired.args, lang: 'en' } };

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
    await until(() => !!el.shadowRoot!.querySelector('a[part="link"]'));
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
    await el.updateComplete;
    el.shadowRoot!.querySelector<HTMLButtonElement>('button[part="button"]')!.click();
    await until(() => el.state === 'chat');
    await el.updateComplete;
  },
};

/** The chat form in English. */
export const ChatUserNameEnglish: Story = { ...ChatUserName, args: { ...chatInvite, lang: 'en' } };

/** Mattermost has no account with that user name: the reason at the field, the sign-up link below. */
export const ChatUnknownUser: Story = {
  args: chatInvite,
  play: async ({ canvasElement }) => fillChat(joinRoomIn(canvasElement), FAKE_UNKNOWN_CHAT_USER, 'chat'),
};

/**
 * The visitor is in the chat, and a link opens the channel: what a visitor
 * sees when the browser blocked the new tab (the play step blocks it for
 * certain). The channel never opens inside the page, not even with
 * `target="embed"`: Mattermost refuses to be framed.
 */
export const ChatJoined: Story = {
  args: { ...chatInvite, target: 'embed' },
  play: async ({ canvasElement }) => {
    const open = window.open;
    window.open = () => null;
    try {
      await fillChat(joinRoomIn(canvasElement), 'erika.muster', 'ready');
    } finally {
      window.open = open;
    }
  },
};

/** The element is missing its setup: it tells the webmaster what. */
export const NotConfigured: Story = { args: { endpoint: undefined } };

/** A club's colours through custom properties. */
export const ClubColours: Story = {
  args: { label: 'Zum Training' },
  decorators: [
    (story) => html`<div style="--verein-color-primary: #1d5b2f; --verein-radius: 2rem; font-family: Georgia, serif">${story()}</div>`,
  ],
};
