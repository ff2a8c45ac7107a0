// The operator's clubs view against the real server helper, behind the page's
// own origin as `/admin` of `vereinsraum serve` (see web-test-runner.config.mjs).
import { expect, fixture, html } from '@open-wc/testing';
import { executeServerCommand } from '@web/test-runner-commands';
import './define.js';
import { expectQuietConsole, shadow, stack, waitForState } from '../../test/helpers.js';
import type { VereinClubReview } from './club-review.js';

describe('<verein-club-review> against the server helper', () => {
  expectQuietConsole();
  afterEach(() => sessionStorage.removeItem('vereinsraum.adminToken'));

  it('lists the clubs to review and approves one: the server makes it active, the view says so', async () => {
    const email = `kontakt.${crypto.randomUUID().slice(0, 8)}@example.org`;
    const name = `Verein ${crypto.randomUUID().slice(0, 6)}`;
    const id = await executeServerCommand<string, object>('club', { email, name, status: 'pending' });
    const el = await fixture<VereinClubReview>(html`<verein-club-review endpoint=${location.origin} lang="en"></verein-club-review>`);
    shadow<HTMLInputElement>(el, '#club-token').value = stack.admin;
    shadow<HTMLFormElement>(el, 'form').requestSubmit();
    await waitForState(el, 'list');
    await el.updateComplete;
    const heading = shadow(el, `#c-${id}`);
    expect(heading.textContent).to.equal(name);
    const card = heading.closest('li')!;
    expect(card.textContent).to.contain(email);
    card.querySelector<HTMLButtonElement>('button')!.click();
    for (let i = 0; i < 50 && !shadow(el, '[role="status"]').textContent!.includes(name); i++) await new Promise((r) => setTimeout(r, 100));
    expect(shadow(el, '[role="status"]').textContent).to.equal(`${name} is approved.`);
    const club = await fetch(`/v1/admin/clubs/${id}`, { headers: { authorization: `Bearer ${stack.admin}` } }).then((r) => r.json());
    expect(club.status).to.equal('active');
    expect(club.rooms).to.equal(1);
  });

  it('a wrong token asks again and says why', async () => {
    const el = await fixture<VereinClubReview>(html`<verein-club-review endpoint=${location.origin} lang="en"></verein-club-review>`);
    shadow<HTMLInputElement>(el, '#club-token').value = 'wrong-token-0123456789abcdef0123456789';
    shadow<HTMLFormElement>(el, 'form').requestSubmit();
    for (let i = 0; i < 50 && !el.shadowRoot!.querySelector('#club-problem'); i++) await new Promise((r) => setTimeout(r, 100));
    expect(el.state).to.equal('signed-out');
    expect(shadow(el, '#club-problem').textContent).to.equal('The token does not fit. Please sign in again.');
  });
});
