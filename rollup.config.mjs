// Builds every package: ESM + .d.ts for npm (dependencies stay external), and
// for the elements also self-contained, minified CDN bundles with lit inside.
import { rmSync } from 'node:fs';
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

/** What both kinds of CDN build share: lit inside, compact styles, minified. */
const cdnPlugins = () => [
  nodeResolve({ browser: true }),
  compactStyles(),
  terser({ module: true, compress: { passes: 2 }, format: { comments: false } }),
];

/**
 * The CDN entries: the file a page loads (`dist/cdn/NAME.js`), the define
 * module it registers, and whether it has lazy parts (a dynamic `import()` in
 * its sources: then also a single-file build). A new element adds its line.
 */
const CDN_ENTRIES = [
  { name: 'vereinsraum', input: 'define.js', lazy: true },
  { name: 'config', input: 'components/config/define.js' },
  { name: 'join-room', input: 'components/join-room/define.js', lazy: true },
  { name: 'room-status', input: 'components/room-status/define.js', lazy: true },
  { name: 'room-booking', input: 'components/room-booking/define.js' },
  { name: 'booking-admin', input: 'components/booking-admin/define.js' },
];

/**
 * A CDN bundle (`dist/cdn/NAME.js`); with lazy parts, in chunks: what a page
 * needs before the first click is one chunk (`chunks/NAME-base-HASH.js`, lit inside; the entry
 * file only imports it), what comes later (the join flow, each language's
 * texts) chunks loaded by dynamic imports, which import the base chunk. Chunk
 * names carry a hash of their content, so they may be cached for good.
 */
function cdnChunked({ name, input, lazy }) {
  return {
    input: { [name]: `packages/elements/dist/${input}` },
    // A bundle only registers its tags: the classes the define modules re-export (for their types) stay inside.
    preserveEntrySignatures: false,
    output: {
      dir: 'packages/elements/dist/cdn',
      format: 'es',
      sourcemap: true,
      entryFileNames: '[name].js',
      chunkFileNames: 'chunks/[name]-[hash].js',
      // Everything the entry imports statically in one chunk: one file (one gzip stream) before the first click.
      manualChunks(id, { getModuleInfo }) {
        // Without lazy parts the entry is that one file already.
        if (!lazy) return undefined;
        const entry = getModuleInfo(`${process.cwd()}/packages/elements/dist/${input}`);
        const seen = new Set();
        const visit = (moduleId) => {
          if (seen.has(moduleId)) return;
          seen.add(moduleId);
          for (const imported of getModuleInfo(moduleId)?.importedIds ?? []) visit(imported);
        };
        if (entry) visit(entry.id);
        // The entry module stays in the entry file (it registers the tags); the rest of the first load is the base chunk.
        return seen.has(id) && id !== entry?.id ? `${name}-base` : undefined;
      },
    },
    plugins: cdnPlugins(),
  };
}

/** Empties `dist/cdn` before the first CDN build: the chunks' names change with their content, and no chunk of an earlier build may stay. */
const cleanCdn = () => ({
  name: 'vereinsraum-clean-cdn',
  buildStart() {
    rmSync('packages/elements/dist/cdn', { recursive: true, force: true });
  },
});

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
  ...CDN_ENTRIES.map(cdnChunked).map((config, index) => (index === 0 ? { ...config, plugins: [cleanCdn(), ...config.plugins] } : config)),
  ...CDN_ENTRIES.filter(({ lazy }) => lazy).map(cdnSingle),
];
