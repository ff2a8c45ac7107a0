// The contrast rule of a tenant's colours (WCAG 2 relative luminance and contrast ratio), shared by the server's
// checks and the club page's preview.

/** The contrast WCAG AA asks for normal text, as a ratio (4.5:1). */
export const MIN_TEXT_CONTRAST = 4.5;

/** The colours a theme without its own uses. */
export const DEFAULT_THEME_COLORS = { primary: '#0b5cad', onPrimary: '#ffffff' } as const;

/**
 * The relative luminance of a `#rrggbb` colour (WCAG 2), 0 (black) to 1 (white).
 *
 * @throws TypeError for anything but `#rrggbb`.
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
 * The contrast ratio of two `#rrggbb` colours (WCAG 2), 1 to 21.
 *
 * @example
 * ```ts
 * contrastRatio('#0b5cad', '#ffffff') >= MIN_TEXT_CONTRAST; // true
 * ```
 */
export function contrastRatio(a: string, b: string): number {
  const [light, dark] = [relativeLuminance(a), relativeLuminance(b)].sort((x, y) => y - x) as [number, number];
  return (light + 0.05) / (dark + 0.05);
}

/**
 * Which of a theme's two contrasts is too low for text, if any: the text on
 * buttons (`onPrimary` on `primary`), or `primary` as text and links on white.
 * Colours left out are the defaults.
 */
export function themeContrastProblem(theme: { primary?: string; onPrimary?: string }): 'onPrimary' | 'primary' | undefined {
  const primary = theme.primary ?? DEFAULT_THEME_COLORS.primary;
  if (contrastRatio(primary, theme.onPrimary ?? DEFAULT_THEME_COLORS.onPrimary) < MIN_TEXT_CONTRAST) return 'onPrimary';
  if (contrastRatio(primary, '#ffffff') < MIN_TEXT_CONTRAST) return 'primary';
  return undefined;
}
