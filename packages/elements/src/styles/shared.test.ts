// The styles every element shares, in the modes a visitor may set: forced
// colors (Windows high contrast) and reduced motion. Against the stories'
// fake server.
import { expect, fixture, html } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import '../components/room-booking/define.js';
import '../components/booking-admin/define.js';
import '../components/room-status/define.js';
import type { VereinRoomStatus } from '../components/room-status/room-status.js';
import { FAKE_ENDPOINT, FAKE_ROOMS, FAKE_TENANT, installFakeApi } from '../stories/fake-api.js';
import { expectQuietConsole, shadow, waitForState } from '../test/helpers.js';
import { applyMediaRules, systemColour } from '../test/a11y-sweep.js';

installFakeApi();

describe('shared styles', () => {
  expectQuietConsole();

  for (const [name, template, state, before] of [
    [
      'the booking form',
      html`<verein-room-booking endpoint=${FAKE_ENDPOINT} tenant=${FAKE_TENANT} lang="de"></verein-room-booking>`,
      'form',
      'a.privacy',
    ],
    ['the admin list', html`<verein-booking-admin endpoint=${FAKE_ENDPOINT} lang="de"></verein-booking-admin>`, 'signed-out', '#token'],
  ] as const) {
    it(`forced colors, ${name}: the button keeps a border in the button text colour, the focus ring is in the highlight colour`, async () => {
      const el = await fixture<HTMLElement & { state: string; updateComplete: Promise<boolean> }>(template);
      await waitForState(el, state);
      await el.updateComplete;
      shadow(el, before).focus();
      await sendKeys({ press: 'Tab' });
      const button = shadow(el, 'button[type="submit"]');
      expect(el.shadowRoot!.activeElement).to.equal(button);
      const look = () => {
        const style = getComputedStyle(button);
        return {
          border: `${style.borderTopStyle} ${style.borderTopWidth} ${style.borderTopColor}`,
          outline: `${style.outlineStyle} ${style.outlineWidth} ${style.outlineColor}`,
        };
      };
      expect(look()).to.deep.equal({ border: 'solid 2px rgb(11, 92, 173)', outline: 'solid 3px rgb(26, 26, 26)' });
      expect(applyMediaRules(el, '(forced-colors: active)')).to.be.greaterThan(1);
      expect(look()).to.deep.equal({
        border: `solid 2px ${systemColour('ButtonText')}`,
        outline: `solid 3px ${systemColour('Highlight')}`,
      });
    });
  }

  it('reduced motion: nothing moves, whatever an element animates', async () => {
    const el = await fixture<VereinRoomStatus>(
      html`<verein-room-status endpoint=${FAKE_ENDPOINT} tenant=${FAKE_TENANT} room=${FAKE_ROOMS.open} lang="de"></verein-room-status>`,
    );
    await waitForState(el, 'live');
    const dot = shadow(el, '[part="dot"]');
    expect(getComputedStyle(dot).animationName).to.equal('pulse');
    // The shared rule alone (the badge's own pulse waits for no-preference as well).
    expect(applyMediaRules(el, '(prefers-reduced-motion: reduce)')).to.equal(1);
    expect(getComputedStyle(dot).animationName).to.equal('none');
  });
});
