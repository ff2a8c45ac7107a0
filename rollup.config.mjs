// Builds every package: ESM + .d.ts for npm (dependencies stay external), and
// for the elements also self-contained, minified CDN bundles with lit inside.
import { nodeResolve } from '@rollup/plugin-node-resolve';
import terser from '@rollup/plugin-terser';
import typescript from '@rollup/plugin-typescript';
import { rmSync } from 'node:fs';

/**
 * Empties a package's dist just before the build writes it (not for builds
 * kept in memory, as the release tests make), so no module that was moved or
 * removed is left there.
 */
const clean = (dir) => ({
  name: 'clean',
  generateBundle(_options, _bundle, isWrite) {
    if (isWrite) rmSync(dir, { recursive: true, force: true });
  },
});

/** ESM with declarations, one output file per source file, imports of packages left alone. */
function library(name, input) {
  const dir = `packages/${name}/dist`;
  return {
    input: input.map((file) => `packages/${name}/src/${file}`),
    external: (id) => !id.startsWith('.') && !id.startsWith('/') && !id.startsWith('\0') && !/^[A-Za-z]:/.test(id),
    output: { dir, format: 'es', preserveModules: true, preserveModulesRoot: `packages/${name}/src`, sourcemap: true },
    plugins: [
      clean(dir),
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

/** What both kinds of CDN build share: lit inside, compact styles, minified. */
const cdnPlugins = () => [
  nodeResolve({ browser: true }),
  compactStyles(),
  terser({ module: true, compress: { passes: 2 }, format: { comments: false } }),
];

/**
 * The CDN entries: the file a page loads (`dist/cdn/NAME.js`), the define
 * module it registers, and whether it has lazy parts (then also a
 * single-file build). A new element adds its line.
 */
const CDN_ENTRIES = [
  { name: 'vereinsraum', input: 'define.js', lazy: true },
  { name: 'config', input: 'components/config/define.js' },
  { name: 'join-room', input: 'components/join-room/define.js', lazy: true },
  { name: 'room-status', input: 'components/room-status/define.js', lazy: true },
  { name: 'room-booking', input: 'components/room-booking/define.js' },
  { name: 'booking-admin', input: 'components/booking-admin/define.js' },
  { name: 'usage-report', input: 'components/usage-report/define.js' },
  { name: 'open-room', input: 'components/open-room/define.js' },
  { name: 'club-admin', input: 'components/club-admin/define.js' },
  { name: 'club-registration', input: 'components/club-registration/define.js' },
  { name: 'club-review', input: 'components/club-review/define.js' },
];

/**
 * The modules the elements load with a dynamic `import()`: the lazy parts. A
 * new element with lazy parts adds them here.
 */
const LAZY_MODULES = [
  'components/join-room/flow.js',
  'i18n/join-room.de.js',
  'i18n/join-room.en.js',
  'i18n/room-status.de.js',
  'i18n/room-status.en.js',
];

/** The built file of each lazy module, by its id (filled by the lazy build, read by the entries' builds after it). */
const lazyFiles = new Map();

/**
 * A lazy part (`dist/cdn/chunks/NAME-HASH.js`), built on its own: it brings
 * what it needs (the join flow lit-html, a catalogue the texts it shares with
 * others) and imports nothing, so that it arrives in one request, and an entry
 * stays one file whatever name a page loads it by (`NAME.js` or the versioned
 * `NAME.HASH.js` of `vereinsraum serve`). Names carry a hash of the content,
 * so the chunks may be cached for good.
 */
function cdnLazy(file) {
  return {
    input: { [file.split('/').pop().replace(/\.js$/, '')]: `packages/elements/dist/${file}` },
    preserveEntrySignatures: 'strict',
    output: { dir: 'packages/elements/dist/cdn/chunks', format: 'es', sourcemap: true, entryFileNames: '[name]-[hash].js' },
    plugins: [
      {
        name: 'vereinsraum-lazy-chunk',
        generateBundle(_, bundle) {
          for (const chunk of Object.values(bundle))
            if (chunk.type === 'chunk' && chunk.isEntry) lazyFiles.set(chunk.facadeModuleId, chunk.fileName);
        },
      },
      ...cdnPlugins(),
    ],
  };
}

/**
 * A CDN bundle (`dist/cdn/NAME.js`): one file with everything a page needs
 * before the first click, lit's ReactiveElement inside; its dynamic imports
 * point at the lazy chunks built before it.
 */
function cdnEntry({ name, input }) {
  return {
    input: { [name]: `packages/elements/dist/${input}` },
    // A bundle only registers its tags: the classes the define modules re-export (for their types) stay inside.
    preserveEntrySignatures: false,
    output: { dir: 'packages/elements/dist/cdn', format: 'es', sourcemap: true, entryFileNames: '[name].js' },
    plugins: [
      {
        name: 'vereinsraum-lazy-chunks',
        async resolveDynamicImport(specifier, importer) {
          if (typeof specifier !== 'string') return null;
          const resolved = await this.resolve(specifier, importer, { skipSelf: true });
          const file = resolved && lazyFiles.get(resolved.id);
          // Kept as written: the entries sit in dist/cdn, the chunks in dist/cdn/chunks.
          return file ? { id: `./chunks/${file}`, external: 'absolute' } : null;
        },
      },
      ...cdnPlugins(),
    ],
  };
}

/** The same entry as one file (`dist/cdn/single/NAME.js`), lazy parts inlined: for sites that want one file with one SRI hash. */
function cdnSingle({ name, input }) {
  return {
    input: `packages/elements/dist/${input}`,
    preserveEntrySignatures: false,
    output: { file: `packages/elements/dist/cdn/single/${name}.js`, format: 'es', sourcemap: true, inlineDynamicImports: true },
    plugins: cdnPlugins(),
  };
}

// In order: the protocol's types must exist before the packages that import it.
export default [
  library('protocol', ['index.ts']),
  library('server', ['index.ts', 'node.ts', 'cli.ts', 'adapters/express.ts']),
  library('sandbox', ['index.ts', 'cli.ts']),
  library('elements', ['index.ts', ...CDN_ENTRIES.map(({ input }) => input.replace(/\.js$/, '.ts'))]),
  ...LAZY_MODULES.map(cdnLazy),
  ...CDN_ENTRIES.map(cdnEntry),
  ...CDN_ENTRIES.filter(({ lazy }) => lazy).map(cdnSingle),
];
