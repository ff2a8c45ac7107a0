import type { Meta, StoryObj } from '@storybook/web-components-vite';
import { html } from 'lit';
import { ifDefined } from 'lit/directives/if-defined.js';
import './define.js';
import '../club-review/define.js';
import '../usage-report/define.js';
import { decideBooking } from '../../api/client.js';
import {
  FAKE_ADMIN_TOKEN,
  FAKE_BOOKING_TENANTS,
  FAKE_BOOKINGS,
  FAKE_CHAT_BOOKING,
  FAKE_ENDPOINT,
  FAKE_REGION_TOKEN,
} from '../../stories/fake-api.js';
import { signInOnPage, until } from '../../stories/play.js';
import type { VereinBookingAdmin } from './booking-admin.js';

interface Args {
  lang: 'de' | 'en';
  tenant?: string;
}

/**
 * For operators: every booking the admin token may see, with filters by
 * status, tenant and kind; approve, reject and cancel. The stories use the
 * fake server, which knows two tenants and bookings in every state.
 */
const meta: Meta<Args> = {
  title: 'Elements/verein-booking-admin',
  component: 'verein-booking-admin',
  args: { lang: 'de' },
  argTypes: { lang: { control: 'inline-radio', options: ['de', 'en'] } },
  // Every story starts signed out: the token lives in sessionStorage.
  decorators: [
    (story) => {
      sessionStorage.removeItem('vereinsraum.adminToken');
      return story();
    },
  ],
  render: ({ lang, tenant }) =>
    html`<verein-booking-admin endpoint=${FAKE_ENDPOINT} tenant=${ifDefined(tenant)} lang=${lang}></verein-booking-admin>`,
};
export default meta;
type Story = StoryObj<Args>;

function adminIn(canvas: HTMLElement): VereinBookingAdmin {
  const el = canvas.querySelector('verein-booking-admin');
  if (!el) throw new Error('no verein-booking-admin in the story');
  return el;
}

async function signIn(canvas: HTMLElement, token = FAKE_ADMIN_TOKEN, state = 'list'): Promise<VereinBookingAdmin> {
  const el = adminIn(canvas);
  await el.updateComplete;
  el.shadowRoot!.querySelector<HTMLInputElement>('#token')!.value = token;
  el.shadowRoot!.querySelector('form')!.requestSubmit();
  await until(() => el.state === state);
  await el.updateComplete;
  return el;
}

/** Choose `value` in the filter `name` (status, tenant, kind), as the operator would, and wait for the list. */
async function choose(el: VereinBookingAdmin, name: string, value: string): Promise<void> {
  const select = el.shadowRoot!.querySelector<HTMLSelectElement>(`#filter-${name}`)!;
  select.value = value;
  select.dispatchEvent(new Event('change'));
  await until(() => el.state === 'list');
  await el.updateComplete;
}

/** Click a button of the booking `id`'s card: `approve`, `reject` or `cancel`. */
async function press(el: VereinBookingAdmin, button: string, id: string): Promise<void> {
  el.shadowRoot!.querySelector<HTMLButtonElement>(`#${button}-${id}`)!.click();
  await el.updateComplete;
}

/** Asks for the admin token (once per browser tab). */
export const TokenPrompt: Story = {};

/** The token prompt in English. */
export const TokenPromptEnglish: Story = { args: { lang: 'en' } };

/** Every booking of both tenants: open requests first, then approved (one of them over), declined and cancelled ones. */
export const AllBookings: Story = { play: async ({ canvasElement }) => void (await signIn(canvasElement)) };

/** All bookings in English. */
export const AllBookingsEnglish: Story = { ...AllBookings, args: { lang: 'en' } };

/** Only the open requests. */
export const OpenRequests: Story = {
  play: async ({ canvasElement }) => choose(await signIn(canvasElement), 'status', 'pending'),
};

/** Only the chat rooms. */
export const ChatRooms: Story = {
  play: async ({ canvasElement }) => choose(await signIn(canvasElement), 'kind', 'chat'),
};

/** Filters that leave nothing: there is no cancelled chat room. */
export const NothingFound: Story = {
  play: async ({ canvasElement }) => {
    const el = await signIn(canvasElement);
    await choose(el, 'status', 'cancelled');
    await choose(el, 'kind', 'chat');
  },
};

/** "Ablehnen" opens a field for an optional reason. */
export const Rejecting: Story = {
  play: async ({ canvasElement }) => press(await signIn(canvasElement), 'reject', FAKE_BOOKINGS.pending),
};

/** "Absagen" on an approved booking opens a field for the reason, which the contact person gets by e-mail. */
export const Cancelling: Story = {
  play: async ({ canvasElement }) => press(await signIn(canvasElement), 'cancel', FAKE_BOOKINGS.approved),
};

/** "Jetzt absagen" without a reason: the field says what is missing. */
export const CancelWithoutReason: Story = {
  play: async ({ canvasElement }) => {
    const el = await signIn(canvasElement);
    await press(el, 'cancel', FAKE_BOOKINGS.approved);
    el.shadowRoot!.querySelector<HTMLFormElement>('form.reason')!.requestSubmit();
    await el.updateComplete;
  },
};

/** Cancelled: the message says so, the card shows the new status and the reason. */
export const Cancelled: Story = {
  play: async ({ canvasElement }) => {
    const el = await signIn(canvasElement);
    await press(el, 'cancel', FAKE_BOOKINGS.approved);
    el.shadowRoot!.querySelector<HTMLTextAreaElement>(`#reason-${FAKE_BOOKINGS.approved}`)!.value =
      'Die Halle wird an diesem Abend renoviert.';
    el.shadowRoot!.querySelector<HTMLFormElement>('form.reason')!.requestSubmit();
    await until(() => el.shadowRoot!.querySelector(`[data-status="cancelled"] #b-${FAKE_BOOKINGS.approved}`) !== null);
    await el.updateComplete;
  },
};

/** Approved from the list of open requests: the booking leaves it, focus moves on to the next one. */
export const ApprovedFromOpenRequests: Story = {
  play: async ({ canvasElement }) => {
    const el = await signIn(canvasElement);
    await choose(el, 'status', 'pending');
    await press(el, 'approve', FAKE_BOOKINGS.pending);
    await until(() => el.shadowRoot!.querySelector(`#b-${FAKE_BOOKINGS.pending}`) === null);
    await el.updateComplete;
  },
};

/** A wrong token: asked again, with the reason. */
export const WrongToken: Story = {
  play: async ({ canvasElement }) => {
    const el = await signIn(canvasElement, 'not-the-token', 'loading');
    await until(() => el.state === 'signed-out');
    await el.updateComplete;
  },
};

/** A chat room's approval fails when the chat server does not answer: the booking stays open, its card says so. */
export const ChatApprovalFails: Story = {
  play: async ({ canvasElement }) => {
    const el = await signIn(canvasElement);
    await press(el, 'approve', FAKE_CHAT_BOOKING);
    await until(() => el.state === 'error');
    await el.updateComplete;
  },
};

/** Another operator decided a request meanwhile: the server refuses the second decision, and the card says why. */
export const AlreadyDecided: Story = {
  play: async ({ canvasElement }) => {
    const el = await signIn(canvasElement);
    await decideBooking(FAKE_ENDPOINT, FAKE_ADMIN_TOKEN, FAKE_BOOKINGS.pending, 'approve');
    await press(el, 'approve', FAKE_BOOKINGS.pending);
    await until(() => el.state === 'error');
    await el.updateComplete;
  },
};

/** With a tenant (here the city's): the list starts with its bookings, in its colours from the server. */
export const OneTenant: Story = {
  args: { tenant: FAKE_BOOKING_TENANTS.automatic },
  play: async ({ canvasElement }) => {
    const el = await signIn(canvasElement);
    await until(() => el.style.getPropertyValue('--_tenant-primary') !== '');
  },
};

/** Below another operator element (here the usage figures): that one shows the token form, this one says to sign in further up. */
export const SignInAbove: Story = {
  render: ({ lang }) => html`<verein-usage-report endpoint=${FAKE_ENDPOINT} lang=${lang}></verein-usage-report>
    <verein-booking-admin endpoint=${FAKE_ENDPOINT} lang=${lang}></verein-booking-admin>`,
};

/** A region admin's token, typed into this element's form on a page with the clubs view: the clubs open, the bookings say the token does not open them. */
export const RegionToken: Story = {
  render: ({ lang }) => html`<verein-booking-admin endpoint=${FAKE_ENDPOINT} lang=${lang}></verein-booking-admin>
    <verein-club-review endpoint=${FAKE_ENDPOINT} lang=${lang}></verein-club-review>`,
  play: async ({ canvasElement }) => {
    await signInOnPage(canvasElement, FAKE_REGION_TOKEN);
    const el = adminIn(canvasElement);
    await until(() => el.state === 'refused' && canvasElement.querySelector('verein-club-review')!.state === 'list');
    await el.updateComplete;
  },
};

/** On a phone (375 px): one column of cards, every control within the width. */
export const Phone: Story = {
  ...AllBookings,
  decorators: [(story) => html`<div style="width: 375px; max-width: 100%; box-sizing: border-box; padding: 0 1rem">${story()}</div>`],
};
