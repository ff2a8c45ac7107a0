import type { Meta, StoryObj } from '@storybook/web-components-vite';
import { html } from 'lit';
import { ifDefined } from 'lit/directives/if-defined.js';
import './define.js';
import {
  FAKE_BOOKING_TENANTS,
  FAKE_BOOKINGS,
  FAKE_ENDPOINT,
  FAKE_FOREIGN_TENANT,
  FAKE_REFUSED_EMAIL,
  fakeManageToken,
} from '../../stories/fake-api.js';
import { bookingIn, dayFromNow, fillBooking, openWebmasterNote, sampleBooking, until } from '../../stories/play.js';

interface Args {
  tenant: string;
  lang: 'de' | 'en';
  endpoint?: string;
  manage?: string;
}

/**
 * The booking form and the booker's view of a booking, in every state. The
 * stories talk to a fake server inside the page (see `stories/fake-api.ts`).
 */
const meta: Meta<Args> = {
  title: 'Elements/verein-room-booking',
  component: 'verein-room-booking',
  args: { tenant: FAKE_BOOKING_TENANTS.manual, lang: 'de', endpoint: FAKE_ENDPOINT },
  argTypes: {
    tenant: { control: 'select', options: Object.values(FAKE_BOOKING_TENANTS) },
    lang: { control: 'inline-radio', options: ['de', 'en'] },
  },
  render: ({ tenant, lang, endpoint, manage }) => html`
    <verein-room-booking endpoint=${ifDefined(endpoint)} tenant=${tenant} lang=${lang} manage=${ifDefined(manage)}></verein-room-booking>
  `,
};
export default meta;
type Story = StoryObj<Args>;

const waitForForm: Story['play'] = async ({ canvasElement }) => {
  const el = bookingIn(canvasElement);
  await until(() => el.state === 'form');
  await el.updateComplete;
};

/** The empty form, as a visitor first sees it. Spam protection starts solving in the background. */
export const EmptyForm: Story = { play: waitForForm };

/** The same in English. */
export const EmptyFormEnglish: Story = { args: { lang: 'en' }, play: waitForForm };

/**
 * A tenant with a theme of its own (here the city's: its colour on the
 * buttons and links, square corners, its font), from the server
 * (`GET /v1/tenants/{tenant}`). The city approves bookings at once.
 */
export const TenantTheme: Story = {
  args: { tenant: FAKE_BOOKING_TENANTS.automatic },
  play: async ({ canvasElement }) => {
    const el = bookingIn(canvasElement);
    await until(() => el.state === 'form' && el.style.getPropertyValue('--_tenant-primary') !== '');
    await el.updateComplete;
  },
};

/** The same in English. */
export const TenantThemeEnglish: Story = { ...TenantTheme, args: { ...TenantTheme.args, lang: 'en' } };

/** The page's own `--verein-*` properties win over the tenant's theme: here its colour and round corners. */
export const TenantThemeOverridden: Story = {
  ...TenantTheme,
  decorators: [(story) => html`<div style="--verein-color-primary: #1d5b2f; --verein-radius: 1rem">${story()}</div>`],
};

/** The spam protection is still working (here it never finishes): a hint under the button says so. */
export const Solving: Story = { args: { tenant: FAKE_BOOKING_TENANTS.slow }, play: waitForForm };

const invalid = {
  ...sampleBooking(),
  title: 'Ab',
  contactEmail: 'erika@',
  startTime: '21:00',
  endTime: '19:00',
  repeat: true,
  weeks: '99',
  consent: false,
};

/** A failed submit: the error summary at the top links to each field; focus moves to it. */
export const ValidationErrors: Story = {
  play: async ({ canvasElement }) => fillBooking(bookingIn(canvasElement), invalid, 'form'),
};

/** The same in English. */
export const ValidationErrorsEnglish: Story = { ...ValidationErrors, args: { lang: 'en' } };

/** A date in the past and nothing else filled in. */
export const PastDate: Story = {
  play: async ({ canvasElement }) => fillBooking(bookingIn(canvasElement), { date: dayFromNow(-2), startTime: '10:00' }, 'form'),
};

/** The server refuses a field (`invalid_input`, `field: contactEmail`): the message at that field and in the summary. */
export const ServerRefusal: Story = {
  play: async ({ canvasElement }) => {
    const el = bookingIn(canvasElement);
    await fillBooking(el, { ...sampleBooking(), contactEmail: FAKE_REFUSED_EMAIL }, 'submitting');
    await until(() => el.state === 'form');
    await el.updateComplete;
  },
};

/** Sent, waiting for the server (here it never answers). */
export const Submitting: Story = {
  args: { tenant: FAKE_BOOKING_TENANTS.slow },
  play: async ({ canvasElement }) => fillBooking(bookingIn(canvasElement), sampleBooking(), 'submitting'),
};

/** An operator approves bookings of this tenant: the request waits for approval. */
export const PendingResult: Story = {
  play: async ({ canvasElement }) => fillBooking(bookingIn(canvasElement), sampleBooking(), 'result'),
};

/** A tenant with a Mattermost team also takes chat rooms: the booker chooses one, and the result says what it needs. */
export const ChatPendingResult: Story = {
  play: async ({ canvasElement }) => fillBooking(bookingIn(canvasElement), { kind: 'chat', ...sampleBooking() }, 'result'),
};

/** Approved at once: both links to copy, the calendar file and the manage link. */
export const ApprovedResult: Story = {
  args: { tenant: FAKE_BOOKING_TENANTS.automatic },
  play: async ({ canvasElement }) => fillBooking(bookingIn(canvasElement), { ...sampleBooking(), repeat: true, weeks: '4' }, 'result'),
};

/** The approved result in English. */
export const ApprovedResultEnglish: Story = { ...ApprovedResult, args: { ...ApprovedResult.args, lang: 'en' } };

const manage = (id: string) => ({ manage: fakeManageToken(id) });
const waitForManage: Story['play'] = async ({ canvasElement }) => {
  const el = bookingIn(canvasElement);
  await until(() => el.state === 'manage');
  await el.updateComplete;
};

/** Opened with the manage link: a booking that waits for approval, with a cancel button. */
export const ManagePending: Story = { args: manage(FAKE_BOOKINGS.pending), play: waitForManage };

/** Opened with the manage link: approved, with the links. */
export const ManageApproved: Story = { args: manage(FAKE_BOOKINGS.approved), play: waitForManage };

/** After "cancel the booking": the question before it happens. */
export const ConfirmCancel: Story = {
  args: manage(FAKE_BOOKINGS.approved),
  play: async (context) => {
    await waitForManage(context);
    const el = bookingIn(context.canvasElement);
    el.shadowRoot!.querySelector<HTMLButtonElement>('#cancel')!.click();
    await el.updateComplete;
  },
};

/** A cancelled booking. */
export const Cancelled: Story = { args: manage(FAKE_BOOKINGS.cancelled), play: waitForManage };

/** A rejected booking. */
export const Rejected: Story = { args: { ...manage(FAKE_BOOKINGS.rejected), lang: 'en' }, play: waitForManage };

/** A manage link that fits no booking. */
export const ManageNotFound: Story = {
  args: manage('nosuchbooking'),
  play: async ({ canvasElement }) => {
    const el = bookingIn(canvasElement);
    await until(() => el.state === 'error');
    await el.updateComplete;
  },
};

/** This tenant takes no bookings. */
export const BookingsDisabled: Story = { ...ManageNotFound, args: { tenant: FAKE_BOOKING_TENANTS.disabled } };

/** The element is missing its setup: it tells the webmaster what. */
export const NotConfigured: Story = { args: { endpoint: undefined } };

/**
 * On a page the tenant does not allow: in place of the form, an apology and,
 * behind a disclosure (opened here), the page's address the operator must add.
 */
export const PageNotAllowed: Story = { args: { tenant: FAKE_FOREIGN_TENANT }, play: openWebmasterNote };

/** The same in English. */
export const PageNotAllowedEnglish: Story = { ...PageNotAllowed, args: { tenant: FAKE_FOREIGN_TENANT, lang: 'en' } };
