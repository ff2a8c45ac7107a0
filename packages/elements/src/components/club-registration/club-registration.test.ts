// The registration form against the real server helper (SQLite store), from
// the city's page (this page's origin is on the test server's clubs.formOrigins):
// sent with its proof of work, refused field by field, and the mail it causes.
import { expect, fixture, html } from '@open-wc/testing';
import { executeServerCommand } from '@web/test-runner-commands';
import './define.js';
import { expectQuietConsole, shadow, stack, waitForState } from '../../test/helpers.js';
import type { VereinClubRegistration } from './club-registration.js';

async function form(lang = 'de'): Promise<VereinClubRegistration> {
  const el = await fixture<VereinClubRegistration>(
    html`<verein-club-registration endpoint=${stack.endpoint} lang=${lang}></verein-club-registration>`,
  );
  await waitForState(el, 'form');
  return el;
}

function fill(el: VereinClubRegistration, values: Record<string, string>, consent = true): void {
  for (const [name, value] of Object.entries(values)) shadow<HTMLInputElement>(el, `#f-${name}`).value = value;
  shadow<HTMLInputElement>(el, '#f-consent').checked = consent;
}

describe('<verein-club-registration> against the server helper', () => {
  expectQuietConsole();

  it("offers the operator's regions and kinds, and links the terms and the privacy notice", async () => {
    const el = await form('en');
    expect([...el.shadowRoot!.querySelectorAll('#f-region option')].map((o) => o.textContent)).to.deep.equal(['Teststadt']);
    expect([...el.shadowRoot!.querySelectorAll('#f-kind option')].map((o) => o.textContent)).to.deep.equal([
      'Club',
      'Self-help group',
      'Council or committee',
      'Initiative',
    ]);
    const links = [...el.shadowRoot!.querySelectorAll<HTMLAnchorElement>('.links a')].map((a) => a.href);
    expect(links).to.deep.equal(['https://www.teststadt.example/nutzung', 'https://www.teststadt.example/datenschutz']);
  });

  it('lists what is wrong above the form, each entry leading to its field, and sends nothing', async () => {
    const el = await form('en');
    fill(el, { name: 'X', website: 'www.verein.example', contactEmail: 'erika' }, false);
    shadow<HTMLFormElement>(el, 'form').requestSubmit();
    await el.updateComplete;
    await el.updateComplete;
    const entries = [...el.shadowRoot!.querySelectorAll('#summary li')].map((li) => li.textContent!.trim());
    expect(entries).to.deep.equal([
      'Name: 2 to 120 characters, no links.',
      'Website: an address beginning with https://.',
      'Your name: please fill in.',
      'E-mail address: please a valid address.',
      'Agreement: please fill in.',
    ]);
    expect(el.shadowRoot!.activeElement?.id).to.equal('summary');
    shadow<HTMLAnchorElement>(el, '#summary a').click();
    expect(el.shadowRoot!.activeElement?.id).to.equal('f-name');
    expect(shadow(el, '#f-website').getAttribute('aria-invalid')).to.equal('true');
  });

  it('sends a registration with its proof of work; the confirmation mail goes to the contact person', async () => {
    const el = await form();
    const email = `kontakt.${crypto.randomUUID().slice(0, 8)}@example.org`;
    fill(el, {
      name: `Chor ${crypto.randomUUID().slice(0, 6)}`,
      website: 'https://www.chor.example',
      contactName: 'Erika Musterfrau',
      contactEmail: email,
    });
    shadow<HTMLFormElement>(el, 'form').requestSubmit();
    await waitForState(el, 'sent', 15_000);
    await el.updateComplete;
    expect(shadow(el, '#sent').textContent).to.contain('innerhalb von 48 Stunden');
    expect(el.shadowRoot!.activeElement?.id).to.equal('sent');
    const token = await executeServerCommand<string | null, object>('club-link', { email, kind: 'confirm' });
    expect(token).to.match(/^[a-z0-9-]+\.[\w-]{22}$/);
  });
});
