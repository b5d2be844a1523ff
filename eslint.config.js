// ESLint: typescript-eslint's type-aware recommended rules over the app, engine, workers, CLI, scripts and tests.
// `npm run lint` runs this, then knip (unused files, dependencies, exports, types; knip.json) and `prettier --check`
// (formatting is Prettier's job, not ESLint's). Types come from the TypeScript 5.9 JS API (package
// "typescript"); the project's own typecheck runs the native compiler (package "typescript-native").
import js from '@eslint/js';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  { ignores: ['dist/', 'node_modules/', 'test-results/', 'playwright-report/', 'bench-results/', 'public/'] },
  js.configs.recommended,
  ...tseslint.configs.recommendedTypeChecked,
  {
    languageOptions: {
      parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname },
    },
    linterOptions: { reportUnusedDisableDirectives: 'error' },
    rules: {
      // Unused names are an error except the deliberate `_`-prefixed ones (destructuring to drop a key).
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      // Promises started on purpose without awaiting (fire-and-forget UI effects) are marked with `void`.
      '@typescript-eslint/no-floating-promises': 'error',
      // Event handlers in React props may be async.
      '@typescript-eslint/no-misused-promises': ['error', { checksVoidReturn: { attributes: false } }],
      // Off: `async` without `await` is how this code implements Promise-returning interfaces (the comlink
      // worker APIs and their fakes in tests); removing it would change what they return (a value instead of
      // a promise) for no gain. The bug class that matters, a promise nobody awaits, is no-floating-promises'.
      '@typescript-eslint/require-await': 'off',
    },
  },
  { files: ['**/*.js', '**/*.mjs', '**/*.cjs'], ...tseslint.configs.disableTypeChecked },
  {
    // Prettier formats code at 120 columns but leaves strings and comments alone: this holds them to it too
    // (scripts/wrap-long-lines.ts cuts long ones without changing their values). URLs and regexps may run on.
    files: ['src/**', 'scripts/**', 'test/**', 'e2e/**', '*.ts'],
    rules: { 'max-len': ['error', { code: 120, ignoreUrls: true, ignoreRegExpLiterals: true }] },
  },
);
