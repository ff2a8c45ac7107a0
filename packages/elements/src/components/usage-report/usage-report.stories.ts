import type { Meta, StoryObj } from '@storybook/web-components-vite';
import { html } from 'lit';
import { ifDefined } from 'lit/directives/if-defined.js';
import './define.js';
import '../booking-admin/define.js';
import '../club-review/define.js';
import { FAKE_ADMIN_TOKEN, FAKE_ENDPOINT, FAKE_REGION_TOKEN, FAKE_USAGE_DISABLED } from '../../stories/fake-api.js';
import { signInOnPage, until } from '../../stories/play.js';
import type { VereinUsageReport } from './usage-report.js';

interface Args {
  lang: 'de' | 'en';
  tenant?: string;
}

/**
 * For operators: usage figures of a period, counts only: the totals in one
 * sentence, conferences and participants per day as a chart (and as a table
 * for screen readers), a period picker and a CSV download. The stories use
 * the fake server, whose figures are made up but the same every time.
 */
const meta: Meta<Args> = {
  title: 'Elements/verein-usage-report',
  component: 'verein-usage-report',
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
    html`<verein-usage-report endpoint=${FAKE_ENDPOINT} tenant=${ifDefined(tenant)} lang=${lang}></verein-usage-report>`,
};
export default meta;
type Story = StoryObj<Args>;

function reportIn(canvas: HTMLElement): VereinUsageReport {
  const el = canvas.querySelector('verein-usage-report');
  if (!el) throw new Error('no verein-usage-report in the story');
  return el;
}

async function signIn(canvas: HTMLElement, token = FAKE_ADMIN_TOKEN, state = 'report'): Promise<VereinUsageReport> {
  const el = reportIn(canvas);
  await el.updateComplete;
  el.shadowRoot!.querySelector<HTMLInputElement>('#token')!.value = token;
  el.shadowRoot!.querySelector('form')!.requestSubmit();
  await until(() => el.state === state);
  await el.updateComplete;
  return el;
}

/** Choose a period in the picker, as the operator would, and wait for the answer. */
async function choose(el: VereinUsageReport, from: string, to: string, state = 'report'): Promise<void> {
  el.shadowRoot!.querySelector<HTMLInputElement>('#from')!.value = from;
  el.shadowRoot!.querySelector<HTMLInputElement>('#to')!.value = to;
  el.shadowRoot!.querySelectorAll('form')[0]!.requestSubmit();
  await until(() => el.state === state);
  await el.updateComplete;
}

/** Asks for the admin token (once per browser tab, shared with the booking list). */
export const TokenPrompt: Story = {};

/** The last 14 days of every tenant: the sentence, the chart, the period picker. */
export const LastTwoWeeks: Story = { play: async ({ canvasElement }) => void (await signIn(canvasElement)) };

/** The last 14 days in English (English numbers and dates). */
export const LastTwoWeeksEnglish: Story = { ...LastTwoWeeks, args: { lang: 'en' } };

/** A chosen period: the sentence names its first and last day. */
export const ChosenPeriod: Story = {
  play: async ({ canvasElement }) => choose(await signIn(canvasElement), '2026-01-01', '2026-01-14'),
};

/** A quarter: 90 bars, thin but all there. */
export const Quarter: Story = {
  play: async ({ canvasElement }) => choose(await signIn(canvasElement), '2026-01-01', '2026-03-31'),
};

/** One day that is a Sunday: nothing happened, and the sentence says so in numbers. */
export const NothingHappened: Story = {
  play: async ({ canvasElement }) => choose(await signIn(canvasElement), '2026-01-04', '2026-01-04'),
};

/** The end before the start: the server refuses, the element says why and keeps the picker. */
export const WrongPeriod: Story = {
  play: async ({ canvasElement }) => choose(await signIn(canvasElement), '2026-01-14', '2026-01-01', 'error'),
};

/** A wrong token: asked again, with the reason. */
export const WrongToken: Story = {
  play: async ({ canvasElement }) => {
    const el = await signIn(canvasElement, 'not-the-token', 'loading');
    await until(() => el.state === 'signed-out');
    await el.updateComplete;
  },
};

/** A server without a database counts nothing. */
export const NoFigures: Story = {
  args: { tenant: FAKE_USAGE_DISABLED },
  play: async ({ canvasElement }) => void (await signIn(canvasElement, FAKE_ADMIN_TOKEN, 'error')),
};

/** On a phone (375 px): the picker wraps, the chart fills the width. */
export const Phone: Story = {
  ...LastTwoWeeks,
  decorators: [(story) => html`<div style="width: 375px; max-width: 100%; box-sizing: border-box; padding: 0 1rem">${story()}</div>`],
};

/** Below another operator element (here the bookings): that one shows the token form, this one says to sign in further up. */
export const SignInAbove: Story = {
  render: ({ lang }) => html`<verein-booking-admin endpoint=${FAKE_ENDPOINT} lang=${lang}></verein-booking-admin>
    <verein-usage-report endpoint=${FAKE_ENDPOINT} lang=${lang}></verein-usage-report>`,
};

/** A region admin's token, typed into the clubs view's form above: the clubs open, the figures say the token does not open them. */
export const RegionToken: Story = {
  render: ({ lang }) => html`<verein-club-review endpoint=${FAKE_ENDPOINT} lang=${lang}></verein-club-review>
    <verein-usage-report endpoint=${FAKE_ENDPOINT} lang=${lang}></verein-usage-report>`,
  play: async ({ canvasElement }) => {
    await signInOnPage(canvasElement, FAKE_REGION_TOKEN);
    const el = reportIn(canvasElement);
    await until(() => el.state === 'refused' && canvasElement.querySelector('verein-club-review')!.state === 'list');
    await el.updateComplete;
  },
};
