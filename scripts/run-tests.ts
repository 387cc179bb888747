// `npm test` after the bootstrap: type check, lint, then every jest project, and one closing
// line that says how many tests ran, passed, failed and were skipped (and why PostgreSQL was
// skipped, if it was).
import { spawnSync } from 'node:child_process';
import { mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { PROJECT_ROOT } from '../config/env';
import { readToolPaths } from '../stack/tool-paths';

function run(label: string, args: string[]): number {
  console.log(`\n[test] ${label}`);
  const result = spawnSync(process.execPath, args, { cwd: PROJECT_ROOT, stdio: 'inherit' });
  return result.status ?? 1;
}

interface JestSummary {
  numTotalTests: number;
  numPassedTests: number;
  numFailedTests: number;
  numPendingTests: number;
  success: boolean;
}

function main() {
  const failures: string[] = [];
  if (run('type check (tsc --noEmit)', ['node_modules/typescript/bin/tsc', '--noEmit', '-p', '.']) !== 0) failures.push('tsc');
  if (run('lint (eslint)', ['node_modules/eslint/bin/eslint.js', '.']) !== 0) failures.push('eslint');

  mkdirSync(join(PROJECT_ROOT, 'test-results'), { recursive: true });
  const resultFile = join(PROJECT_ROOT, 'test-results', 'jest.json');
  const extraArgs = process.argv.slice(2);
  const jestCode = run('jest', [
    'node_modules/jest/bin/jest.js',
    '--ci',
    '--runInBand',
    '--json',
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
    console.log(`[test] FAILED: ${failures.join(', ')}`);
    process.exit(1);
  }
}

main();
