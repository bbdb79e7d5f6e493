import js from '@eslint/js'
import svelte from 'eslint-plugin-svelte'
import globals from 'globals'
import tseslint from 'typescript-eslint'

// Package names only: a relative path such as ../../electron/shared/ipc is not the electron package.
const NODE_AND_NATIVE = [
  { regex: '^node:', message: 'This code runs in the renderer too: no Node built-ins.' },
  { regex: '^electron(/|$)', message: 'This code must not import Electron.' },
  { regex: '^better-sqlite3$', message: 'Only electron/main talks to SQLite.' },
]

// The thin shell that may import Electron (the entry and main/shell/); everything else in main
// must run under plain Node. The folder rules between the other layers live in .dependency-cruiser.cjs.
const ELECTRON_SHELL_FILES = ['electron/main/index.ts', 'electron/main/shell/**/*.ts', 'electron/preload/index.ts']

export default tseslint.config(
  { ignores: ['out/**', 'dist/**', 'node_modules/**', '.native/**', 'test-results/**', 'playwright-report/**'] },
  js.configs.recommended,
  ...tseslint.configs.strict,
  ...svelte.configs['flat/recommended'],
  {
    languageOptions: { globals: { ...globals.node } },
    rules: {
      '@typescript-eslint/no-explicit-any': 'error',
      '@typescript-eslint/consistent-type-imports': ['error', { fixStyle: 'inline-type-imports' }],
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
    },
  },
  {
    files: ['**/*.svelte', '**/*.svelte.ts'],
    languageOptions: {
      globals: { ...globals.browser },
      parserOptions: { parser: tseslint.parser, extraFileExtensions: ['.svelte'] },
    },
  },
  {
    files: ['electron/shared/**/*.ts'],
    rules: { 'no-restricted-imports': ['error', { patterns: NODE_AND_NATIVE }] },
  },
  {
    files: ['renderer/**/*.ts', 'renderer/**/*.svelte'],
    languageOptions: { globals: { ...globals.browser } },
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            ...NODE_AND_NATIVE,
            {
              group: ['**/electron/main/**', '**/electron/preload/**', '**/electron/cli/**', '**/electron/web/**'],
              message: 'The renderer reaches the Node side only through window.api.',
            },
          ],
        },
      ],
    },
  },
  {
    files: [
      'electron/main/**/*.ts',
      'electron/cli/**/*.ts',
      'electron/web/**/*.ts',
      'test/**/*.ts',
      'bench/**/*.ts',
      'scripts/**/*.ts',
    ],
    ignores: ELECTRON_SHELL_FILES,
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: [
            {
              name: 'electron',
              message: 'Only the thin shell files import Electron; keep this file runnable under plain Node.',
            },
          ],
        },
      ],
    },
  },
  {
    files: ['electron/web/bridge-client.ts'],
    languageOptions: { globals: { ...globals.browser } },
  },
)
