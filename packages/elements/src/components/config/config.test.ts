import { expect, fixture, html } from '@open-wc/testing';
import '../../define.js';
import type { VereinJoinRoom } from '../join-room/join-room.js';
import { shadow } from '../../test/helpers.js';

describe('verein-config', () => {
  it('shares endpoint, tenant and language with the elements inside', async () => {
    const el = await fixture(html`
      <verein-config endpoint="https://vr.example" tenant="tsv" lang="en">
        <verein-join-room room="training"></verein-join-room>
      </verein-config>
    `);
    const join = el.querySelector('verein-join-room') as VereinJoinRoom;
    await join.updateComplete;
    expect(shadow(join, 'button').textContent?.trim()).to.equal('Join');
    expect(join.shadowRoot?.querySelector('[role="alert"]')).to.equal(null, 'fully configured');
  });

  it("without a lang of its own, the elements speak the page's language", async () => {
    const el = await fixture(html`
      <div lang="de">
        <verein-config endpoint="https://vr.example" tenant="tsv">
          <verein-join-room room="training"></verein-join-room>
        </verein-config>
      </div>
    `);
    const join = el.querySelector('verein-join-room') as VereinJoinRoom;
    await join.updateComplete;
    expect(el.querySelector('verein-config')!.hasAttribute('lang')).to.equal(false);
    expect(shadow(join, 'button').textContent?.trim()).to.equal('Beitreten');
  });

  it("an element's own attributes win over the config", async () => {
    const el = await fixture(html`
      <verein-config endpoint="https://vr.example" tenant="tsv" lang="en">
        <verein-join-room room="training" lang="de"></verein-join-room>
      </verein-config>
    `);
    const join = el.querySelector('verein-join-room') as VereinJoinRoom;
    await join.updateComplete;
    expect(shadow(join, 'button').textContent?.trim()).to.equal('Beitreten');
  });

  it('changes reach the elements', async () => {
    const el = await fixture<HTMLElement & { lang: string; updateComplete: Promise<boolean> }>(html`
      <verein-config endpoint="https://vr.example" tenant="tsv" lang="de">
        <verein-join-room room="training"></verein-join-room>
      </verein-config>
    `);
    const join = el.querySelector('verein-join-room') as VereinJoinRoom;
    el.lang = 'en';
    await el.updateComplete;
    await join.updateComplete;
    expect(shadow(join, 'button').textContent?.trim()).to.equal('Join');
  });

  it('renders its children and nothing else, and passes axe', async () => {
    const el = await fixture(html`<verein-config tenant="tsv"><p>Inhalt</p></verein-config>`);
    expect(getComputedStyle(el).display).to.equal('contents');
    await expect(el).to.be.accessible();
  });
});
