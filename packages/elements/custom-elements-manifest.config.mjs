// Custom Elements Manifest from the elements' JSDoc (@slot, @csspart, @cssprop, @fires).
export default {
  globs: ['src/components/**/*.ts'],
  exclude: ['src/**/*.test.ts', 'src/**/*.stories.ts', 'src/**/*.styles.ts', 'src/**/define.ts'],
  outdir: '.',
  litelement: true,
  plugins: [
    {
      // Events are documented with @fires; the analyzer also lists each
      // dispatchEvent(new X()) call without a name. Keep the documented ones.
      name: 'vereinsraum-named-events-only',
      packageLinkPhase({ customElementsManifest }) {
        for (const module of customElementsManifest.modules) {
          for (const declaration of module.declarations ?? []) {
            if (declaration.events) declaration.events = declaration.events.filter((event) => event.name);
          }
        }
      },
    },
  ],
};
