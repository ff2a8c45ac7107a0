import type { OpenRoomsInfo } from './open-room.js';

/**
 * A tenant's look, as the operator configured it. Every field is optional;
 * the elements fall back to their default theme. The server checks each value
 * (colours `#rrggbb`, radius a CSS length, font a family list), so the
 * elements can put them into CSS custom properties as they are.
 */
export interface TenantTheme {
  /** Buttons, links and focus accents, `#rrggbb`. */
  primary?: string;
  /** Text on primary buttons, `#rrggbb` (default white). */
  onPrimary?: string;
  /** Corner radius, a CSS length such as `0.5rem` or `4px`. */
  radius?: string;
  /** A CSS font-family list of fonts installed on the visitor's device (never a web font URL), e.g. `"Atkinson Hyperlegible", Arial, sans-serif`. */
  font?: string;
}

/**
 * What each value of a {@link TenantTheme} must look like, for the server
 * that checks the configuration and the elements that check the answer once
 * more before it reaches CSS: colours `#rrggbb`; a radius, a number with
 * `px`, `rem` or `em` (the server also keeps it within 48px or 3rem/3em); a
 * font-family list of letters, digits, spaces, commas, quotes and hyphens, at
 * most 200 characters (the server also wants quotes in pairs). No `url()`, no
 * `;`, no braces: a value that matches can go into a CSS custom property as
 * it is.
 */
export const THEME_PATTERNS: { readonly [K in keyof Required<TenantTheme>]: RegExp } = {
  primary: /^#[0-9a-fA-F]{6}$/,
  onPrimary: /^#[0-9a-fA-F]{6}$/,
  radius: /^(\d{1,2}(?:\.\d{1,3})?)(px|rem|em)$/,
  font: /^[\p{L}\p{N} ,'"-]{1,200}$/u,
};

/** Where a room's meetings or chats run: what a visitor's browser connects to when joining. */
export interface ConferenceService {
  /** `video` (BigBlueButton, Jitsi Meet) or `chat` (Mattermost). */
  kind: 'video' | 'chat';
  /** Origin the browser connects to, e.g. `https://bbb.example-stadt.de`. */
  origin: string;
}

/** A room as the public may see it: no codes, no back-end secrets. */
export interface PublicRoom {
  id: string;
  name: string;
  /** Index into {@link TenantInfo.services}. */
  service: number;
}

/**
 * Answer of `GET /v1/tenants/{tenant}`: the public part of a tenant's
 * configuration, for branding, language and the privacy notice shown before
 * the first request to a conference server. Never holds a secret.
 */
export interface TenantInfo {
  id: string;
  /** The tenant's name, e.g. "TSV Musterstadt 1897 e.V.". */
  name: string;
  /** An image (https, on the operator's own server) shown in embedded meetings; `null` without one. */
  logoUrl: string | null;
  theme: TenantTheme;
  /** Language of the elements where neither they nor the page say one. */
  defaultLanguage: 'de' | 'en';
  privacyPolicyUrl: string | null;
  imprintUrl: string | null;
  /**
   * The tenant's own words for the privacy notice (plain text), shown above
   * the generated list of services; `null` for the generated notice alone.
   */
  privacyNotice: { de: string; en: string } | null;
  /** Every conference service the tenant's rooms use, booked rooms included. */
  services: ConferenceService[];
  /** The configured rooms (booked rooms are not listed). */
  rooms: PublicRoom[];
  /**
   * Where booked rooms run, which are not listed: for each kind the tenant
   * takes, an index into {@link TenantInfo.services}. A booked room's
   * privacy notice names that service, and no other. Empty for a tenant
   * without bookings; absent from servers older than this field.
   */
  booked?: { video?: number; chat?: number };
  /** Whether the tenant takes bookings (`<verein-room-booking>`). */
  bookings: boolean;
  /** Where open conferences run and their limits (`<verein-open-room>`); absent when the tenant has none. */
  openRooms?: OpenRoomsInfo;
}
