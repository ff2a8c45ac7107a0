// A tenant's branding and language in the elements, against the real server
// helper (tenant `farbe` has a theme and German as its language; `tsv` has
// neither): the theme on the element, the page's own CSS over it, values the
// element refuses, a failed request, and the order of the language sources.
import { expect, fixture, html, waitUntil } from '@open-wc/testing';
import type { TenantInfo } from '@vereinsraum/protocol';
import '../define.js';
import '../components/room-booking/define.js';
import '../components/booking-admin/define.js';
import { fetchTenantInfo } from '../api/client.js';
import type { VereinBookingAdmin } from '../components/booking-admin/booking-admin.js';
import type { VereinRoomBooking } from '../components/room-booking/room-booking.js';
import type { VereinRoomStatus } from '../components/room-status/room-status.js';
import { expectQuietConsole, shadow, stack, waitForState } from '../test/helpers.js';

const FARBE = { primary: 'rgb(107, 29, 92)', onPrimary: 'rgb(255, 255, 255)', radius: '2px' };
const DEFAULT = { primary: 'rgb(11, 92, 173)', onPrimary: 'rgb(255, 255, 255)', radius: '8px' };

/** A booking form of `tenant`, once it shows the form (or `state`) and wears its tenant's theme, if any. */
async function bookingOf(
  tenant: string,
  template = html`<verein-room-booking endpoint=${stack.endpoint} tenant=${tenant} lang="de"></verein-room-booking>`,
  state = 'form',
) {
  const page = await fixture<HTMLElement>(html`<div>${template}</div>`);
  const el = page.querySelector<VereinRoomBooking>('verein-room-booking')!;
  await waitForState(el, state);
  await el.updateComplete;
  return el;
}

/** Wait until the element shows a tenant's theme (or has finished asking for it, for tenants without one). */
function themed(el: HTMLElement): Promise<void> {
  return waitUntil(() => el.style.getPropertyValue('--_tenant-primary') !== '', `the tenant's theme on ${el.localName}`);
}

/** Colours, corners and font of the element's submit button. */
function submitLook(el: VereinRoomBooking) {
  const style = getComputedStyle(shadow(el, 'button[type="submit"]'));
  return { primary: style.backgroundColor, onPrimary: style.color, radius: style.borderTopLeftRadius, font: style.fontFamily };
}

/** Answer `GET …/v1/tenants/{tenant}` in the page (the rest goes to the server) while `run` runs; how often it was asked. */
async function answeringTenant(tenant: string, answer: () => Response | Promise<Response>, run: () => Promise<void>): Promise<number> {
  const realFetch = window.fetch;
  let asked = 0;
  window.fetch = async (input, init) => {
    if (String(input) !== `${stack.endpoint}/v1/tenants/${tenant}`) return realFetch(input, init);
    asked += 1;
    return answer();
  };
  try {
    await run();
  } finally {
    window.fetch = realFetch;
  }
  return asked;
}

describe("a tenant's theme", () => {
  expectQuietConsole();

  it('a failed request for the tenant changes nothing: the element works with its default look', async () => {
    let el!: VereinRoomBooking;
    const asked = await answeringTenant(
      'tsv',
      () => Promise.reject(new TypeError('Failed to fetch')),
      async () => {
        el = await bookingOf('tsv');
        await el.updateComplete;
      },
    );
    expect(asked, 'the element asked for the tenant').to.equal(1);
    expect(submitLook(el)).to.include(DEFAULT);
    expect(el.getAttribute('style')).to.equal(null);
    await expect(el).to.be.accessible();
  });

  it("is on the element: the buttons in the tenant's colours, its corners and font; axe finds nothing", async () => {
    const el = await bookingOf('farbe');
    await themed(el);
    await el.updateComplete;
    expect(el.style.getPropertyValue('--_tenant-primary')).to.equal('#6b1d5c');
    const look = submitLook(el);
    expect(look).to.include(FARBE);
    expect(look.font).to.match(/^Verdana, sans-serif$/);
    expect(getComputedStyle(shadow(el, 'a.privacy')).color, 'links too').to.equal(FARBE.primary);
    await expect(el).to.be.accessible();
  });

  it('a tenant without a theme keeps the default look', async () => {
    const el = await bookingOf('tsv');
    // The element's own request: the same answer.
    const info = await fetchTenantInfo({ endpoint: stack.endpoint, tenant: 'tsv' });
    await el.updateComplete;
    expect(info.theme).to.deep.equal({});
    expect(submitLook(el)).to.include(DEFAULT);
  });

  it("the page's own --verein-* properties win, on the element and on an ancestor", async () => {
    const onElement = await bookingOf(
      'farbe',
      html`<style>
          .own-colours {
            --verein-color-primary: #1d5b2f;
            --verein-radius: 12px;
          }
        </style>
        <verein-room-booking class="own-colours" endpoint=${stack.endpoint} tenant="farbe" lang="de"></verein-room-booking>`,
    );
    await themed(onElement);
    await onElement.updateComplete;
    expect(submitLook(onElement)).to.include({ primary: 'rgb(29, 91, 47)', onPrimary: FARBE.onPrimary, radius: '12px' });

    const page = await fixture<HTMLElement>(html`<div style="--verein-color-on-primary: #fffbe6; --verein-font-family: Georgia, serif">
      <verein-room-booking endpoint=${stack.endpoint} tenant="farbe" lang="de"></verein-room-booking>
    </div>`);
    const inherited = page.querySelector<VereinRoomBooking>('verein-room-booking')!;
    await waitForState(inherited, 'form');
    await themed(inherited);
    await inherited.updateComplete;
    expect(submitLook(inherited)).to.deep.equal({
      primary: FARBE.primary,
      onPrimary: 'rgb(255, 251, 230)',
      radius: FARBE.radius,
      font: 'Georgia, serif',
    });
    await expect(inherited).to.be.accessible();
  });

  it('the status badge and the admin list take it too', async () => {
    const status = await fixture<VereinRoomStatus>(
      html`<verein-room-status endpoint=${stack.endpoint} tenant="farbe" room="treff" lang="de"></verein-room-status>`,
    );
    await themed(status);
    await waitForState(status, 'idle');
    expect(getComputedStyle(shadow(status, '.badge')).borderTopLeftRadius).to.equal(FARBE.radius);
    expect(getComputedStyle(status).fontFamily).to.equal('Verdana, sans-serif');
    await expect(status).to.be.accessible();

    const admin = await fixture<VereinBookingAdmin>(
      html`<verein-booking-admin endpoint=${stack.endpoint} tenant="farbe" lang="de"></verein-booking-admin>`,
    );
    await themed(admin);
    await admin.updateComplete;
    expect(getComputedStyle(shadow(admin, 'button[type="submit"]')).backgroundColor).to.equal(FARBE.primary);
    await expect(admin).to.be.accessible();
  });

  it('refuses values that are not plain colours, lengths and font names, and keeps the rest', async () => {
    const bad: Partial<TenantInfo> = {
      id: 'bunt',
      name: 'Bunt',
      defaultLanguage: 'de',
      theme: {
        primary: 'red; background: url(https://tracker.example/pixel)',
        onPrimary: '#fff',
        radius: '4px',
        font: 'x} :host { display: none',
      },
    };
    let el!: VereinRoomBooking;
    const asked = await answeringTenant(
      'bunt',
      () => new Response(JSON.stringify(bad), { headers: { 'content-type': 'application/json' } }),
      async () => {
        // The server knows no tenant "bunt": the element shows why, with a button to try again, in the tenant's corners.
        el = await bookingOf('bunt', undefined, 'error');
        await waitUntil(() => el.style.getPropertyValue('--_tenant-radius') !== '', 'the radius');
      },
    );
    expect(asked).to.equal(1);
    expect(el.getAttribute('style')).to.equal('--_tenant-radius: 4px;');
    const retry = getComputedStyle(shadow(el, 'button'));
    expect(retry.borderTopColor).to.equal(DEFAULT.primary);
    expect(retry.borderTopLeftRadius).to.equal('4px');
    expect(getComputedStyle(el).display).to.equal('block');
    await expect(el).to.be.accessible();
  });

  it('one request per page and tenant, however many elements', async () => {
    const info: Partial<TenantInfo> = { id: 'einmal', name: 'Einmal', defaultLanguage: 'de', theme: { primary: '#1d5b2f' } };
    const asked = await answeringTenant(
      'einmal',
      () => new Response(JSON.stringify(info), { headers: { 'content-type': 'application/json' } }),
      async () => {
        const page = await fixture<HTMLElement>(html`<verein-config endpoint=${stack.endpoint} tenant="einmal" lang="de">
        <verein-room-status room="a"></verein-room-status>
        <verein-room-status room="b"></verein-room-status>
        <verein-room-booking></verein-room-booking>
      </verein-config>`);
        const elements = [...page.querySelectorAll<HTMLElement>('verein-room-status, verein-room-booking')];
        await Promise.all(elements.map(themed));
        const later = await fixture<VereinBookingAdmin>(
          html`<verein-booking-admin endpoint=${stack.endpoint} tenant="einmal"></verein-booking-admin>`,
        );
        await themed(later);
      },
    );
    expect(asked).to.equal(1);
  });
});

describe("a tenant's language", () => {
  expectQuietConsole();

  it("speaks the tenant's language where neither the element, a <verein-config> nor the page names one", async () => {
    const pageLang = document.documentElement.getAttribute('lang');
    document.documentElement.removeAttribute('lang');
    try {
      const status = await fixture<VereinRoomStatus>(
        html`<verein-room-status endpoint=${stack.endpoint} tenant="farbe" room="treff"></verein-room-status>`,
      );
      await waitForState(status, 'idle');
      await waitUntil(() => shadow(status, '[part="label"]').textContent === 'Gerade frei', 'German, from the tenant');
      await expect(status).to.be.accessible();
      // The page's language comes first.
      const page = await fixture<HTMLElement>(html`<div lang="en">
        <verein-room-status endpoint=${stack.endpoint} tenant="farbe" room="treff"></verein-room-status>
      </div>`);
      const english = page.querySelector<VereinRoomStatus>('verein-room-status')!;
      await waitForState(english, 'idle');
      await themed(english);
      await english.updateComplete;
      expect(shadow(english, '[part="label"]').textContent).to.equal('Not in use right now');
    } finally {
      if (pageLang !== null) document.documentElement.setAttribute('lang', pageLang);
    }
  });

  it('follows the lang of <verein-config> and of the element itself, attribute or property', async () => {
    const page = await fixture<HTMLElement>(html`<verein-config endpoint=${stack.endpoint} tenant="farbe" lang="en">
      <verein-room-status room="treff"></verein-room-status>
      <verein-room-booking></verein-room-booking>
    </verein-config>`);
    const config = page as HTMLElement & { lang: string; updateComplete: Promise<boolean> };
    const status = page.querySelector<VereinRoomStatus>('verein-room-status')!;
    const booking = page.querySelector<VereinRoomBooking>('verein-room-booking')!;
    await waitForState(status, 'idle');
    await waitForState(booking, 'form');
    await themed(booking);
    const texts = async () => {
      await config.updateComplete;
      await Promise.all([status.updateComplete, booking.updateComplete]);
      return [shadow(status, '[part="label"]').textContent, shadow(booking, 'button[type="submit"]').textContent];
    };
    expect(await texts()).to.deep.equal(['Not in use right now', 'Request the room']);
    await expect(page).to.be.accessible();
    config.lang = 'de';
    expect(await texts()).to.deep.equal(['Gerade frei', 'Raum anfragen']);
    await expect(page).to.be.accessible();
    config.setAttribute('lang', 'en');
    expect(await texts()).to.deep.equal(['Not in use right now', 'Request the room']);
    status.lang = 'de';
    booking.setAttribute('lang', 'de');
    expect(await texts()).to.deep.equal(['Gerade frei', 'Raum anfragen']);
    status.lang = '';
    booking.removeAttribute('lang');
    expect(await texts()).to.deep.equal(['Not in use right now', 'Request the room']);
  });
});
