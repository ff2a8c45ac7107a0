import type { ServerConfig } from './config/index.js';

/** The contrast WCAG 2.x level AA asks of normal text (success criterion 1.4.3). */
export const MIN_TEXT_CONTRAST = 4.5;

/** The elements' own primary colour and the text on it: what a tenant's theme replaces. */
export const DEFAULT_THEME_COLORS = { primary: '#0b5cad', onPrimary: '#ffffff' } as const;

/**
 * The relative luminance of an sRGB colour `#rrggbb`, as WCAG 2.x defines it:
 * 0 for black, 1 for white.
 *
 * @example
 * ```ts
 * relativeLuminance('#ffffff'); // 1
 * ```
 */
export function relativeLuminance(color: string): number {
  const hex = /^#([0-9a-f]{6})$/i.exec(color)?.[1];
  if (!hex) throw new TypeError(`not a colour #rrggbb: ${color}`);
  const [r, g, b] = [0, 2, 4].map((at) => {
    const channel = parseInt(hex.slice(at, at + 2), 16) / 255;
    return channel <= 0.04045 ? channel / 12.92 : ((channel + 0.055) / 1.055) ** 2.4;
  }) as [number, number, number];
  return 0.2126 * r + 0.7152 * g + 0.0722 * b;
}

/**
 * The WCAG 2.x contrast ratio of two colours `#rrggbb`, from 1 (none) to 21
 * (black on white); the order does not matter.
 *
 * @example
 * ```ts
 * contrastRatio('#777777', '#ffffff'); // 4.478…: just too little for text
 * ```
 */
export function contrastRatio(a: string, b: string): number {
  const [light, dark] = [relativeLuminance(a), relativeLuminance(b)].sort((x, y) => y - x) as [number, number];
  return (light + 0.05) / (dark + 0.05);
}

/**
 * Operator warnings for tenant themes whose colours are hard to read: the text
 * on primary buttons (`primary` with `onPrimary`, default white) and
 * `primary` as the colour of links and text on white, each below
 * 4.5:1 (`MIN_TEXT_CONTRAST`). One message per tenant and pair, naming the
 * tenant, the colours, the ratio and what to change.
 *
 * @example
 * ```ts
 * for (const message of themeContrastWarnings(config)) console.warn(message);
 * ```
 */
export function themeContrastWarnings(config: ServerConfig): string[] {
  const warnings: string[] = [];
  for (const tenant of config.tenants.values()) {
    const theme = tenant.theme;
    if (theme?.primary === undefined && theme?.onPrimary === undefined) continue;
    const primary = theme.primary ?? DEFAULT_THEME_COLORS.primary;
    const onPrimary = theme.onPrimary ?? DEFAULT_THEME_COLORS.onPrimary;
    const onButtons = contrastRatio(primary, onPrimary);
    if (onButtons < MIN_TEXT_CONTRAST) {
      warnings.push(
        `tenant ${tenant.id}: the text on buttons (theme.onPrimary ${onPrimary} on theme.primary ${primary}) has a contrast of ${ratio(onButtons)}, ` +
          `below the ${MIN_TEXT_CONTRAST}:1 that WCAG AA asks for text. Choose a darker primary (or a lighter one with a dark onPrimary).`,
      );
    }
    if (theme.primary !== undefined) {
      const onWhite = contrastRatio(primary, '#ffffff');
      if (onWhite < MIN_TEXT_CONTRAST) {
        warnings.push(
          `tenant ${tenant.id}: links and text in theme.primary ${primary} on white (#ffffff) have a contrast of ${ratio(onWhite)}, ` +
            `below the ${MIN_TEXT_CONTRAST}:1 that WCAG AA asks for text. Choose a darker primary.`,
        );
      }
    }
  }
  return warnings;
}

/** A failing ratio as people read it, to two places; 4.499 shows as 4.49:1, never as the 4.50:1 it misses. */
function ratio(value: number): string {
  const rounded = Math.round(value * 100) / 100;
  return `${(rounded >= MIN_TEXT_CONTRAST ? Math.floor(value * 100) / 100 : rounded).toFixed(2)}:1`;
}
