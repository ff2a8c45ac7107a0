import type { Meta, StoryObj } from '@storybook/web-components-vite';
import { html } from 'lit';
import './define.js';
import { FAKE_CONFIRM, FAKE_ENDPOINT, FAKE_HANDOVER, FAKE_RECONFIRM, resetClubs, signInFakeClub } from '../../stories/fake-api.js';
import { until } from '../../stories/play.js';
import type { VereinClubAdmin } from './club-admin.js';

interface Args {
  lang: 'de' | 'en';
}

/**
 * A club's page for its contact person: sign in by e-mail link, then the
 * club's rooms with their two lines for the website, start now, links for
 * members and deputies, the room settings, delete, and a new room; the links
 * that work (to revoke), the club's usage figures, handing over the contact
 * role, its data and deleting it.
 * The stories use the fake server's club.
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

/** The club's own usage figures, loaded: the sentence, the chart and its table, the CSV button. */
export const Usage: Story = {
  decorators: Rooms.decorators!,
  play: async ({ canvasElement }) => {
    const el = clubIn(canvasElement);
    await until(() => !!el.shadowRoot?.querySelector('.usage .chart'));
    el.shadowRoot!.querySelector('#usage-title')!.scrollIntoView();
  },
};

/** A room's change form with its settings changed and saved: the settings show under the room's name. */
export const RoomSettings: Story = {
  decorators: Rooms.decorators!,
  play: async ({ canvasElement }) => {
    const el = clubIn(canvasElement);
    await until(() => el.state === 'club');
    await el.updateComplete;
    el.shadowRoot!.querySelector<HTMLButtonElement>('#edit-button-treffpunkt')!.click();
    await until(() => !!el.shadowRoot!.querySelector('#edit-treffpunkt'));
    el.shadowRoot!.querySelector<HTMLInputElement>('#treffpunkt-waitingRoom')!.checked = true;
    el.shadowRoot!.querySelector<HTMLInputElement>('#treffpunkt-recording')!.checked = true;
    el.shadowRoot!.querySelector<HTMLFormElement>('#edit-treffpunkt')!.requestSubmit();
    await until(() => !!el.shadowRoot!.querySelector('#room-treffpunkt .settings-line'));
    await until(() => el.shadowRoot!.activeElement?.id === 'edit-button-treffpunkt');
  },
};

/** A moderator link for a deputy was made; it is listed with the links that work. */
export const DeputyLink: Story = {
  decorators: Rooms.decorators!,
  play: async ({ canvasElement }) => {
    const el = clubIn(canvasElement);
    await until(() => el.state === 'club');
    await el.updateComplete;
    el.shadowRoot!.querySelector<HTMLButtonElement>('#room-treffpunkt [data-action="deputy"]')!.click();
    await until(() => el.shadowRoot!.querySelectorAll('.links .link').length === 3);
  },
};

/** A link was revoked: it is gone from the list, and the page says so. */
export const LinkRevoked: Story = {
  decorators: Rooms.decorators!,
  play: async ({ canvasElement }) => {
    const el = clubIn(canvasElement);
    await until(() => el.shadowRoot?.querySelectorAll('.links .link').length === 2);
    el.shadowRoot!.querySelector<HTMLButtonElement>('.links [data-action="revoke"]')!.click();
    await until(() => el.shadowRoot!.querySelectorAll('.links .link').length === 1);
  },
};

/** Deleting the club: the confirmation step, open. */
export const DeleteConfirm: Story = {
  decorators: Rooms.decorators!,
  play: async ({ canvasElement }) => {
    const el = clubIn(canvasElement);
    await until(() => el.state === 'club');
    await el.updateComplete;
    el.shadowRoot!.querySelector<HTMLButtonElement>('#delete-club')!.click();
    await until(() => !!el.shadowRoot!.querySelector('#delete-confirm'));
  },
};

/** The club was deleted. */
export const Deleted: Story = {
  decorators: Rooms.decorators!,
  play: async ({ canvasElement }) => {
    const el = clubIn(canvasElement);
    await DeleteConfirm.play!({ canvasElement } as Parameters<NonNullable<typeof DeleteConfirm.play>>[0]);
    el.shadowRoot!.querySelector<HTMLButtonElement>('#delete-confirm')!.click();
    await until(() => el.state === 'deleted');
  },
};

/** Opened from a registration's confirmation link (`#confirm=…`): the address is confirmed. */
export const Confirmed: Story = {
  decorators: [
    (story) => {
      history.replaceState(null, '', `#confirm=${FAKE_CONFIRM}`);
      return story();
    },
  ],
  play: async ({ canvasElement }) => {
    await until(() => clubIn(canvasElement).state === 'confirmed');
  },
};

/** Opened from the yearly reconfirmation's link: the club is confirmed for another year. */
export const Reconfirmed: Story = {
  decorators: [
    (story) => {
      history.replaceState(null, '', `#confirm=${FAKE_RECONFIRM}`);
      return story();
    },
  ],
  play: async ({ canvasElement }) => {
    await until(() => clubIn(canvasElement).state === 'reconfirmed');
  },
};

/** Another website was asked for: the page says so until the operator decides. */
export const OriginRequested: Story = {
  decorators: Rooms.decorators!,
  play: async ({ canvasElement }) => {
    const el = clubIn(canvasElement);
    await until(() => el.state === 'club');
    await el.updateComplete;
    el.shadowRoot!.querySelector<HTMLInputElement>('#origin')!.value = 'https://jugend.tsv-musterstadt.example/seite';
    el.shadowRoot!.querySelector<HTMLFormElement>('#new-origin')!.requestSubmit();
    await until(() => !!el.shadowRoot!.querySelector('#origin-requested'));
  },
};

/** Colours too weak in contrast: the preview shows them, the page says why, and saving waits. */
export const BrandingLowContrast: Story = {
  decorators: Rooms.decorators!,
  play: async ({ canvasElement }) => {
    const el = clubIn(canvasElement);
    await until(() => el.state === 'club');
    await el.updateComplete;
    const primary = el.shadowRoot!.querySelector<HTMLInputElement>('#primary')!;
    primary.value = '#ffd700';
    primary.dispatchEvent(new Event('input', { bubbles: true }));
    await until(() => el.shadowRoot!.querySelector('#contrast')!.classList.contains('error'));
  },
};

/** Handing over the contact role: the new contact's name and address given, the confirmation step open. */
export const HandoverConfirm: Story = {
  decorators: Rooms.decorators!,
  play: async ({ canvasElement }) => {
    const el = clubIn(canvasElement);
    await until(() => !!el.shadowRoot?.querySelector('#handover'));
    el.shadowRoot!.querySelector<HTMLInputElement>('#handover-name')!.value = 'Max Stellvertreter';
    el.shadowRoot!.querySelector<HTMLInputElement>('#handover-email')!.value = 'max@example.org';
    el.shadowRoot!.querySelector<HTMLFormElement>('#handover')!.requestSubmit();
    await until(() => !!el.shadowRoot!.querySelector('#handover-confirm'));
  },
};

/** The link to take over is on its way to the new contact person. */
export const HandoverSent: Story = {
  decorators: Rooms.decorators!,
  play: async ({ canvasElement }) => {
    const el = clubIn(canvasElement);
    await HandoverConfirm.play!({ canvasElement } as Parameters<NonNullable<typeof HandoverConfirm.play>>[0]);
    el.shadowRoot!.querySelector<HTMLButtonElement>('#handover-confirm')!.click();
    await until(() => !!el.shadowRoot!.querySelector('#handover-sent'));
  },
};

/** Opened from the handover's link (`#handover=…`): the new contact person has taken over. */
export const HandedOver: Story = {
  decorators: [
    (story) => {
      history.replaceState(null, '', `#handover=${FAKE_HANDOVER}`);
      return story();
    },
  ],
  play: async ({ canvasElement }) => {
    await until(() => clubIn(canvasElement).state === 'handed-over');
  },
};
