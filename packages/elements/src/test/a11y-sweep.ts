// For the browser tests: every state of an element (its stories) in German and
// English, with the default look or with a tenant's theme, checked for
// accessibility: axe finds nothing; every control is a target of at least
// 44 × 44 CSS px; Tab reaches every control, each with a visible focus ring.
// And a way to see an element's forced-colors rules at work.
import type { TenantInfo, TenantTheme } from '@vereinsraum/protocol';
import { expect, fixture, html, waitUntil } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import type { TemplateResult } from 'lit';
import { FAKE_ENDPOINT, FAKE_FOREIGN_TENANT, FAKE_TENANT, installFakeApi, resetFakeApi } from '../stories/fake-api.js';
import { expectQuietConsole } from './helpers.js';

// Mocha's functions, global in the test runner's pages (there are no mocha types in the project).
declare function describe(name: string, body: () => void): void;
declare function it(name: string, body: () => Promise<void>): void;

/** A story as the checks use it (Storybook's `StoryObj`, reduced to what runs it). */
interface Story {
  args?: Record<string, unknown>;
  render?: (args: never) => TemplateResult;
  play?: (context: { canvasElement: HTMLElement }) => Promise<void>;
  decorators?: Array<(story: () => TemplateResult) => TemplateResult>;
}

/** The theme every tenant of the fake server has in the `tenant` checks: dark green, round corners, another font. */
export const SWEEP_THEME: Required<TenantTheme> = {
  primary: '#14532d',
  onPrimary: '#ffffff',
  radius: '1.5rem',
  font: 'Verdana, sans-serif',
};

/**
 * The smallest target the elements give any control, in CSS px, both ways:
 * the 44 px of WCAG 2.2's 2.5.5 (AAA), beyond the 24 px of 2.5.8 (AA). No
 * control uses 2.5.8's spacing exception. A checkbox counts with its label:
 * the box sits inside the label, so both are one target.
 */
export const MIN_TARGET = 44;

const CONTROLS = 'a[href], button, input:not([type="hidden"]), select, summary, textarea, [tabindex]:not([tabindex="-1"])';

/**
 * Defines a suite for the stories of one element: each story (each state) in
 * German and in English, rendered between two page buttons, after its play
 * step. With `theme: 'tenant'` every tenant of the fake server answers with
 * {@link SWEEP_THEME} and the stories sit in a `<verein-config>` of the fake
 * tenant (so elements without a tenant of their own, like the admin list,
 * have one); the checks then also wait until the theme is on the elements.
 */
export function sweepStories(title: string, module: object, theme: 'default' | 'tenant'): void {
  installFakeApi();
  if (theme === 'tenant') themeEveryTenant();
  const { default: meta, ...stories } = module as { default: Story } & Record<string, Story>;
  describe(`${title}: every state, ${theme === 'tenant' ? "with a tenant's theme" : 'with the default look'}`, () => {
    expectQuietConsole();
    for (const lang of ['de', 'en'] as const) {
      // English stories become their German twins with lang="de" (and the other way round): each once.
      const seen = new Set<string>();
      for (const [name, story] of Object.entries(stories)) {
        const args = { ...meta.args, ...story.args, lang };
        const key = JSON.stringify([args, ids(story.render, story.play, ...(story.decorators ?? []))]);
        if (seen.has(key)) continue;
        seen.add(key);
        it(`${name} (${lang}): axe, targets of ${MIN_TARGET} px, a visible focus at every Tab stop`, async () => {
          resetFakeApi();
          const render = () => (story.render ?? meta.render)!(args as never);
          const decorators = [...(story.decorators ?? []), ...(meta.decorators ?? [])];
          const template = decorators.reduce<() => TemplateResult>((inner, decorate) => () => decorate(inner), render)();
          const page = await fixture<HTMLElement>(html`<div>
            <button id="before" type="button">Davor</button>
            <div class="story">
              ${theme === 'tenant' ? html`<verein-config tenant=${FAKE_TENANT}>${template}</verein-config>` : template}
            </div>
            <button id="after" type="button">Danach</button>
          </div>`);
          const canvas = page.querySelector<HTMLElement>('.story')!;
          await story.play?.({ canvasElement: canvas });
          const elements = [...canvas.querySelectorAll<HTMLElement & { updateComplete: Promise<boolean> }>('*')].filter(
            (el) => el.localName.startsWith('verein-') && el.localName !== 'verein-config',
          );
          if (theme === 'tenant') {
            // A tenant that does not allow the page has no theme to show: its elements say why instead.
            for (const el of elements.filter((el) => configured(el) && el.getAttribute('tenant') !== FAKE_FOREIGN_TENANT)) {
              await waitUntil(
                () => el.style.getPropertyValue('--_tenant-primary') === SWEEP_THEME.primary,
                `the tenant's theme on ${el.localName}`,
              );
            }
          }
          await Promise.all(elements.map((el) => el.updateComplete));
          checkTargets(canvas);
          await checkFocusStops(page, canvas);
          await expect(page).to.be.accessible();
        });
      }
    }
  });
}

const functionIds = new Map<unknown, number>();

/** A number for each function: stories that share theirs (copied with `...`) are the same story. */
function ids(...fns: unknown[]): number[] {
  return fns.map((fn) => {
    if (!functionIds.has(fn)) functionIds.set(fn, functionIds.size);
    return functionIds.get(fn)!;
  });
}

/** Every tenant of the fake server has {@link SWEEP_THEME} (but the one that does not allow the page): `GET /v1/tenants/{tenant}` is answered here. */
function themeEveryTenant(): void {
  const fakeFetch = window.fetch;
  window.fetch = async (input: RequestInfo | URL, init?: RequestInit) => {
    const url = new URL(input instanceof Request ? input.url : String(input));
    const id = url.origin === FAKE_ENDPOINT ? /^\/v1\/tenants\/([^/]+)$/.exec(url.pathname)?.[1] : undefined;
    if (!id || id === FAKE_FOREIGN_TENANT) return fakeFetch(input, init);
    // The fake server's own answer (its services and notice, which the join form shows) with the sweep's theme.
    const own = await fakeFetch(input, init);
    if (own.ok) return Response.json({ ...((await own.json()) as TenantInfo), theme: SWEEP_THEME });
    const info: TenantInfo = {
      id,
      name: 'Musterverein',
      logoUrl: null,
      theme: SWEEP_THEME,
      defaultLanguage: 'de',
      privacyPolicyUrl: null,
      imprintUrl: null,
      privacyNotice: null,
      services: [],
      rooms: [],
      bookings: true,
    };
    return new Response(JSON.stringify(info), { headers: { 'content-type': 'application/json' } });
  };
}

/** Whether an element has a server and a tenant (its own, or from the `<verein-config>` around it). */
function configured(el: HTMLElement): boolean {
  const from = (name: string) => el.getAttribute(name) || el.closest(`verein-config[${name}]`)?.getAttribute(name);
  return !!from('endpoint') && !!from('tenant');
}

/** The controls in `root` and in the shadow roots below it, without those hidden from everyone (display: none, aria-hidden). */
function controls(root: ParentNode): HTMLElement[] {
  const found: HTMLElement[] = [];
  for (const el of root.querySelectorAll<HTMLElement>('*')) {
    if (el.matches(CONTROLS) && !el.closest('[aria-hidden="true"]') && el.getClientRects().length > 0) found.push(el);
    if (el.shadowRoot) found.push(...controls(el.shadowRoot));
  }
  return found;
}

/** What a failure message calls a control. */
function named(el: Element): string {
  return el.outerHTML.slice(0, 100);
}

function checkTargets(canvas: HTMLElement): void {
  for (const control of controls(canvas)) {
    const box = (control.matches('input[type="checkbox"], input[type="radio"]') ? control.closest('label') : null) ?? control;
    const { width, height } = box.getBoundingClientRect();
    expect(width >= MIN_TARGET && height >= MIN_TARGET, `${named(box)} is ${width} × ${height} px`).to.equal(true);
  }
}

/** The focused element, inside shadow roots. */
function deepActive(): Element | null {
  let active = document.activeElement;
  while (active?.shadowRoot?.activeElement) active = active.shadowRoot.activeElement;
  return active;
}

/**
 * From the button before the story, Tab to the button after it: every stop is
 * a control of the story with a visible focus ring (`:focus-visible`, an
 * outline of at least 2 px), and every enabled control is a stop.
 */
async function checkFocusStops(page: HTMLElement, canvas: HTMLElement): Promise<void> {
  const after = page.querySelector('#after');
  const stops = new Set<Element>();
  page.querySelector<HTMLElement>('#before')!.focus();
  for (let presses = 0; presses < 200; presses++) {
    await sendKeys({ press: 'Tab' });
    const at = deepActive();
    if (at === after) {
      for (const control of controls(canvas)) {
        // A radio group is one Tab stop (its checked radio; arrow keys move within it).
        const otherRadio =
          control.matches('input[type="radio"]:not(:checked)') &&
          (control as HTMLInputElement).form?.querySelector(`input[type="radio"][name="${(control as HTMLInputElement).name}"]:checked`);
        if (!control.matches(':disabled') && !otherRadio) expect(stops.has(control), `Tab reaches ${named(control)}`).to.equal(true);
      }
      return;
    }
    // Date and time fields have a stop for each part.
    if (!at || stops.has(at)) continue;
    stops.add(at);
    const style = getComputedStyle(at);
    expect(at.matches(':focus-visible'), `${named(at)} shows its focus`).to.equal(true);
    expect(
      style.outlineStyle !== 'none' && parseFloat(style.outlineWidth) >= 2,
      `${named(at)} has a focus ring (${style.outline})`,
    ).to.equal(true);
  }
  throw new Error('Tab did not leave the story');
}

/**
 * Apply the rules an element's styles keep for `@media <condition>` (such as
 * `(forced-colors: active)`) as if the condition held; answers how many there
 * are. This shows what our own rules do, apart from the browser's forced
 * colours (which would hide a missing rule); the room-status tests also switch
 * Chromium's forced-colors emulation on (the \`forced-colors\` test-runner command).
 */
export function applyMediaRules(el: HTMLElement, condition: string): number {
  const root = el.shadowRoot!;
  const rules = root.adoptedStyleSheets
    .flatMap((sheet) => [...sheet.cssRules])
    .filter((rule): rule is CSSMediaRule => rule instanceof CSSMediaRule && rule.conditionText === condition)
    .flatMap((rule) => [...rule.cssRules].map((inner) => inner.cssText));
  const sheet = new CSSStyleSheet();
  sheet.replaceSync(rules.join('\n'));
  root.adoptedStyleSheets = [...root.adoptedStyleSheets, sheet];
  return rules.length;
}

/** The colour a system colour (`Highlight`, `CanvasText`, …) stands for in this browser, as computed styles give it. */
export function systemColour(keyword: string): string {
  const probe = document.createElement('span');
  probe.style.color = keyword;
  document.body.append(probe);
  const colour = getComputedStyle(probe).color;
  probe.remove();
  return colour;
}
