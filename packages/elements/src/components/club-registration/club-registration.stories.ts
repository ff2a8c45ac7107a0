import type { Meta, StoryObj } from '@storybook/web-components-vite';
import { html } from 'lit';
import './define.js';
import { FAKE_ENDPOINT, FAKE_LIMITED_REGISTRATION } from '../../stories/fake-api.js';
import { until } from '../../stories/play.js';
import type { VereinClubRegistration } from './club-registration.js';

interface Args {
  lang: 'de' | 'en';
}

/**
 * The form a city puts on its page for clubs to register themselves. The
 * stories use the fake server's regions and terms.
 */
const meta: Meta<Args> = {
  title: 'Elements/verein-club-registration',
  component: 'verein-club-registration',
  args: { lang: 'de' },
  argTypes: { lang: { control: 'inline-radio', options: ['de', 'en'] } },
  render: ({ lang }) => html`<verein-club-registration endpoint=${FAKE_ENDPOINT} lang=${lang}></verein-club-registration>`,
};
export default meta;
type Story = StoryObj<Args>;

function formIn(canvas: HTMLElement): VereinClubRegistration {
  const el = canvas.querySelector('verein-club-registration');
  if (!el) throw new Error('no verein-club-registration in the story');
  return el;
}

async function fill(el: VereinClubRegistration, values: Record<string, string>, consent = true): Promise<void> {
  await until(() => el.state === 'form');
  await el.updateComplete;
  const root = el.shadowRoot!;
  for (const [name, value] of Object.entries(values)) {
    const field = root.querySelector<HTMLInputElement | HTMLSelectElement>(`#f-${name}`)!;
    field.value = value;
  }
  root.querySelector<HTMLInputElement>('#f-consent')!.checked = consent;
}

const VALID = {
  name: 'TSV Musterstadt 1890 e. V.',
  kind: 'club',
  website: 'https://www.tsv-musterstadt.example',
  region: 'nord',
  contactName: 'Erika Musterfrau',
  contactEmail: 'erika@example.org',
};

/** The empty form. */
export const Empty: Story = {
  play: async ({ canvasElement }) => {
    await until(() => formIn(canvasElement).state === 'form');
  },
};

/** Sent without the required fields: the error summary above the form. */
export const Errors: Story = {
  play: async ({ canvasElement }) => {
    const el = formIn(canvasElement);
    await fill(el, { website: 'www.tsv.example', contactEmail: 'erika' }, false);
    el.shadowRoot!.querySelector('form')!.requestSubmit();
    await until(() => !!el.shadowRoot!.querySelector('#summary'));
  },
};

/** Sent: the confirmation mail is on its way. */
export const Sent: Story = {
  play: async ({ canvasElement }) => {
    const el = formIn(canvasElement);
    await fill(el, VALID);
    el.shadowRoot!.querySelector('form')!.requestSubmit();
    await until(() => el.state === 'sent');
  },
};

/** The server refused: too many registrations. */
export const Refused: Story = {
  play: async ({ canvasElement }) => {
    const el = formIn(canvasElement);
    await fill(el, { ...VALID, contactEmail: FAKE_LIMITED_REGISTRATION });
    el.shadowRoot!.querySelector('form')!.requestSubmit();
    await until(() => !!el.shadowRoot!.querySelector('#problem'));
  },
};
