import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { describe, test } from 'node:test';
import { parseConfig } from '../src/config/index.ts';
import { contrastRatio, DEFAULT_THEME_COLORS, MIN_TEXT_CONTRAST, relativeLuminance, themeContrastWarnings } from '../src/contrast.ts';
import { createHandler } from '../src/handler.ts';

const near = (actual: number, expected: number, digits = 2): void =>
  assert.ok(Math.abs(actual - expected) < 10 ** -digits / 2, `${actual} is not ${expected} to ${digits} places`);

describe('WCAG 2.x contrast', () => {
  test('relative luminance of black, white and the sRGB primaries', () => {
    assert.equal(relativeLuminance('#000000'), 0);
    assert.equal(relativeLuminance('#ffffff'), 1);
    near(relativeLuminance('#ff0000'), 0.2126, 4);
    near(relativeLuminance('#00ff00'), 0.7152, 4);
    near(relativeLuminance('#0000FF'), 0.0722, 4);
    // Below the sRGB knee the curve is linear: 10/255/12.92.
    near(relativeLuminance('#0a0a0a'), 10 / 255 / 12.92, 6);
    assert.throws(() => relativeLuminance('#fff'), TypeError);
  });

  test('known pairs', () => {
    assert.equal(contrastRatio('#000000', '#ffffff'), 21);
    assert.equal(contrastRatio('#ffffff', '#ffffff'), 1);
    near(contrastRatio('#777777', '#ffffff'), 4.48);
    assert.ok(contrastRatio('#777777', '#ffffff') < MIN_TEXT_CONTRAST, '#777 on white just fails AA');
    near(contrastRatio('#767676', '#ffffff'), 4.54);
    near(contrastRatio('#0b5cad', '#ffffff'), 6.67);
    near(contrastRatio('#ff0000', '#ffffff'), 4.0);
    assert.equal(contrastRatio('#0b5cad', '#ffffff'), contrastRatio('#ffffff', '#0b5cad'), 'the order does not matter');
  });

  test("the elements' default theme passes 4.5:1 for every text colour", () => {
    // The defaults of packages/elements/src/styles/shared.ts; fails when one of them changes there.
    const shared = readFileSync(new URL('../../elements/src/styles/shared.ts', import.meta.url), 'utf8').toLowerCase();
    const theme = { primary: '#0b5cad', onPrimary: '#ffffff', text: '#1a1a1a', muted: '#4a4a4a', danger: '#a4001d', surface: '#ffffff' };
    for (const color of Object.values(theme)) assert.ok(shared.includes(color), `${color} is still a default of shared.ts`);
    assert.deepEqual(DEFAULT_THEME_COLORS, { primary: theme.primary, onPrimary: theme.onPrimary });
    const pairs: Array<[string, string, string]> = [
      ['on-primary on primary (buttons)', theme.onPrimary, theme.primary],
      ['primary on surface (links, secondary buttons)', theme.primary, theme.surface],
      ['text on surface', theme.text, theme.surface],
      ['muted on surface', theme.muted, theme.surface],
      ['danger on surface', theme.danger, theme.surface],
    ];
    for (const [name, foreground, background] of pairs) {
      const ratio = contrastRatio(foreground, background);
      assert.ok(ratio >= MIN_TEXT_CONTRAST, `${name}: ${ratio.toFixed(2)}:1`);
    }
  });
});

function config(themes: Record<string, Record<string, string> | undefined>) {
  const tenants = Object.fromEntries(
    Object.entries(themes).map(([id, theme]) => [
      id,
      {
        name: `Tenant ${id}`,
        allowedOrigins: [],
        rooms: { raum: { name: 'Raum', backend: 'bbb', start: 'anyone' } },
        ...(theme ? { theme } : {}),
      },
    ]),
  );
  return parseConfig(
    { backends: { bbb: { type: 'bbb', url: 'https://bbb.example.org/bigbluebutton/', secretEnv: 'BBB_SECRET' } }, tenants },
    { BBB_SECRET: 's' },
  );
}

describe('contrast warnings for tenant themes', () => {
  test('one warning per failing pair, naming tenant, colours, ratio and what to do', () => {
    const warnings = themeContrastWarnings(
      config({
        fine: { primary: '#0b5cad' },
        grey: { primary: '#777777' },
        yellow: { primary: '#ffd500', onPrimary: '#1a1a1a' },
        pale: { onPrimary: '#9ab8d8' },
        none: undefined,
        radius: { radius: '4px' },
      }),
    );
    assert.equal(warnings.length, 4, warnings.join('\n'));
    const [grey1, grey2, yellow, pale] = warnings as [string, string, string, string];
    assert.match(
      grey1,
      /^tenant grey: the text on buttons \(theme\.onPrimary #ffffff on theme\.primary #777777\) has a contrast of 4\.48:1, below the 4\.5:1 .*darker primary/,
    );
    assert.match(
      grey2,
      /^tenant grey: links and text in theme\.primary #777777 on white \(#ffffff\) have a contrast of 4\.48:1, below the 4\.5:1 .*Choose a darker primary\.$/,
    );
    assert.match(
      yellow,
      /^tenant yellow: links and text in theme\.primary #ffd500 on white/,
      'dark text on yellow buttons is fine, yellow links on white are not',
    );
    assert.match(
      pale,
      /^tenant pale: the text on buttons \(theme\.onPrimary #9ab8d8 on theme\.primary #0b5cad\)/,
      'the default primary with the tenant onPrimary',
    );
  });

  test('a ratio just under 4.5:1 never reads as 4.50:1', () => {
    const [warning] = themeContrastWarnings(config({ almost: { primary: '#0078d7', onPrimary: '#ffffff' } }));
    assert.ok(contrastRatio('#0078d7', '#ffffff') > 4.495);
    assert.match(warning ?? '', /has a contrast of 4\.49:1/);
  });

  test('the handler warns through its log when it is made, and is quiet for good themes', () => {
    const logs: string[] = [];
    createHandler(config({ grey: { primary: '#777777', onPrimary: '#ffffff' }, fine: { primary: '#0b5cad' } }), {
      log: (level, message) => logs.push(`${level} ${message}`),
    });
    assert.equal(logs.length, 2);
    assert.ok(logs.every((line) => line.startsWith('warn tenant grey: ')));
    const quiet: string[] = [];
    createHandler(config({ fine: { primary: '#0b5cad', onPrimary: '#ffffff' } }), { log: (level, message) => quiet.push(message) });
    assert.deepEqual(quiet, []);
  });
});
