import type { Meta, StoryObj } from '@storybook/web-components-vite';
import { html } from 'lit';
import './define.js';
import '../booking-admin/define.js';
import { FAKE_ADMIN_TOKEN, FAKE_ENDPOINT } from '../../stories/fake-api.js';
import { until } from '../../stories/play.js';
import type { VereinClubReview } from './club-review.js';

interface Args {
  lang: 'de' | 'en';
}

/**
 * For operators: the clubs that registered themselves, to approve, reject or
 * suspend. The stories use the fake server's clubs.
 */
const meta: Meta<Args> = {
  title: 'Elements/verein-club-review',
  component: 'verein-club-review',
  args: { lang: 'de' },
  argTypes: { lang: { control: 'inline-radio', options: ['de', 'en'] } },
  decorators: [
    (story) => {
      sessionStorage.removeItem('vereinsraum.adminToken');
      return story();
    },
  ],
  render: ({ lang }) => html`<verein-club-review endpoint=${FAKE_ENDPOINT} lang=${lang}></verein-club-review>`,
};
export default meta;
type Story = StoryObj<Args>;

async function signIn(canvas: HTMLElement): Promise<VereinClubReview> {
  const el = canvas.querySelector('verein-club-review')!;
  await el.updateComplete;
  el.shadowRoot!.querySelector<HTMLInputElement>('#club-token')!.value = FAKE_ADMIN_TOKEN;
  el.shadowRoot!.querySelector('form')!.requestSubmit();
  await until(() => el.state === 'list');
  await el.updateComplete;
  return el;
}

/** Signed out: the token form (shared with the bookings view). */
export const SignedOut: Story = {};

/** The clubs to review. */
export const Pending: Story = {
  play: async ({ canvasElement }) => {
    await signIn(canvasElement);
  },
};

/** A rejection's reason form. */
export const RejectReason: Story = {
  play: async ({ canvasElement }) => {
    const el = await signIn(canvasElement);
    el.shadowRoot!.querySelectorAll<HTMLButtonElement>('.card button')[1]!.click();
    await until(() => !!el.shadowRoot!.querySelector('textarea'));
  },
};

/** A club approved: announced, it stays in the list with its new status. */
export const Approved: Story = {
  play: async ({ canvasElement }) => {
    const el = await signIn(canvasElement);
    el.shadowRoot!.querySelector<HTMLButtonElement>('.card button')!.click();
    await until(() => el.shadowRoot!.querySelector('[role="status"]')!.textContent!.includes('Chor Harmonie'));
  },
};

/** An active club asked for another website: the operator allows or refuses it. */
export const OriginRequest: Story = {
  play: async ({ canvasElement }) => {
    const el = await signIn(canvasElement);
    const select = el.shadowRoot!.querySelector<HTMLSelectElement>('#club-status')!;
    select.value = 'active';
    select.dispatchEvent(new Event('change'));
    await until(() => el.shadowRoot!.querySelector('.card')?.textContent?.includes('jugend.tsv-musterstadt.example') ?? false);
  },
};

/** Below the bookings, as on `/admin`: the bookings view shows the token form, this one says to sign in further up. */
export const SignInAbove: Story = {
  render: ({ lang }) => html`<verein-booking-admin endpoint=${FAKE_ENDPOINT} lang=${lang}></verein-booking-admin>
    <verein-club-review endpoint=${FAKE_ENDPOINT} lang=${lang}></verein-club-review>`,
};
