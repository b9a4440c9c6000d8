import js from '@eslint/js';
import reactHooks from 'eslint-plugin-react-hooks';
import globals from 'globals';
import tseslint from 'typescript-eslint';
import { intakePlugin } from './eslint/layering-rule.js';

// Layering (DESIGN.md §6, STYLE.md 2–3) is enforced here, not hoped for:
// src-shared imports nothing of Node, DOM, Electron or React; the renderer imports src-shared only;
// services never import electron; only the Electron shell files and the preload touch electron.

const NODE_BUILTINS = [
  'node:*',
  'fs',
  'path',
  'os',
  'child_process',
  'worker_threads',
  'crypto',
  'http',
  'net',
  'url',
];

const restrict = (patterns, message) => ({
  'no-restricted-imports': ['error', { patterns: [{ group: patterns, message }] }],
});

export default tseslint.config(
  {
    ignores: [
      'out/',
      'dist/',
      'native/',
      'node_modules/',
      'test-results/',
      'playwright-report/',
      'test/output/',
      'bench-data/',
      // Scratch copies of builds and experiments (gitignored, never committed).
      '.scratch*/',
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.node } },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/consistent-type-imports': 'error',
    },
  },
  {
    files: ['src-shared/**/*.ts'],
    rules: restrict(
      [...NODE_BUILTINS, 'electron', 'react', 'react-dom', '**/src-main/**', '**/src-renderer/**'],
      'src-shared is pure TypeScript: no Node, Electron, React, main or renderer imports.',
    ),
  },
  {
    files: ['src-renderer/**/*.{ts,tsx}'],
    languageOptions: { globals: { ...globals.browser } },
    plugins: { 'react-hooks': reactHooks },
    rules: {
      ...reactHooks.configs.recommended.rules,
      ...restrict(
        [...NODE_BUILTINS, 'electron', '**/src-main/**'],
        'The renderer talks to a shell only through src-renderer/api and imports src-shared only.',
      ),
    },
  },
  {
    // Dates and numbers are shown in the user's locale (AppInfo.locales; in Electron, Intl's default
    // is the UI language instead), so the renderer formats them in one module only.
    files: ['src-renderer/**/*.{ts,tsx}'],
    ignores: ['src-renderer/components/format.ts'],
    rules: {
      'no-restricted-syntax': [
        'error',
        ...[
          'CallExpression[callee.property.name=/^toLocale(String|DateString|TimeString)$/]',
          'CallExpression[callee.property.name="toFixed"]',
          'NewExpression[callee.object.name="Intl"][callee.property.name=/^(DateTimeFormat|NumberFormat)$/]',
        ].map((selector) => ({
          selector,
          message: "Format dates and numbers with src-renderer/components/format.ts (the user's locale).",
        })),
      ],
    },
  },
  {
    // Services depend downward only, in DESIGN.md §6's order; migrations import nothing live.
    files: ['src-main/services/**/*.ts'],
    plugins: { intake: intakePlugin },
    rules: { 'intake/layering': 'error' },
  },
  {
    files: ['src-main/**/*.ts'],
    ignores: [
      'src-main/index.ts',
      'src-main/menu.ts',
      'src-main/automation-notices.ts',
      'src-main/trusted-sender.ts',
      'src-main/host/ipc.ts',
      'src-main/preload/**',
    ],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: [
            {
              name: 'electron',
              allowTypeImports: true,
              message:
                'Only the Electron shell (src-main/index.ts and its modules, host/ipc.ts, preload) imports electron.',
            },
          ],
          patterns: [
            {
              group: ['react', 'react-dom', '**/src-renderer/**'],
              message: 'Main never imports the renderer.',
            },
          ],
        },
      ],
    },
  },
);
