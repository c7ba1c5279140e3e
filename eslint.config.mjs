import js from '@eslint/js';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  { ignores: ['node_modules/', 'data/', 'dist/', 'coverage/', 'test-artifacts/', 'adaptivecards/', 'adapters/playground/public/vendor/'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { require: 'readonly', module: 'writable', process: 'readonly', console: 'readonly', __dirname: 'readonly', Buffer: 'readonly', setTimeout: 'readonly', clearTimeout: 'readonly', setInterval: 'readonly', clearInterval: 'readonly', URL: 'readonly', fetch: 'readonly' } },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/no-require-imports': 'off',
    },
  },
  // The playground page runs in the browser; its modules are type-checked through JSDoc (adapters/playground/public/tsconfig.json).
  { files: ['adapters/playground/public/**/*.js'], languageOptions: { globals: { document: 'readonly', window: 'readonly', history: 'readonly', location: 'readonly', sessionStorage: 'readonly', localStorage: 'readonly', URLSearchParams: 'readonly', Intl: 'readonly', Element: 'readonly', HTMLElement: 'readonly', HTMLButtonElement: 'readonly', HTMLInputElement: 'readonly', HTMLFormElement: 'readonly', HTMLSelectElement: 'readonly', HTMLTimeElement: 'readonly', HTMLOListElement: 'readonly', KeyboardEvent: 'readonly', AdaptiveCards: 'readonly' } } },
);
