// @ts-check
// ESLint for the whole repository (`npm run lint`, part of `npm test` and CI), after
// withastro/docs: ESLint's and typescript-eslint's recommended rules, eslint-plugin-astro's for
// .astro files. Formatting is Prettier's job, not the linter's.
import eslint from '@eslint/js';
import { defineConfig } from 'eslint/config';
import eslintPluginAstro from 'eslint-plugin-astro';
import globals from 'globals';
import tseslint from 'typescript-eslint';

export default defineConfig(
  {
    // Built and installed files, and inputs whose exact bytes the tests assert.
    ignores: ['dist/', 'node_modules/', '.astro/', 'test-results/', 'coverage/', 'tests/fixtures/'],
  },

  eslint.configs.recommended,
  tseslint.configs.recommended,
  eslintPluginAstro.configs.recommended,

  {
    languageOptions: { globals: globals.node },
    rules: {
      // A name starting with `_` is a parameter a signature needs and the body does not use.
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', destructuredArrayIgnorePattern: '^_', varsIgnorePattern: '^_' },
      ],
    },
  },

  // The code that runs in the reader's browser: the modules of src/client/ and public/theme.js,
  // a classic script loaded before the page paints.
  {
    files: ['src/client/**'],
    languageOptions: { globals: globals.browser },
  },
  {
    files: ['public/**/*.js'],
    languageOptions: { globals: globals.browser, sourceType: 'script' },
  },
);
