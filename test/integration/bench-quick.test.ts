// Benchmarks are not tests, but their code must not rot: the quick bench's code path, at a tiny N,
// on the real embedded stack (dev server, SMTP capture server, SQLite).
import { mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { formatTable, runBench, type BenchReport } from '../../bench/run';

/** The bench stacks' scratch folders (a Temporal database and a mailbox each) in the temp folder. */
const benchStackFolders = () => readdirSync(tmpdir()).filter((name) => /^shuzhi-bench-(?!test-)/.test(name));

describe('the benchmark harness at N=3', () => {
  let report: BenchReport;
  let foldersBefore: string[];
  beforeAll(async () => {
    foldersBefore = benchStackFolders();
    report = await runBench({ sizes: [3], runs: 1, databases: ['sqlite'], outDir: mkdtempSync(join(tmpdir(), 'shuzhi-bench-test-')), log: () => undefined });
  }, 600_000);

  test('every scenario ran and has a numeric ratio against its baseline', () => {
    expect(report.results.map((r) => [r.database, r.scenario, r.n])).toEqual([
      ['sqlite', 'season fan-out', 3],
      ['sqlite', 'worker memory', 3],
      ['sqlite', 'season status --json', 3],
      ['sqlite', 'dashboard page', 3],
      ['sqlite', 'reminder wave', 3],
      ['sqlite', 'bulk approval', 3],
    ]);
    for (const r of report.results) {
      expect({ scenario: r.scenario, positive: r.timeMs > 0 && r.baselineMs > 0 && r.ratio > 0 }).toEqual({ scenario: r.scenario, positive: true });
    }
  });

  test('the JSON file has every figure, the machine and the versions', () => {
    const written = JSON.parse(readFileSync(report.file, 'utf8')) as BenchReport;
    expect(written.results.every((r) => typeof r.ratio === 'number')).toBe(true);
    expect(written.machine.cores).toBeGreaterThan(0);
    expect(Object.keys(written.versions)).toEqual(expect.arrayContaining(['node', '@temporalio/worker', 'prisma', 'temporalCli']));
  });

  test('the table explains its columns', () => {
    const table = formatTable(report);
    expect(table).toContain('| database | scenario | N | time | baseline | ratio |');
    expect(table).toContain('ratio = baseline ÷ scenario');
    expect(table).toMatch(/\| sqlite \| worker memory \| 3 \| \d+\.\d MiB \| \d+\.\d MiB \|/);
  });

  test('leaves no scratch folder behind (each holds a Temporal database and every mail)', () => {
    expect(benchStackFolders()).toEqual(foldersBefore);
  });
});
