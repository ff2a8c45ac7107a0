import { expect, fixture, html } from '@open-wc/testing';
import { executeServerCommand } from '@web/test-runner-commands';
import '../../define.js';
import type { VereinErrorEvent } from '../../events.js';
import { click, openForm, shadow, stack, waitForState } from '../../test/helpers.js';
import type { VereinJoinRoom } from './join-room.js';

/** Fail the next `times` requests for modules whose path contains `path`; answers how many came since the last call for it. */
function failChunk(path: string, times: number): Promise<number> {
  return executeServerCommand('fail-chunk', { path, times });
}

function joinRoom(lang: string): Promise<VereinJoinRoom> {
  return fixture<VereinJoinRoom>(
    html`<verein-join-room endpoint=${stack.endpoint} tenant="tsv" room="training" lang=${lang}></verein-join-room>`,
  );
}

// Each test file runs in a page of its own: here the flow and the catalogues have not been loaded before.
describe('verein-join-room: its chunks', () => {
  it('shows its button before the rest of it arrives', async () => {
    await failChunk('/join-room/flow.', 1000);
    const el = await joinRoom('de');
    const button = shadow(el, 'button[part="button"]');
    expect(button.hidden).to.equal(false);
    expect(button.textContent?.trim()).to.equal('Beitreten');
    expect(el.state).to.equal('idle');
  });

  it('joins when its flow arrives only on the second try', async () => {
    await failChunk('/join-room/flow.', 1);
    const el = await joinRoom('de');
    await openForm(el);
    expect(shadow(el, 'label[for="name"]').textContent).to.equal('Ihr Name');
    // One request failed, the retry brought it.
    expect(await failChunk('/join-room/flow.', 0)).to.equal(2);
  });

  it("says so in the visitor's language when a chunk does not arrive, and tries again on request", async () => {
    await failChunk('/i18n/join-room.en.', 1000);
    const el = await joinRoom('en');
    const errors: VereinErrorEvent[] = [];
    el.addEventListener('verein-error', (event) => errors.push(event));
    await click(shadow(el, 'button[part="button"]'));
    await waitForState(el, 'error');
    await el.updateComplete;
    expect(shadow(el, '[role="alert"]').textContent).to.contain('Part of this page did not arrive');
    expect(errors.map((event) => event.detail.code)).to.deep.equal(['network_error']);
    expect(el.shadowRoot!.activeElement).to.equal(shadow(el, '.error button'));
    await expect(el).to.be.accessible();
    // Each load was tried twice.
    expect(await failChunk('/i18n/join-room.en.', 0)).to.be.at.least(2);
    await click(shadow(el, '.error button'));
    await waitForState(el, 'asking');
    await el.updateComplete;
    expect(shadow(el, 'label[for="name"]').textContent).to.equal('Your name');
  });
});
