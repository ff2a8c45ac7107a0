import type { Meta, StoryObj } from '@storybook/web-components-vite';
import { html } from 'lit';
import { ifDefined } from 'lit/directives/if-defined.js';
import './define.js';
import { decideBooking } from '../../api/client.js';
import { FAKE_ADMIN_TOKEN, FAKE_BOOKING_TENANTS, FAKE_BOOKINGS, FAKE_CHAT_BOOKING, FAKE_ENDPOINT } from '../../stories/fake-api.js';
import { until } from '../../stories/play.js';
import type { VereinBookingAdmin } from './booking-admin.js';

interface Args {
  lang: 'de' | 'en';
  tenant?: string;
}

/** For operators: the open booking requests, with approve and reject. The stories use the fake server. */
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
  render: ({ lang, tenant }) => html`<verein-booking-admin endpoint=${FAKE_ENDPOINT} tenant=${ifDefined(tenant)} lang=${lang}></verein-booking-admin>`,
};
export default meta;
type Story = StoryObj<Args>;

function adminIn(canvas: HTMLElement): VereinBookingAdmin {
  const el = canvas.querySelector('verein-booking-admin');
  if (!el) throw new Error('no verein-booking-admin in the story');
  return el;
}

async function signIn(canvas: HTMLElement, token: string, state: string): Promise<VereinBookingAdmin> {
  const el = adminIn(canvas);
  await el.updateComplete;
  el.shadowRoot!.querySelector<HTMLInputElement>('#token')!.value = token;
  el.shadowRoot!.querySelector('form')!.requestSubmit();
  await until(() => el.state === state);
  await el.updateComplete;
  return el;
}

/** Asks for the admin token (once per browser tab). */
export const TokenPrompt: Story = {};

/** The token prompt in English. */
export const TokenPromptEnglish: Story = { args: { lang: 'en' } };

/** The pending requests. */
export const List: Story = { play: async ({ canvasElement }) => void (await signIn(canvasElement, FAKE_ADMIN_TOKEN, 'list')) };

/** The list in English. */
export const ListEnglish: Story = { ...List, args: { lang: 'en' } };

/** "Decline" opens a field for an optional reason. */
export const Rejecting: Story = {
  play: async ({ canvasElement }) => {
    const el = await signIn(canvasElement, FAKE_ADMIN_TOKEN, 'list');
    el.shadowRoot!.querySelector<HTMLButtonElement>('button[id^="reject-"]')!.click();
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

/** A chat room's approval fails when the chat server does not answer: the booking stays in the list, the message says so. */
export const ChatApprovalFails: Story = {
  play: async ({ canvasElement }) => {
    const el = await signIn(canvasElement, FAKE_ADMIN_TOKEN, 'list');
    el.shadowRoot!.querySelector<HTMLButtonElement>(`button[aria-describedby="b-${FAKE_CHAT_BOOKING}"]`)!.click();
    await until(() => el.state === 'error');
    await el.updateComplete;
  },
};

/** Another operator decided a request meanwhile: the server refuses the second decision, and the element says why. */
export const AlreadyDecided: Story = {
  play: async ({ canvasElement }) => {
    const el = await signIn(canvasElement, FAKE_ADMIN_TOKEN, 'list');
    await decideBooking(FAKE_ENDPOINT, FAKE_ADMIN_TOKEN, FAKE_BOOKINGS.pending, 'approve');
    el.shadowRoot!.querySelector<HTMLButtonElement>(`button[aria-describedby="b-${FAKE_BOOKINGS.pending}"]`)!.click();
    await until(() => el.state === 'error');
    await el.updateComplete;
  },
};

/** Only the requests of one tenant (here the city's, with its theme from the server): none are open. */
export const NoOpenRequests: Story = {
  args: { tenant: FAKE_BOOKING_TENANTS.automatic },
  play: async ({ canvasElement }) => {
    const el = await signIn(canvasElement, FAKE_ADMIN_TOKEN, 'list');
    await until(() => el.style.getPropertyValue('--_tenant-primary') !== '');
  },
};
