// Lint enforces the architecture, not memory: workflows (and the domain/ code they share) stay
// deterministic and free of I/O, and no promise is left floating anywhere.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';

const nodeBuiltins = [
  'assert',
  'buffer',
  'child_process',
  'cluster',
  'crypto',
  'dgram',
  'dns',
  'events',
  'fs',
  'fs/promises',
  'http',
  'http2',
  'https',
  'net',
  'os',
  'path',
  'perf_hooks',
  'process',
  'readline',
  'stream',
  'timers',
  'tls',
  'url',
  'util',
  'v8',
  'vm',
  'worker_threads',
  'zlib',
];

// The worker loads these modules once for every workflow it runs (worker/workflow-bundle.ts), so
// state at module level would leak from one workflow into the next: refuse its usual forms.
const MODULE_STATE =
  'Workflow modules are shared by every workflow the worker runs (worker/workflow-bundle.ts): keep state in the workflow, not at module level.';
const moduleStateSelectors = ['Program', 'Program > ExportNamedDeclaration'].flatMap((scope) => [
  `${scope} > VariableDeclaration[kind!='const']`,
  `${scope} > VariableDeclaration > VariableDeclarator > NewExpression[callee.name=/^(Map|Set|WeakMap|WeakSet|Array)$/]`,
]);

// What workflow code (and the domain code it shares) may not import: it must stay deterministic.
const WORKFLOW_SAFE_PATHS = [
  ...nodeBuiltins.flatMap((name) => [
    { name, message: 'Workflows are deterministic: no Node built-ins (do I/O in activities).' },
    { name: `node:${name}`, message: 'Workflows are deterministic: no Node built-ins (do I/O in activities).' },
  ]),
  { name: 'nodemailer', message: 'Mail is sent by activities, never by workflows.' },
  { name: 'zod', message: 'Validate at the edges (client, activities), not in workflows.' },
];
const WORKFLOW_SAFE_PATTERNS = [
  { group: ['@prisma/*', '**/generated/**', '**/db/**', '**/mail/**', '**/config/**'], message: 'Workflows do no I/O: use an activity.' },
];

// The folders' layers, lowest first: a folder may import only from folders below it (and itself).
// Workflows see the domain alone; activities reach workflows only for the workflow function's type
// (to start a child by name). docs/architecture.md draws the graph these rules keep.
const FOLDERS = [
  'domain',
  'config',
  'temporal',
  'db',
  'mail',
  'exports',
  'workflows',
  'activities',
  'app',
  'client',
  'web',
  'worker',
  'stack',
  'scripts',
  'bench',
];
const MAY_IMPORT = {
  domain: [],
  config: ['domain'],
  temporal: ['domain', 'config'],
  db: ['domain', 'config'],
  mail: ['domain', 'config'],
  exports: ['domain', 'config', 'db'],
  workflows: ['domain'],
  activities: ['domain', 'config', 'db', 'mail'],
  app: ['domain', 'config', 'temporal', 'db', 'mail', 'exports', 'workflows'],
  client: ['domain', 'config', 'temporal', 'db', 'mail', 'exports', 'app'],
  web: ['domain', 'config', 'temporal', 'db', 'mail', 'exports', 'app'],
  worker: ['domain', 'config', 'temporal', 'db', 'mail', 'workflows', 'activities', 'stack', 'app'],
  stack: ['domain', 'config', 'db'],
};
const LAYER = 'Folders import only downward (eslint.config.mjs MAY_IMPORT; docs/architecture.md).';
const folderPattern = (folder) => ({ regex: `^(\\.\\./)+${folder}(/|$)`, message: LAYER });
const layerRule = (folder, extra = { paths: [], patterns: [] }) => [
  'error',
  {
    paths: extra.paths,
    patterns: [
      ...FOLDERS.filter((other) => other !== folder && !MAY_IMPORT[folder].includes(other)).map((other) =>
        folder === 'activities' && other === 'workflows' ? { ...folderPattern(other), allowTypeImports: true } : folderPattern(other),
      ),
      ...extra.patterns,
    ],
  },
];

// Raw SQL lives in db/ alone: everywhere else goes through Prisma's API or a db/ function.
const RAW_SQL = {
  selector: 'MemberExpression[property.name=/^\\$(queryRaw|executeRaw|queryRawUnsafe|executeRawUnsafe)$/]',
  message: 'Raw SQL belongs in db/: add a function there.',
};

export default tseslint.config(
  { ignores: ['node_modules/', 'generated/', '.tools/', 'data/', 'test-results/', 'bench/results/', '.stryker-tmp/'] },
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
    files: ['**/*.ts'],
    ignores: ['db/**', 'test/**'],
    rules: { 'no-restricted-syntax': ['error', RAW_SQL] },
  },
  ...Object.keys(MAY_IMPORT)
    .filter((folder) => folder !== 'workflows' && folder !== 'domain')
    .map((folder) => ({ files: [`${folder}/**/*.ts`], rules: { '@typescript-eslint/no-restricted-imports': layerRule(folder) } })),
  {
    // Workflow code and the domain code it shares: deterministic, no I/O, no state at module level.
    files: ['workflows/**/*.ts', 'domain/**/*.ts'],
    ignores: ['domain/season-file.ts'],
    rules: {
      'no-restricted-globals': ['error', { name: 'process', message: 'Workflows must not read the environment.' }],
      'no-restricted-syntax': ['error', RAW_SQL, ...moduleStateSelectors.map((selector) => ({ selector, message: MODULE_STATE }))],
    },
  },
  {
    files: ['workflows/**/*.ts'],
    rules: { '@typescript-eslint/no-restricted-imports': layerRule('workflows', { paths: WORKFLOW_SAFE_PATHS, patterns: WORKFLOW_SAFE_PATTERNS }) },
  },
  {
    files: ['domain/**/*.ts'],
    ignores: ['domain/season-file.ts'],
    rules: { '@typescript-eslint/no-restricted-imports': layerRule('domain', { paths: WORKFLOW_SAFE_PATHS, patterns: WORKFLOW_SAFE_PATTERNS }) },
  },
  {
    // Season files are read and validated with zod at the edges, never in a workflow.
    files: ['domain/season-file.ts'],
    rules: { '@typescript-eslint/no-restricted-imports': layerRule('domain') },
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
      globals: { document: 'readonly', window: 'readonly', fetch: 'readonly', URLSearchParams: 'readonly', setInterval: 'readonly', setTimeout: 'readonly' },
    },
  },
);
