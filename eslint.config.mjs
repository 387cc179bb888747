// Lint enforces the architecture, not memory: workflows (and the domain/ code they share) stay
// deterministic and free of I/O, and no promise is left floating anywhere.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';

const nodeBuiltins = [
  'assert', 'buffer', 'child_process', 'cluster', 'crypto', 'dgram', 'dns', 'events', 'fs', 'fs/promises',
  'http', 'http2', 'https', 'net', 'os', 'path', 'perf_hooks', 'process', 'readline', 'stream', 'timers',
  'tls', 'url', 'util', 'v8', 'vm', 'worker_threads', 'zlib',
];

// The worker loads these modules once for every workflow it runs (worker/workflow-bundle.ts), so
// state at module level would leak from one workflow into the next: refuse its usual forms.
const MODULE_STATE =
  'Workflow modules are shared by every workflow the worker runs (worker/workflow-bundle.ts): keep state in the workflow, not at module level.';
const moduleStateSelectors = ['Program', 'Program > ExportNamedDeclaration'].flatMap((scope) => [
  `${scope} > VariableDeclaration[kind!='const']`,
  `${scope} > VariableDeclaration > VariableDeclarator > NewExpression[callee.name=/^(Map|Set|WeakMap|WeakSet|Array)$/]`,
]);

export default tseslint.config(
  { ignores: ['node_modules/', 'generated/', '.tools/', 'data/', 'test-results/', 'bench/results/'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    files: ['**/*.ts'],
    languageOptions: { parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname } },
    rules: {
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/no-misused-promises': ['error', { checksVoidReturn: false }],
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_' }],
    },
  },
  {
    files: ['workflows/**/*.ts', 'domain/**/*.ts'],
    ignores: ['domain/season-file.ts'],
    rules: {
      '@typescript-eslint/no-restricted-imports': [
        'error',
        {
          paths: [
            ...nodeBuiltins.flatMap((name) => [
              { name, message: 'Workflows are deterministic: no Node built-ins (do I/O in activities).' },
              { name: `node:${name}`, message: 'Workflows are deterministic: no Node built-ins (do I/O in activities).' },
            ]),
            { name: 'nodemailer', message: 'Mail is sent by activities, never by workflows.' },
            { name: 'zod', message: 'Validate at the edges (client, activities), not in workflows.' },
          ],
          patterns: [
            { group: ['@prisma/*', '**/generated/**', '**/db/**', '**/mail/**', '**/config/**'], message: 'Workflows do no I/O: use an activity.' },
            { group: ['../activities', '../activities/*'], allowTypeImports: true, message: 'Activities enter workflows as types only (import type), through proxyActivities.' },
          ],
        },
      ],
      'no-restricted-globals': ['error', { name: 'process', message: 'Workflows must not read the environment.' }],
      'no-restricted-syntax': ['error', ...moduleStateSelectors.map((selector) => ({ selector, message: MODULE_STATE }))],
    },
  },
  {
    files: ['**/*.js', '**/*.cjs', '**/*.mjs'],
    languageOptions: { globals: { require: 'readonly', module: 'writable', process: 'readonly', console: 'readonly', __dirname: 'readonly' } },
    rules: { '@typescript-eslint/no-require-imports': 'off' },
  },
  {
    // The web app's one page script runs in the browser.
    files: ['web/public/**/*.js'],
    languageOptions: {
      sourceType: 'script',
      globals: { document: 'readonly', window: 'readonly', fetch: 'readonly', URLSearchParams: 'readonly', setInterval: 'readonly' },
    },
  },
);
