// The tests `npm run mutate` (StrykerJS, stryker.config.mjs) runs against each mutant: the fast ones
// that cover the mutated modules. The unit tests, and the database suites of the audit writer,
// `audit verify`, web sessions and access (a second or two each; no Temporal server, no Chromium).
// Not part of `npm test`, which runs every project in jest.config.js.

// On SQLite alone: the mutated code has no PostgreSQL-only path, and `npm test` runs both.
process.env.SHUZHI_TEST_DATABASES = 'sqlite';

const transform = { '^.+\\.ts$': ['@swc/jest', { jsc: { target: 'es2022', parser: { syntax: 'typescript' } } }] };

module.exports = {
  testEnvironment: 'node',
  transform,
  moduleFileExtensions: ['ts', 'js', 'json'],
  testMatch: [
    // domain/, workflows/report-rules.ts and workflows/report-timers.ts: pure, unit-tested.
    '<rootDir>/test/unit/*.test.ts',
    // db/audit.ts, db/audit-verify.ts, web/access.ts and web/sessions.ts: against scratch databases.
    '<rootDir>/test/integration/audit-log.test.ts',
    '<rootDir>/test/integration/audit-chain.test.ts',
    '<rootDir>/test/integration/audit-verify.test.ts',
    '<rootDir>/test/integration/web-sessions.test.ts',
    '<rootDir>/test/integration/web-access.test.ts',
  ],
  testPathIgnorePatterns: [
    '/node_modules/',
    // Minutes of dependency-cruiser and tsc, and none of it runs the mutated code.
    '<rootDir>/test/unit/architecture.test.ts',
    // Bundles the workflows with webpack; the timers' rules are unit-tested on their own.
    '<rootDir>/test/unit/workflow-bundle.test.ts',
    // Start processes (process trees, the CLI): seconds each time, and no mutant reaches a child process.
    '<rootDir>/test/unit/process-group.test.ts',
    '<rootDir>/test/unit/season-validate-cli.test.ts',
    '<rootDir>/test/unit/season-export-cli.test.ts',
  ],
  testTimeout: 120000,
};
