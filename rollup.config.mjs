// Builds every package: ESM + .d.ts for npm (dependencies stay external), and
// for the elements also self-contained, minified CDN bundles with lit inside.
import { nodeResolve } from '@rollup/plugin-node-resolve';
import terser from '@rollup/plugin-terser';
import typescript from '@rollup/plugin-typescript';

/** ESM with declarations, one output file per source file, imports of packages left alone. */
function library(name, input) {
  const dir = `packages/${name}/dist`;
  return {
    input: input.map((file) => `packages/${name}/src/${file}`),
    external: (id) => !id.startsWith('.') && !id.startsWith('/') && !id.startsWith('\0') && !/^[A-Za-z]:/.test(id),
    output: { dir, format: 'es', preserveModules: true, preserveModulesRoot: `packages/${name}/src`, sourcemap: true },
    plugins: [
      typescript({
        tsconfig: `packages/${name}/tsconfig.json`,
        outDir: dir,
        declarationDir: dir,
        compilerOptions: { composite: false, incremental: false, module: 'NodeNext' },
        exclude: ['**/*.test.ts', '**/*.stories.ts', '**/src/test/**', '**/src/stories/**'],
      }),
    ],
    onwarn(warning, warn) {
      if (warning.code === 'CIRCULAR_DEPENDENCY') throw new Error(warning.message);
      warn(warning);
    },
  };
}

/**
 * The elements' styles (lit's css`…` templates) without comments and without
 * the white space that means nothing in CSS: runs of it become one space, and
 * none is left around `{`, `}`, `;` and `,`. The line breaks move to the end
 * of the template, so that the code after it keeps its lines and the source
 * maps still fit.
 */
function compactStyles() {
  const compact = (css) => {
    const breaks = css.split('\n').length - 1;
    const flat = css
      .replace(/\/\*[^*]*\*+([^/*][^*]*\*+)*\//g, '')
      .replace(/\s+/g, ' ')
      .replace(/ ?([{};,]) ?/g, '$1')
      .trim();
    return flat + '\n'.repeat(breaks);
  };
  return {
    name: 'vereinsraum-compact-styles',
    transform(code, id) {
      if (!id.includes('/packages/elements/dist/') || !/\bcss ?`/.test(code)) return null;
      return { code: code.replace(/\bcss ?`([^`$\\]*)`/g, (_, css) => `css\`${compact(css)}\``), map: null };
    },
  };
}

/** A CDN bundle: one file, lit included, minified, registers its tags when loaded. */
function cdn(input, file) {
  return {
    input: `packages/elements/dist/${input}`,
    // A bundle only registers its tags: the classes the define modules re-export (for their types) stay inside.
    preserveEntrySignatures: false,
    output: { file: `packages/elements/dist/cdn/${file}`, format: 'es', sourcemap: true },
    plugins: [
      nodeResolve({ browser: true }),
      compactStyles(),
      terser({ module: true, compress: { passes: 2 }, format: { comments: false } }),
    ],
  };
}

// In order: the protocol's types must exist before the packages that import it.
export default [
  library('protocol', ['index.ts']),
  library('server', ['index.ts', 'node.ts', 'cli.ts', 'adapters/express.ts']),
  library('sandbox', ['index.ts', 'cli.ts']),
  library('elements', [
    'index.ts',
    'define.ts',
    'components/config/define.ts',
    'components/join-room/define.ts',
    'components/room-status/define.ts',
    'components/room-booking/define.ts',
    'components/booking-admin/define.ts',
    'components/club-admin/define.ts',
    'components/club-registration/define.ts',
    'components/club-review/define.ts',
  ]),
  cdn('define.js', 'vereinsraum.js'),
  cdn('components/config/define.js', 'config.js'),
  cdn('components/join-room/define.js', 'join-room.js'),
  cdn('components/room-status/define.js', 'room-status.js'),
  cdn('components/room-booking/define.js', 'room-booking.js'),
  cdn('components/booking-admin/define.js', 'booking-admin.js'),
  cdn('components/club-admin/define.js', 'club-admin.js'),
  cdn('components/club-registration/define.js', 'club-registration.js'),
  cdn('components/club-review/define.js', 'club-review.js'),
];
