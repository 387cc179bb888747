// `npm test` after the bootstrap: type check, lint, then every jest project, and one closing
// line that says how many tests ran, passed, failed and were skipped (and why PostgreSQL was
// skipped, if it was).
import { spawnSync } from 'node:child_process';
import { mkdirSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { PROJECT_ROOT } from '../config/env';
import { runInOwnProcessGroup } from '../stack/process-group';
import { readToolPaths } from '../stack/tool-paths';

/**
 * Far longer than a whole jest run takes, even on a machine busy with other work (a run there came
 * within a minute of the 30 once used). Past this limit something hangs (a test's timeout stops
 * the test, not a server or CLI it started), and the run ends with what it has instead of holding
 * CI to its own limit: with the bootstrap, well inside CI's 90 minutes.
 */
const JEST_TIME_LIMIT_MIN = 50;

function run(label: string, args: string[]): number {
  console.log(`\n[test] ${label}`);
  const result = spawnSync(process.execPath, args, { cwd: PROJECT_ROOT, stdio: 'inherit' });
  const status = result.status ?? 1;
  // Said now as well as at the end: a check that fails before half an hour of jest is easy to
  // miss under a green test count.
  if (status !== 0) console.log(`[test] ${label} FAILED: the run goes on, and npm test will exit 1`);
  return status;
}

interface JestSummary {
  numTotalTests: number;
  numPassedTests: number;
  numFailedTests: number;
  numPendingTests: number;
  success: boolean;
}

/** Jest, with everything it started stopped when it ends or runs out of time. */
async function runJest(args: string[]): Promise<number> {
  console.log('\n[test] jest');
  const run = await runInOwnProcessGroup(process.execPath, args, {
    cwd: PROJECT_ROOT,
    timeLimitMs: JEST_TIME_LIMIT_MIN * 60_000,
    onTimeLimit: () => console.log(`\n[test] jest did not finish within ${JEST_TIME_LIMIT_MIN} minutes: stopping it and every process it started`),
  });
  if (run.leftBehind.length) {
    console.log(`\n[test] stopped ${run.leftBehind.length} process(es) that jest's tests left running:`);
    for (const line of run.leftBehind) console.log(`  ${line.slice(0, 200)}`);
  }
  return run.timedOut ? 1 : (run.code ?? 1);
}

async function main() {
  const failures: string[] = [];
  if (run('type check (tsc --noEmit)', ['node_modules/typescript/bin/tsc', '--noEmit', '-p', '.']) !== 0) failures.push('tsc');
  if (run('lint (eslint)', ['node_modules/eslint/bin/eslint.js', '--max-warnings=0', '.']) !== 0) failures.push('eslint');
  if (run('format (prettier --check)', ['node_modules/prettier/bin/prettier.cjs', '--check', '--log-level', 'warn', '.']) !== 0) failures.push('prettier');
  if (run('architecture (dependency-cruiser, docs/architecture.md)', ['bin/run-ts.js', 'scripts/architecture-graph.ts', '--check']) !== 0)
    failures.push('architecture');

  mkdirSync(join(PROJECT_ROOT, 'test-results'), { recursive: true });
  const resultFile = join(PROJECT_ROOT, 'test-results', 'jest.json');
  rmSync(resultFile, { force: true }); // a run that was stopped must not report the last one's results
  // --cluster: the integration and e2e projects on Temporal's own server on PostgreSQL, its
  // services as processes (test/helpers/temporal.ts startClusterServer), instead of the dev server.
  const cluster = process.argv.includes('--cluster');
  if (cluster) process.env.SHUZHI_TEST_TEMPORAL = 'cluster';
  const extraArgs = [...process.argv.slice(2).filter((arg) => arg !== '--cluster'), ...(cluster ? ['--selectProjects', 'integration', 'e2e'] : [])];
  const jestCode = await runJest([
    'node_modules/jest/bin/jest.js',
    '--ci',
    '--runInBand',
    '--json',
    // Once the tests are done, jest exits even if a test left a handle open (it then prints its
    // "Force exiting Jest" hint, whether or not one was); runJest lists and stops any process left.
    '--forceExit',
    `--outputFile=${resultFile}`,
    ...extraArgs,
  ]);
  let summary: JestSummary | undefined;
  try {
    summary = JSON.parse(readFileSync(resultFile, 'utf8')) as JestSummary;
  } catch {
    failures.push('jest (no results)');
  }
  if (jestCode !== 0) failures.push('jest');

  const postgres = readToolPaths('test').postgres;
  if (postgres && !postgres.available) console.log(`\n[test] PostgreSQL tests were NOT run: ${postgres.reason}`);
  if (summary) {
    console.log(`\n[test] ${summary.numTotalTests} tests ran.`);
    console.log(`tests: ${summary.numPassedTests} passed, ${summary.numFailedTests} failed, ${summary.numPendingTests} skipped`);
  }
  if (failures.length) {
    console.log(`[test] FAILED: ${failures.join(', ')} (npm test exits 1)`);
    process.exit(1);
  }
}

void main();
