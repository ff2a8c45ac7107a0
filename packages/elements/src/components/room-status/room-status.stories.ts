import type { Meta, StoryObj } from '@storybook/web-components-vite';
import { html } from 'lit';
import { ifDefined } from 'lit/directives/if-defined.js';
import '../../define.js';
import {
  FAKE_BOOKING_TENANTS,
  FAKE_ENDPOINT,
  FAKE_FOREIGN_TENANT,
  FAKE_LOGO_TENANT,
  FAKE_ROOMS,
  FAKE_TENANT,
} from '../../stories/fake-api.js';
import { openWebmasterNote, until } from '../../stories/play.js';
import type { RoomStatusState, VereinRoomStatus } from './room-status.js';

interface Args {
  room: string;
  lang: 'de' | 'en';
  variant: 'badge' | 'detailed';
  hiddenWhenIdle: boolean;
  endpoint?: string;
  tenant: string;
}

/** A story's play step: wait until the (first) status element shows each of `states` in turn. */
function showing(...states: RoomStatusState[]) {
  return async ({ canvasElement }: { canvasElement: HTMLElement }): Promise<void> => {
    const el = canvasElement.querySelector<VereinRoomStatus>('verein-room-status')!;
    for (const state of states) await until(() => el.state === state);
    await el.updateComplete;
  };
}

/**
 * The live status of a room in every state. The stories talk to a fake server
 * inside the page (see `stories/fake-api.ts`), which also stands in for the
 * server's event stream: no server is needed.
 */
const meta: Meta<Args> = {
  title: 'Elements/verein-room-status',
  component: 'verein-room-status',
  args: { room: FAKE_ROOMS.open, lang: 'de', variant: 'badge', hiddenWhenIdle: false, endpoint: FAKE_ENDPOINT, tenant: FAKE_TENANT },
  argTypes: {
    room: { control: 'select', options: Object.values(FAKE_ROOMS) },
    lang: { control: 'inline-radio', options: ['de', 'en'] },
    variant: { control: 'inline-radio', options: ['badge', 'detailed'] },
  },
  render: ({ room, lang, variant, hiddenWhenIdle, endpoint, tenant }) => html`
    <verein-room-status
      endpoint=${ifDefined(endpoint)}
      tenant=${tenant}
      room=${room}
      lang=${lang}
      variant=${variant}
      ?hidden-when-idle=${hiddenWhenIdle}
    ></verein-room-status>
  `,
};
export default meta;
type Story = StoryObj<Args>;

/** A meeting is running: the dot pulses (unless the visitor prefers reduced motion), the text says how many are in it. */
export const Live: Story = { play: showing('live') };

/** The same in English. */
export const LiveEnglish: Story = { ...Live, args: { lang: 'en' } };

/** One person in the room: singular. */
export const LiveOnePerson: Story = { ...Live, args: { room: FAKE_ROOMS.solo } };

/** `variant="detailed"`: also since when the meeting runs. */
export const LiveDetailed: Story = { ...Live, args: { variant: 'detailed' } };

/** The detailed variant in English. */
export const LiveDetailedEnglish: Story = { ...Live, args: { variant: 'detailed', lang: 'en' } };

/** Nobody is in the room. */
export const Idle: Story = { args: { room: FAKE_ROOMS.waiting }, play: showing('idle') };

/** The same in English. */
export const IdleEnglish: Story = { ...Idle, args: { room: FAKE_ROOMS.waiting, lang: 'en' } };

/** The server cannot tell (e.g. a Jitsi room without a room-size endpoint): a hollow dot. */
export const Unknown: Story = { args: { room: FAKE_ROOMS.unknown }, play: showing('unknown') };

/** The same in English. */
export const UnknownEnglish: Story = { ...Unknown, args: { room: FAKE_ROOMS.unknown, lang: 'en' } };

/** The conference server has not answered for a while: the detailed variant says how old the status is. */
export const Stale: Story = { args: { room: FAKE_ROOMS.stale, variant: 'detailed' }, play: showing('live') };

/** The same in English. */
export const StaleEnglish: Story = { ...Stale, args: { room: FAKE_ROOMS.stale, variant: 'detailed', lang: 'en' } };

/** Before the first answer. */
export const Checking: Story = { args: { room: FAKE_ROOMS.silent } };

/** The same in English. */
export const CheckingEnglish: Story = { args: { room: FAKE_ROOMS.silent, lang: 'en' } };

/**
 * The meeting starts two seconds after the story opened: the element updates
 * itself and announces the change to screen readers.
 */
export const StartsWhileWatching: Story = {
  args: { room: FAKE_ROOMS.startsSoon },
  play: showing('idle', 'live'),
};

/**
 * `hidden-when-idle`: nothing to see while the room is idle (here: the text
 * around it). It appears, and is announced, when a meeting starts.
 */
export const HiddenWhenIdle: Story = {
  args: { room: FAKE_ROOMS.waiting, hiddenWhenIdle: true },
  render: (args) => html`<p>Vorstandssitzung: ${meta.render!(args, {} as never)}</p>`,
  play: showing('idle'),
};

/** The room does not exist: a short message, in the visitor's language. */
export const RoomNotFound: Story = { args: { room: FAKE_ROOMS.missing }, play: showing('error') };

/** The same in English. */
export const RoomNotFoundEnglish: Story = { ...RoomNotFound, args: { room: FAKE_ROOMS.missing, lang: 'en' } };

/** A booked chat room (a Mattermost channel): how many members it has and when the last message was written. */
export const ChatRoom: Story = { args: { room: FAKE_ROOMS.chat }, play: showing('chat') };

/** The chat room in English. */
export const ChatRoomEnglish: Story = { ...ChatRoom, args: { room: FAKE_ROOMS.chat, lang: 'en' } };

/** The element is missing its setup: it tells the webmaster what. */
export const NotConfigured: Story = { args: { endpoint: undefined } };

/** A club's colours through custom properties and parts. */
export const ClubColours: Story = {
  ...LiveDetailed,
  decorators: [
    (story) => html`
      <style>
        .club verein-room-status::part(label) {
          text-transform: uppercase;
          letter-spacing: 0.05em;
        }
      </style>
      <div class="club" style="--verein-room-status-live-color: #1d5b2f; --verein-room-status-dot-size: 1em; --verein-radius: 2rem; font-family: Georgia, serif">
        ${story()}
      </div>
    `,
  ],
};

/** A story's play step: wait until the (first) status element shows `state` and wears its tenant's theme. */
function themed(state: RoomStatusState) {
  return async ({ canvasElement }: { canvasElement: HTMLElement }): Promise<void> => {
    const el = canvasElement.querySelector<VereinRoomStatus>('verein-room-status')!;
    await until(() => el.state === state && el.style.getPropertyValue('--_tenant-radius') !== '');
    await el.updateComplete;
  };
}

/**
 * A tenant with a theme of its own (here the city's: square corners, its
 * font): the element takes it from the server (`GET /v1/tenants/{tenant}`).
 */
export const TenantTheme: Story = { args: { tenant: FAKE_BOOKING_TENANTS.automatic, variant: 'detailed' }, play: themed('live') };

/** The same in English. */
export const TenantThemeEnglish: Story = { ...TenantTheme, args: { ...TenantTheme.args, lang: 'en' } };

/** The page's own `--verein-*` properties win over the tenant's theme: here round corners and the page's font. */
export const TenantThemeOverridden: Story = {
  ...TenantTheme,
  decorators: [(story) => html`<div style="--verein-radius: 1rem; --verein-font-family: Georgia, serif">${story()}</div>`],
};

/**
 * A status and a join button for the same room, in one `<verein-config>`:
 * they share one connection to the server.
 */
export const WithJoinButton: Story = {
  render: ({ lang }) => html`
    <verein-config endpoint=${FAKE_ENDPOINT} tenant=${FAKE_TENANT} lang=${lang}>
      <h3>Digitales Vereinsheim</h3>
      <p><verein-room-status room=${FAKE_ROOMS.open}></verein-room-status></p>
      <verein-join-room room=${FAKE_ROOMS.open}></verein-join-room>
    </verein-config>
  `,
  play: showing('live'),
};

/**
 * A club page with several rooms: their status elements share one connection
 * to the server, for all rooms together. A room that does not exist shows its
 * message; the others go on.
 */
export const SeveralRooms: Story = {
  render: ({ lang }) => html`
    <verein-config endpoint=${FAKE_ENDPOINT} tenant=${FAKE_TENANT} lang=${lang}>
      <ul>
        <li>Digitales Vereinsheim: <verein-room-status room=${FAKE_ROOMS.open}></verein-room-status></li>
        <li>Vorstandssitzung: <verein-room-status room=${FAKE_ROOMS.waiting}></verein-room-status></li>
        <li>Kaffeeklatsch: <verein-room-status room=${FAKE_ROOMS.solo}></verein-room-status></li>
        <li>Yoga: <verein-room-status room=${FAKE_ROOMS.missing}></verein-room-status></li>
      </ul>
    </verein-config>
  `,
  play: async ({ canvasElement }) => {
    const all = [...canvasElement.querySelectorAll<VereinRoomStatus>('verein-room-status')];
    const expected: RoomStatusState[] = ['live', 'idle', 'live', 'error'];
    await until(() => all.every((el, i) => el.state === expected[i]));
    await Promise.all(all.map((el) => el.updateComplete));
  },
};

/** A club with a logo: it starts the badge, small, with the club's name as its text. `no-logo` leaves it out. */
export const WithLogo: Story = { args: { tenant: FAKE_LOGO_TENANT }, play: showing('live') };

/**
 * On a page the tenant does not allow: an apology in place of the status and,
 * behind a disclosure (opened here), the page's address the operator must add.
 */
export const PageNotAllowed: Story = { args: { tenant: FAKE_FOREIGN_TENANT }, play: openWebmasterNote };

/** The same in English. */
export const PageNotAllowedEnglish: Story = { ...PageNotAllowed, args: { tenant: FAKE_FOREIGN_TENANT, lang: 'en' } };
