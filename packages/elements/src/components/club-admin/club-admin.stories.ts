import type { Meta, StoryObj } from '@storybook/web-components-vite';
import { html } from 'lit';
import './define.js';
import { FAKE_ENDPOINT, resetClubs, signInFakeClub } from '../../stories/fake-api.js';
import { until } from '../../stories/play.js';
import type { VereinClubAdmin } from './club-admin.js';

interface Args {
  lang: 'de' | 'en';
}

/**
 * A club's page for its contact person: sign in by e-mail link, then the
 * club's rooms with their two lines for the website, start now, a link for
 * members, delete, and a new room. The stories use the fake server's club.
 */
const meta: Meta<Args> = {
  title: 'Elements/verein-club-admin',
  component: 'verein-club-admin',
  args: { lang: 'de' },
  argTypes: { lang: { control: 'inline-radio', options: ['de', 'en'] } },
  decorators: [
    (story) => {
      resetClubs();
      return story();
    },
  ],
  render: ({ lang }) => html`<verein-club-admin endpoint=${FAKE_ENDPOINT} lang=${lang}></verein-club-admin>`,
};
export default meta;
type Story = StoryObj<Args>;

function clubIn(canvas: HTMLElement): VereinClubAdmin {
  const el = canvas.querySelector('verein-club-admin');
  if (!el) throw new Error('no verein-club-admin in the story');
  return el;
}

/** Not signed in: the e-mail form. */
export const SignedOut: Story = {
  play: async ({ canvasElement }) => {
    const el = clubIn(canvasElement);
    await until(() => el.state === 'signed-out');
  },
};

/** A sign-in link was asked for. */
export const LinkSent: Story = {
  play: async ({ canvasElement }) => {
    const el = clubIn(canvasElement);
    await until(() => el.state === 'signed-out');
    await el.updateComplete;
    el.shadowRoot!.querySelector<HTMLInputElement>('#email')!.value = 'erika@example.org';
    el.shadowRoot!.querySelector('form')!.requestSubmit();
    await until(() => el.state === 'sent');
  },
};

/** Signed in: the club's rooms and the form for a new one. */
export const Rooms: Story = {
  decorators: [
    (story) => {
      signInFakeClub();
      return story();
    },
  ],
  play: async ({ canvasElement }) => {
    const el = clubIn(canvasElement);
    await until(() => el.state === 'club');
  },
};

/** A room was made and a link for members was asked for. */
export const RoomWithMemberLink: Story = {
  decorators: Rooms.decorators!,
  play: async ({ canvasElement }) => {
    const el = clubIn(canvasElement);
    await until(() => el.state === 'club');
    await el.updateComplete;
    const root = el.shadowRoot!;
    root.querySelector<HTMLInputElement>('#name')!.value = 'Vorstand';
    root.querySelector<HTMLInputElement>('#id')!.value = 'vorstand';
    root.querySelector<HTMLInputElement>('#code')!.value = 'geheim-42';
    root.querySelector<HTMLFormElement>('#new-room')!.requestSubmit();
    await until(() => !!el.shadowRoot!.querySelector('#room-vorstand'));
    el.shadowRoot!.querySelector<HTMLButtonElement>('#room-vorstand [data-action="invite"]')!.click();
    await until(() => el.shadowRoot!.querySelectorAll('#room-vorstand pre').length === 2);
  },
};

/** A room's change form, open. */
export const EditRoom: Story = {
  decorators: Rooms.decorators!,
  play: async ({ canvasElement }) => {
    const el = clubIn(canvasElement);
    await until(() => el.state === 'club');
    await el.updateComplete;
    el.shadowRoot!.querySelector<HTMLButtonElement>('#edit-button-treffpunkt')!.click();
    await until(() => !!el.shadowRoot!.querySelector('#edit-treffpunkt'));
  },
};

/** A refused request: here, a room whose short name is taken. */
export const Refused: Story = {
  decorators: Rooms.decorators!,
  play: async ({ canvasElement }) => {
    const el = clubIn(canvasElement);
    await until(() => el.state === 'club');
    await el.updateComplete;
    const root = el.shadowRoot!;
    root.querySelector<HTMLInputElement>('#name')!.value = 'Noch ein Treffpunkt';
    root.querySelector<HTMLInputElement>('#id')!.value = 'treffpunkt';
    root.querySelector<HTMLFormElement>('#new-room')!.requestSubmit();
    await until(() => !!el.shadowRoot!.querySelector('#problem'));
  },
};
