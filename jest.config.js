// Four kinds of tests, one runner: unit (no servers), workflow (time-skipping test server),
// integration (dev server, SMTP capture server and databases started by the suite itself) and e2e
// (the web app in headless Chromium on that same real stack).
const transform = { '^.+\\.ts$': ['@swc/jest', { jsc: { target: 'es2022', parser: { syntax: 'typescript' } } }] };
// .stryker-tmp/ holds the sandbox copies of `npm run mutate` while it runs.
const common = { testEnvironment: 'node', transform, moduleFileExtensions: ['ts', 'js', 'json'], modulePathIgnorePatterns: ['<rootDir>/.stryker-tmp/'] };

module.exports = {
  projects: [
    { ...common, displayName: 'unit', testMatch: ['<rootDir>/test/unit/**/*.test.ts'] },
    { ...common, displayName: 'workflow', testMatch: ['<rootDir>/test/workflow/**/*.test.ts'] },
    { ...common, displayName: 'integration', testMatch: ['<rootDir>/test/integration/**/*.test.ts'] },
    // The web app in real headless Chromium against the real stack.
    { ...common, displayName: 'e2e', testMatch: ['<rootDir>/test/e2e/**/*.test.ts'] },
  ],
  testTimeout: 120000,
};
