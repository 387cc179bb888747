// Mutation testing (StrykerJS): `npm run mutate`. Not part of `npm test` or CI: a full run takes
// minutes. How to read the result, the latest scores and the equivalent mutants: docs/mutation.md.
/** @type {import('@stryker-mutator/api/core').PartialStrykerOptions} */
export default {
  mutate: [
    'domain/**/*.ts',
    'workflows/report-rules.ts',
    'workflows/report-timers.ts',
    'db/audit.ts',
    'db/audit-verify.ts',
    'db/web-sessions.ts',
    'web/access.ts',
    'web/sessions.ts',
  ],
  testRunner: 'jest',
  jest: { projectType: 'custom', configFile: 'jest.mutate.config.js', enableFindRelatedTests: true },
  // Each mutant runs only the tests that reached it.
  coverageAnalysis: 'perTest',
  // jest transforms TypeScript with @swc/jest, which does not type-check: no checker is needed.
  checkers: [],
  concurrency: 2,
  timeoutMS: 30000,
  reporters: ['html', 'json', 'clear-text', 'progress'],
  htmlReporter: { fileName: 'test-results/mutation/index.html' },
  jsonReporter: { fileName: 'test-results/mutation/mutation.json' },
  clearTextReporter: { allowColor: false, logTests: false, maxTestsToLog: 0 },
  thresholds: { high: 90, low: 80, break: null },
  // A rerun tests only the mutants whose code or tests changed since the last run here.
  incremental: true,
  incrementalFile: 'test-results/mutation/stryker-incremental.json',
  tempDirName: '.stryker-tmp',
  cleanTempDir: true,
  // Big directories the tests do not read (the bootstrap's tools are named by absolute path).
  ignorePatterns: ['/.tools/bin', '/.tools/temporal-test-server', '/test-results', '/data', '/bench/results', '/docs/screenshots'],
};
