// Every story renders, reaches the state its play step aims for, and passes axe.
import { expect, fixture } from '@open-wc/testing';
import type { TemplateResult } from 'lit';
import * as configStories from './components/config/config.stories.js';
import * as joinRoomStories from './components/join-room/join-room.stories.js';
import * as roomStatusStories from './components/room-status/room-status.stories.js';
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
] as const) {
  const { default: meta, ...stories } = module as unknown as { default: Story } & Record<string, Story>;
  describe(`${title} stories`, () => {
    for (const [name, story] of Object.entries(stories)) {
      it(`${name} renders and passes axe`, async () => {
        resetFakeApi();
        const args = { ...meta.args, ...story.args } as never;
        const render = () => (story.render ?? meta.render)!(args);
        const template = (story.decorators ?? []).reduce((inner, decorate) => () => decorate(inner), render)();
        const canvas = await fixture<HTMLElement>(template);
        const wrapper = canvas.parentElement!;
        await story.play?.({ canvasElement: wrapper });
        const el = wrapper.querySelector<HTMLElement & { updateComplete: Promise<boolean> }>('verein-join-room, verein-room-status');
        if (el) await el.updateComplete;
        expect(wrapper.textContent!.trim().length + (el?.shadowRoot?.textContent?.trim().length ?? 0)).to.be.greaterThan(0);
        await expect(wrapper).to.be.accessible();
      });
    }
  });
}
