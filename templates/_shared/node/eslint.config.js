// ESLint's configuration (npm run lint): its recommended rules, for modern
// JavaScript modules running on Node.js.
import js from '@eslint/js';
import { defineConfig, globalIgnores } from 'eslint/config';
import globals from 'globals';

export default defineConfig([
  globalIgnores(['data/', 'coverage/']),
  {
    files: ['**/*.js'],
    extends: [js.configs.recommended],
    languageOptions: {
      ecmaVersion: 'latest',
      sourceType: 'module',
      globals: globals.node,
    },
    linterOptions: { reportUnusedDisableDirectives: 'error' },
    rules: {
      // Unused variables and imports are mistakes; unused parameters are
      // not: a handler, a callback or a stub keeps the signature its caller
      // uses, whether or not it needs every argument yet.
      'no-unused-vars': ['error', { args: 'none' }],
    },
  },
  {
    // Code the browser runs, if the project has any, lives in src/web/.
    files: ['src/web/**/*.js'],
    languageOptions: { globals: globals.browser },
  },
]);
