import { contrastRatio, DEFAULT_THEME_COLORS, MIN_TEXT_CONTRAST } from '@vereinsraum/protocol';
import type { ServerConfig } from './config/index.js';

export { contrastRatio, DEFAULT_THEME_COLORS, MIN_TEXT_CONTRAST, relativeLuminance } from '@vereinsraum/protocol';

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
