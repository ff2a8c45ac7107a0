// Custom Elements Manifest from the elements' JSDoc (@slot, @csspart, @cssprop, @fires),
// and VS Code's HTML custom data made from it.
import { writeFileSync } from 'node:fs';

/** `src/components/x/x.ts` → `dist/components/x/x.js`: the manifest describes the published modules. */
const published = (path) => path.replace(/^src\//, 'dist/').replace(/\.ts$/, '.js');

/** VS Code's HTML custom data (version 1.1): tag and attribute descriptions, and the values of literal-union attributes. */
function vscodeData(manifest) {
  const tags = [];
  for (const module of manifest.modules) {
    for (const element of module.declarations ?? []) {
      if (!element.customElement || !element.tagName) continue;
      tags.push({
        name: element.tagName,
        description: [element.summary, element.description].filter(Boolean).join('\n\n'),
        attributes: (element.attributes ?? [])
          .filter((attribute) => attribute.name !== 'state')
          .map((attribute) => {
            const values = [...(attribute.type?.text ?? '').matchAll(/'([^']*)'/g)].map(([, name]) => ({ name }));
            return { name: attribute.name, description: attribute.description ?? '', ...(values.length > 1 ? { values } : {}) };
          }),
      });
    }
  }
  return { version: 1.1, tags };
}

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
    {
      // Lit's internal reactive state (`state: true` in `static properties`, a
      // private field) is never an attribute; the analyzer lists it as one
      // unless `attribute: false` is spelled out, which the bundles need not carry.
      name: 'vereinsraum-state-is-no-attribute',
      packageLinkPhase({ customElementsManifest }) {
        for (const module of customElementsManifest.modules) {
          for (const declaration of module.declarations ?? []) {
            const internal = new Set(
              (declaration.members ?? []).filter((member) => member.privacy === 'private').map((member) => member.name),
            );
            if (declaration.attributes)
              declaration.attributes = declaration.attributes.filter((attribute) => !internal.has(attribute.fieldName));
            for (const member of declaration.members ?? []) if (internal.has(member.name)) delete member.attribute;
          }
        }
      },
    },
    {
      name: 'vereinsraum-published-paths',
      packageLinkPhase({ customElementsManifest }) {
        const rewrite = (node) => {
          if (Array.isArray(node)) node.forEach(rewrite);
          else if (node && typeof node === 'object') {
            for (const [key, value] of Object.entries(node)) {
              if ((key === 'path' || key === 'module') && typeof value === 'string') node[key] = published(value);
              else rewrite(value);
            }
          }
        };
        rewrite(customElementsManifest.modules);
        writeFileSync('vscode.html-custom-data.json', `${JSON.stringify(vscodeData(customElementsManifest), null, 2)}\n`);
      },
    },
  ],
};
