// Lint for the whole repository: TypeScript's recommended rules everywhere, Lit's and the web
// components' rules for the elements. Formatting is prettier's job (`.prettierrc.json`).
import js from '@eslint/js';
import lit from 'eslint-plugin-lit';
import wc from 'eslint-plugin-wc';
import globals from 'globals';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  {
    ignores: ['**/dist/**', 'demo/build/**', 'storybook-static/**', 'coverage/**', '.test-results/**', 'data/**', 'node_modules/**'],
  },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { ecmaVersion: 2023, sourceType: 'module', globals: { ...globals.node } },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_', caughtErrors: 'none' }],
      '@typescript-eslint/consistent-type-imports': ['error', { fixStyle: 'inline-type-imports' }],
      // Global declarations (JSX's IntrinsicElements, say) are namespaces by necessity.
      '@typescript-eslint/no-namespace': ['error', { allowDeclarations: true }],
      // Stripping or refusing control characters is what several of our patterns are for.
      'no-control-regex': 'off',
    },
  },
  {
    // Tests reach into untyped replies and use chai's property assertions (`expect(x).to.be.true`).
    files: ['test/**/*.ts', 'bench/**/*.ts'],
    rules: { '@typescript-eslint/no-explicit-any': 'off', '@typescript-eslint/no-unused-expressions': 'off' },
  },
  {
    files: ['components/**/*.ts', 'stories/**/*.ts', 'test/components/**/*.ts', 'demo/public/**/*.{js,mjs}', 'demo/examples/**/*.{ts,tsx}'],
    languageOptions: { globals: { ...globals.browser } },
  },
  {
    files: ['components/**/*.ts', 'stories/**/*.ts', 'test/components/**/*.ts'],
    ...lit.configs['flat/recommended'],
  },
  {
    files: ['components/**/*.ts'],
    ...wc.configs['flat/best-practice'],
  },
);
