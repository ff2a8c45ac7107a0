// Every story renders, reaches the state its play step aims for, and passes axe.
import { expect, fixture } from '@open-wc/testing';
import type { TemplateResult } from 'lit';
import * as configStories from './components/config/config.stories.js';
import * as joinRoomStories from './components/join-room/join-room.stories.js';
import * as roomBookingStories from './components/room-booking/room-booking.stories.js';
import * as bookingAdminStories from './components/booking-admin/booking-admin.stories.js';
import * as roomStatusStories from './components/room-status/room-status.stories.js';
import * as usageReportStories from './components/usage-report/usage-report.stories.js';
import { installFakeApi, resetFakeApi } from './stories/fake-api.js';

type Story = {
  args?: Record<string, unknown>;
  render?: (args: never) => TemplateResult;
  play?: (context: { canvasElement: HTMLElement }) => Promise<void>;
  decorators?: Array<(story: () => TemplateResult) => TemplateResult>;
};

installFakeApi();

for (const [title, module] of [
  ['verein-join-room', joinRoomStories],
  ['verein-room-status', roomStatusStories],
  ['verein-config', configStories],
  ['verein-room-booking', roomBookingStories],
  ['verein-booking-admin', bookingAdminStories],
  ['verein-usage-report', usageReportStories],
] as const) {
  const { default: meta, ...stories } = module as unknown as { default: Story } & Record<string, Story>;
  describe(`${title} stories`, () => {
    for (const [name, story] of Object.entries(stories)) {
      it(`${name} renders and passes axe`, async () => {
        resetFakeApi();
        const args = { ...meta.args, ...story.args } as never;
        const render = () => (story.render ?? meta.render)!(args);
        const decorators = [...(story.decorators ?? []), ...(meta.decorators ?? [])];
        const template = decorators.reduce<() => TemplateResult>((inner, decorate) => () => decorate(inner), render)();
        const canvas = await fixture<HTMLElement>(template);
        const wrapper = canvas.parentElement!;
        await story.play?.({ canvasElement: wrapper });
        const el = wrapper.querySelector<HTMLElement & { updateComplete: Promise<boolean> }>(
          'verein-join-room, verein-room-status, verein-room-booking, verein-booking-admin, verein-usage-report',
        );
        if (el) await el.updateComplete;
        expect(wrapper.textContent!.trim().length + (el?.shadowRoot?.textContent?.trim().length ?? 0)).to.be.greaterThan(0);
        await expect(wrapper).to.be.accessible();
      });
    }
  });
}
