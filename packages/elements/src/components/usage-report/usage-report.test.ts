// <verein-usage-report> against the real server helper (through the page's own origin, as the admin API
// wants it; see web-test-runner.config.mjs), and against the stories' fake server for exact German and
// English sentences, dates and numbers.
import { expect, fixture, html } from '@open-wc/testing';
import { executeServerCommand } from '@web/test-runner-commands';
import type { UsageReport } from '@vereinsraum/protocol';
import './define.js';
import { FAKE_ADMIN_TOKEN, FAKE_ENDPOINT, installFakeApi } from '../../stories/fake-api.js';
import { systemColour } from '../../test/a11y-sweep.js';
import { expectQuietConsole, shadow, stack, waitForState } from '../../test/helpers.js';
import type { VereinUsageReport } from './usage-report.js';

const TOKEN_KEY = 'vereinsraum.adminToken';

function today(): string {
  const now = new Date();
  return new Date(Date.UTC(now.getFullYear(), now.getMonth(), now.getDate())).toISOString().slice(0, 10);
}

async function signIn(el: VereinUsageReport, token: string, state = 'report'): Promise<void> {
  await el.updateComplete;
  shadow<HTMLInputElement>(el, '#token').value = token;
  shadow<HTMLFormElement>(el, 'form').requestSubmit();
  await waitForState(el, state);
  await el.updateComplete;
}

async function choose(el: VereinUsageReport, from: string, to: string): Promise<void> {
  shadow<HTMLInputElement>(el, '#from').value = from;
  shadow<HTMLInputElement>(el, '#to').value = to;
  shadow<HTMLFormElement>(el, 'form').requestSubmit();
  await waitForState(el, 'report');
  await el.updateComplete;
}

describe('<verein-usage-report>', () => {
  beforeEach(() => sessionStorage.removeItem(TOKEN_KEY));
  afterEach(() => sessionStorage.removeItem(TOKEN_KEY));
  expectQuietConsole();

  it('shows the server’s figures of the last 14 days: the table has every day of the API’s answer', async () => {
    const el = await fixture<VereinUsageReport>(html`<verein-usage-report endpoint="/" lang="de"></verein-usage-report>`);
    await signIn(el, stack.admin);
    const from = new Date(Date.parse(`${today()}T00:00:00Z`) - 13 * 86_400_000).toISOString().slice(0, 10);
    const response = await fetch(`/v1/admin/usage?from=${from}&to=${today()}&group=day`, {
      headers: { authorization: `Bearer ${stack.admin}` },
    });
    const api = (await response.json()) as UsageReport;
    const rows = el.shadowRoot!.querySelectorAll('tbody tr');
    expect(rows.length).to.equal(14);
    expect(api.rows.length).to.equal(14);
    const cells = [...rows].map((row) => [...row.querySelectorAll('td')].map((cell) => cell.textContent!.trim()));
    expect(cells.map((row) => Number(row[4]!.replace('.', '')))).to.deep.equal(api.rows.map((row) => row.joins));
    expect(cells.map((row) => Number(row[0]!.replace('.', '')))).to.deep.equal(api.rows.map((row) => row.conferences));
    expect(shadow(el, '[part="summary"]').textContent).to.match(/ Teilnehmende in .* in den letzten 14 Tagen\.$/);
  });

  it('refuses a wrong token and asks again', async () => {
    const el = await fixture<VereinUsageReport>(html`<verein-usage-report endpoint="/" lang="en"></verein-usage-report>`);
    await signIn(el, 'not-the-admin-token-at-all', 'loading');
    await waitForState(el, 'signed-out');
    await el.updateComplete;
    expect(shadow(el, '[role="alert"]').textContent).to.contain('The token is wrong');
  });

  describe('with the fake server', () => {
    before(() => installFakeApi());

    it('says the totals in one German sentence, with German numbers and dates, and draws a bar per day', async () => {
      const el = await fixture<VereinUsageReport>(html`<verein-usage-report endpoint=${FAKE_ENDPOINT} lang="de"></verein-usage-report>`);
      await signIn(el, FAKE_ADMIN_TOKEN);
      await choose(el, '2026-01-01', '2026-01-14');
      expect(shadow(el, '[part="summary"]').textContent!.trim()).to.equal(
        '2.161 Teilnehmende in 430 Konferenzen, 1.369 Stunden, vom 1. Januar 2026 bis 14. Januar 2026.',
      );
      expect(el.shadowRoot!.querySelectorAll('.conferences rect.bar').length).to.equal(14);
      expect(el.shadowRoot!.querySelectorAll('.participants rect.bar').length).to.equal(14);
      expect(shadow(el, '.chart svg').closest('[aria-hidden="true"]')).to.not.equal(null);
      const first = [...el.shadowRoot!.querySelectorAll('tbody tr')][0]!;
      expect([...first.children].map((cell) => cell.textContent!.trim())).to.deep.equal([
        '1. Januar 2026',
        '27',
        '108',
        '68,4',
        '29,3',
        '109',
      ]);
    });

    it('says them in English with English numbers and dates', async () => {
      const el = await fixture<VereinUsageReport>(html`<verein-usage-report endpoint=${FAKE_ENDPOINT} lang="en"></verein-usage-report>`);
      await signIn(el, FAKE_ADMIN_TOKEN);
      await choose(el, '2026-01-01', '2026-01-14');
      expect(shadow(el, '[part="summary"]').textContent!.trim()).to.equal(
        '2,161 participants in 430 conferences, 1,369 hours, from 1 January 2026 to 14 January 2026.',
      );
      const first = [...el.shadowRoot!.querySelectorAll('tbody tr')][0]!;
      expect(first.querySelector('th')!.textContent!.trim()).to.equal('1 January 2026');
      expect(first.querySelectorAll('td')[2]!.textContent!.trim()).to.equal('68.4');
    });

    it('in forced-colors mode the bars and the axis take the system text colour', async () => {
      const el = await fixture<VereinUsageReport>(html`<verein-usage-report endpoint=${FAKE_ENDPOINT} lang="de"></verein-usage-report>`);
      await signIn(el, FAKE_ADMIN_TOKEN);
      const fills = () =>
        [...el.shadowRoot!.querySelectorAll('rect.bar, line.axis')].map((shape) => {
          const style = getComputedStyle(shape);
          return shape.tagName === 'line' ? style.stroke : style.fill;
        });
      expect(new Set(fills()).size).to.equal(2, 'conference bars in the primary colour, participant bars and the axis muted');
      await executeServerCommand('forced-colors', { on: true });
      try {
        expect(matchMedia('(forced-colors: active)').matches).to.equal(true);
        expect(new Set(fills())).to.deep.equal(new Set([systemColour('CanvasText')]));
        await expect(el).to.be.accessible();
      } finally {
        await executeServerCommand('forced-colors', { on: false });
      }
    });

    it('downloads the same period as CSV', async () => {
      const el = await fixture<VereinUsageReport>(html`<verein-usage-report endpoint=${FAKE_ENDPOINT} lang="en"></verein-usage-report>`);
      await signIn(el, FAKE_ADMIN_TOKEN);
      await choose(el, '2026-01-01', '2026-01-02');
      const clicked = new Promise<HTMLAnchorElement>((resolve) => {
        const original = HTMLAnchorElement.prototype.click;
        HTMLAnchorElement.prototype.click = function (this: HTMLAnchorElement) {
          HTMLAnchorElement.prototype.click = original;
          resolve(this);
        };
      });
      [...el.shadowRoot!.querySelectorAll('button')].find((b) => b.textContent!.includes('CSV'))!.click();
      const link = await clicked;
      expect(link.download).to.equal('usage-2026-01-01-2026-01-02.csv');
      const text = await (await fetch(link.href)).text();
      expect(text.split('\r\n')).to.deep.equal(['day,conferences,participants', '2026-01-01,27,108', '2026-01-02,34,170']);
    });
  });
});
