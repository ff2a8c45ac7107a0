// ESLint: the recommended rules for JavaScript and TypeScript everywhere, and
// for the elements the rules of lit (template bindings, reactive properties)
// and of web components (custom element names, lifecycle calls).
import js from '@eslint/js';
import lit from 'eslint-plugin-lit';
import wc from 'eslint-plugin-wc';
import globals from 'globals';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  { ignores: ['**/dist/', '**/node_modules/', 'storybook-static/', 'docs/api/', 'packages/wordpress/'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  { languageOptions: { globals: { ...globals.node, ...globals.browser } } },
  {
    files: ['packages/elements/src/**/*.ts'],
    ...wc.configs['flat/recommended'],
  },
  {
    files: ['packages/elements/src/**/*.ts'],
    ...lit.configs['flat/recommended'],
  },
  {
    rules: {
      // `_` marks a parameter that a signature needs and the body does not;
      // `{ about, ...rest }` takes a key out of an object.
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_', caughtErrors: 'none', ignoreRestSiblings: true },
      ],
      // A timer declared before the closure that clears it, set after.
      'prefer-const': ['error', { ignoreReadBeforeAssign: true }],
    },
  },
  {
    // Tests walk parsed JSON and the schema freely, and chai asserts with
    // property reads (`expect(x).to.exist`).
    files: ['**/*.test.ts', '**/*.test.mjs', '**/test/**'],
    rules: {
      '@typescript-eslint/no-explicit-any': 'off',
      '@typescript-eslint/no-unused-expressions': 'off',
    },
  },
);
