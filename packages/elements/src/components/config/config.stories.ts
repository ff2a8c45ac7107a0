import type { Meta, StoryObj } from '@storybook/web-components-vite';
import { html } from 'lit';
import '../../define.js';
import { FAKE_ENDPOINT, FAKE_ROOMS } from '../../stories/fake-api.js';

interface Args {
  lang: 'de' | 'en';
}

/** `<verein-config>` shares the server, the tenant and the language with everything inside it. */
const meta: Meta<Args> = {
  title: 'Elements/verein-config',
  component: 'verein-config',
  args: { lang: 'de' },
  argTypes: { lang: { control: 'inline-radio', options: ['de', 'en'] } },
  render: ({ lang }) => html`
    <verein-config endpoint=${FAKE_ENDPOINT} tenant="tsv-musterstadt" lang=${lang}>
      <h3>Digitales Vereinsheim</h3>
      <verein-join-room room=${FAKE_ROOMS.open}></verein-join-room>
      <h3>Vorstandssitzung</h3>
      <verein-join-room room=${FAKE_ROOMS.waiting}>An der Vorstandssitzung teilnehmen</verein-join-room>
    </verein-config>
  `,
};
export default meta;

/** Two rooms of one club; each element names only its room. */
export const TwoRooms: StoryObj<Args> = {};

/** The same page in English. */
export const English: StoryObj<Args> = { args: { lang: 'en' } };
