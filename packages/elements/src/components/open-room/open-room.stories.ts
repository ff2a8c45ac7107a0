import type { Meta, StoryObj } from '@storybook/web-components-vite';
import { openRoomName } from '@vereinsraum/protocol';
import { html } from 'lit';
import './define.js';
import { FAKE_ENDPOINT, FAKE_KEPT_TENANT, FAKE_OPEN_ROOMS, FAKE_SLOW_TITLE, FAKE_TENANT, fakeInvite } from '../../stories/fake-api.js';
import { until } from '../../stories/play.js';
import { keepRoom } from './kept.js';
import type { OpenRoomState, VereinOpenRoom } from './open-room.js';

interface Args {
  lang: 'de' | 'en';
  tenant: string;
  room: string;
  kiosk: boolean;
}

function openRoomIn(canvas: HTMLElement): VereinOpenRoom {
  const el = canvas.querySelector('verein-open-room');
  if (!el) throw new Error('no verein-open-room in the story');
  return el;
}

/** A story's play step: wait for `state`. */
function showing(state: OpenRoomState) {
  return async ({ canvasElement }: { canvasElement: HTMLElement }): Promise<void> => {
    const el = openRoomIn(canvasElement);
    await until(() => el.state === state);
    await el.updateComplete;
  };
}

/** Click the big button and wait for the form. */
async function ask(el: VereinOpenRoom): Promise<void> {
  await el.updateComplete;
  el.shadowRoot!.querySelector<HTMLButtonElement>('button[part="button"]')!.click();
  await until(() => el.state === 'asking');
  // The tenant's details (its name in the terms, its privacy policy) come from the server a moment later.
  await until(() => !!el.shadowRoot!.querySelector('.terms'));
  await el.updateComplete;
}

/** Open a conference with a title (the fake server's proof of work takes no time). */
async function open(
  { canvasElement }: { canvasElement: HTMLElement },
  state: OpenRoomState = 'host',
  title = 'Omas Geburtstag',
): Promise<VereinOpenRoom> {
  const el = openRoomIn(canvasElement);
  await ask(el);
  el.shadowRoot!.querySelector<HTMLInputElement>('#title')!.value = title;
  el.shadowRoot!.querySelector<HTMLButtonElement>('button[type="submit"]')!.click();
  await until(() => el.state === state);
  await el.updateComplete;
  return el;
}

/**
 * Open a conference now: the big button (also with the conferences the
 * device keeps), the form with title and terms, opening, the host's panel
 * with the guest link, sharing and QR code, a link being checked, a guest's
 * view, an expired link, a refusal, and the kiosk of a care-home tablet with
 * its setup by staff. The stories
 * talk to a fake server inside the page (see `stories/fake-open-rooms.ts`).
 */
const meta: Meta<Args> = {
  title: 'Elements/verein-open-room',
  component: 'verein-open-room',
  args: { lang: 'de', tenant: FAKE_TENANT, room: '', kiosk: false },
  argTypes: { lang: { control: 'inline-radio', options: ['de', 'en'] } },
  render: ({ lang, tenant, room, kiosk }) => html`
    <verein-open-room endpoint=${FAKE_ENDPOINT} tenant=${tenant} lang=${lang} room=${room} ?kiosk=${kiosk}></verein-open-room>
  `,
};
export default meta;
type Story = StoryObj<Args>;

/** The big button. */
export const Idle: Story = { play: showing('idle') };

/** The same in English. */
export const IdleEnglish: Story = { ...Idle, args: { lang: 'en' } };

/** The form: an optional title, the tenant's terms and privacy policy, "Agree and open". */
export const Asking: Story = { play: async ({ canvasElement }) => ask(openRoomIn(canvasElement)) };

/** Between "Agree and open" and the host's panel: the proof of work is solved and the server opens the conference. */
export const Opening: Story = { play: async (context) => void (await open(context, 'opening', FAKE_SLOW_TITLE)) };

/** The host's panel: the name to read aloud, the guest link to copy or share, the host link shown once, the way in as host. */
export const Host: Story = { play: async (context) => void (await open(context)) };

/** The host's panel in English, with the QR code of the guest link shown. */
export const HostWithQrCode: Story = {
  args: { lang: 'en' },
  play: async (context) => {
    const el = await open(context);
    el.shadowRoot!.querySelector<HTMLButtonElement>('button[aria-controls="qr"]')!.click();
    await el.updateComplete;
  },
};

/** A conference the device keeps as host (it opened it, or came by its host link): the big button, and below it the way back as host or to forget it. */
export const IdleWithKept: Story = {
  play: async ({ canvasElement }) => {
    const el = openRoomIn(canvasElement);
    const room = FAKE_OPEN_ROOMS.chor;
    keepRoom(FAKE_ENDPOINT, FAKE_TENANT, room, {
      room,
      token: fakeInvite(room, { role: 'moderator' }),
      title: 'Chorprobe',
      name: openRoomName(room),
    });
    el.requestUpdate();
    await until(() => !!el.shadowRoot!.querySelector('.kept'));
  },
};

/** A link is looked up: is the conference there, and is this device its host? */
export const Checking: Story = { args: { room: FAKE_OPEN_ROOMS.silent }, play: showing('checking') };

/** A guest's link: the conference's title and the way in (name, notice, waiting for the host). */
export const Guest: Story = { args: { room: FAKE_OPEN_ROOMS.chor }, play: showing('guest') };

/** An expired link: it says so, and offers a new conference. */
export const Expired: Story = { args: { room: FAKE_OPEN_ROOMS.expired }, play: showing('expired') };

/** The same in English. */
export const ExpiredEnglish: Story = { ...Expired, args: { ...Expired.args, lang: 'en' } };

/** The tenant has as many conferences open as it allows: the refusal in plain words. */
export const Full: Story = { args: { tenant: FAKE_KEPT_TENANT }, play: async (context) => void (await open(context, 'error')) };

/** A care-home tablet: a fixed conference, its title and one very large button. */
export const Kiosk: Story = { args: { room: FAKE_OPEN_ROOMS.chor, kiosk: true }, play: showing('guest') };

/**
 * The tablet's first tap, by staff: the join button's form in very large
 * type, where they keep the resident's name and the agreement on the tablet;
 * from then on one tap joins.
 */
export const KioskSetUp: Story = {
  args: Kiosk.args,
  play: async (context) => {
    await showing('guest')(context);
    const join = openRoomIn(context.canvasElement).shadowRoot!.querySelector('verein-join-room')!;
    await join.updateComplete;
    join.shadowRoot!.querySelector<HTMLButtonElement>('button[part="button"]')!.click();
    await until(() => join.state === 'asking');
    await join.updateComplete;
  },
};
