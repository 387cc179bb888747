// `npm run bench [-- --quick]`: every scenario on a fresh embedded stack per database, size and
// run, one table on stdout and one JSON file under bench/results/ with every figure, the machine
// and the versions. Options: --quick (N = 200 and 1,000 instead of 1,000 and 10,000),
// --sizes 50,500, --databases sqlite,postgresql, --skip reminder-wave,bulk-approval, --out <dir>,
// --cluster (Temporal's own server on PostgreSQL instead of the dev server), --runs 3 (runs per
// size: by default three up to N=1,000, whose median ratio counts, and one above).
import { execFileSync } from 'node:child_process';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { cpus, totalmem } from 'node:os';
import { join } from 'node:path';
import { loadConfig, PROJECT_ROOT } from '../config/env';
import type { DatabaseProvider } from '../db/provider';
import { readToolPaths } from '../stack/tool-paths';
import { workerProcessEnv } from '../stack/worker-node-args';
import { bulkApproval, dashboard, reminderWave, seasonFanOutAndMemory, type ScenarioResult } from './scenarios';
import { CLUSTER_HISTORY_SHARDS } from '../stack/temporal-cluster';
import { benchHistoryShards, benchWorkerHeapMiB, postgresAdminUrl, startBenchStack, type BenchStack, type BenchTemporal } from './stack';

export interface BenchOptions {
  sizes: number[];
  /** Runs per size; by default RUNS_UP_TO_1000 up to N=1,000 and one above. */
  runs?: number;
  temporal?: BenchTemporal;
  databases: DatabaseProvider[];
  outDir: string;
  /** Leave out the scenarios that follow the dashboard (they need the most setup at large N). */
  skip?: LaterScenario[];
  log?: (line: string) => void;
}

export interface BenchReport {
  date: string;
  machine: { cores: number; cpu: string; memoryGiB: number; node: string };
  versions: Record<string, string>;
  sizes: number[];
  /** The Temporal server the scenarios and their baselines ran on. */
  temporal: BenchTemporal;
  /** The cluster's history shards (BENCH_HISTORY_SHARDS), when on the cluster. */
  historyShards?: number;
  /** Scenarios left out of this run (--skip). */
  skipped: LaterScenario[];
  /** The worker's V8 heap cap in MiB (0: V8's default); BENCH_WORKER_HEAP_MIB overrides the product's. */
  workerHeapMiB: number;
  /** The worker's workflow cache (WORKER_MAX_CACHED_WORKFLOWS, or its default). */
  workerMaxCachedWorkflows: number;
  /** The worker's malloc arenas (MALLOC_ARENA_MAX as the worker gets it). */
  workerMallocArenas: string;
  /** Extra Node flags given to the worker (BENCH_WORKER_NODE_ARGS), e.g. a profiler; none for comparable figures. */
  workerExtraNodeArgs: string;
  results: RunResult[];
  /** Per database, scenario and N: the median ratio of its runs, every run's ratio and their spread. */
  summary: SummaryRow[];
  notRun: { database: DatabaseProvider; reason: string }[];
  file: string;
}

function versions(): Record<string, string> {
  const lock = JSON.parse(readFileSync(join(PROJECT_ROOT, 'package-lock.json'), 'utf8')) as { packages: Record<string, { version?: string }> };
  const of = (name: string) => lock.packages[`node_modules/${name}`]?.version ?? 'unknown';
  let temporalCli = 'unknown';
  try {
    temporalCli = execFileSync(readToolPaths('test').temporalCli, ['--version'], { encoding: 'utf8' }).trim();
  } catch {
    // reported as unknown
  }
  return { node: process.version, '@temporalio/worker': of('@temporalio/worker'), prisma: of('prisma'), temporalCli };
}

export type RunResult = ScenarioResult & { database: DatabaseProvider; run: number };
export interface SummaryRow {
  database: DatabaseProvider;
  scenario: string;
  n: number;
  /** The run whose ratio is the median: its time and baseline. */
  timeMs: number;
  baselineMs: number;
  unit?: string;
  ratio: number;
  ratios: number[];
  /** Largest ratio minus smallest. */
  spread: number;
}

/** Runs per size up to N=1,000: a ratio there counts as the median of three (#26). */
export const RUNS_UP_TO_1000 = 3;
const runsFor = (n: number, runs: number | undefined) => runs ?? (n <= 1000 ? RUNS_UP_TO_1000 : 1);

export function summarize(results: RunResult[]): SummaryRow[] {
  const groups = new Map<string, RunResult[]>();
  for (const r of results) {
    const key = `${r.database}|${r.scenario}|${r.n}`;
    groups.set(key, [...(groups.get(key) ?? []), r]);
  }
  return [...groups.values()].map((runs) => {
    const sorted = [...runs].sort((a, b) => a.ratio - b.ratio);
    const median = sorted[Math.floor((sorted.length - 1) / 2)] as RunResult;
    const ratios = runs.map((r) => r.ratio);
    return {
      database: median.database,
      scenario: median.scenario,
      n: median.n,
      timeMs: median.timeMs,
      baselineMs: median.baselineMs,
      ...(median.unit ? { unit: median.unit } : {}),
      ratio: median.ratio,
      ratios,
      spread: +(Math.max(...ratios) - Math.min(...ratios)).toFixed(3),
    };
  });
}

/** The scenarios after the dashboard, which `--skip` may leave out. */
export const LATER_SCENARIOS = ['reminder-wave', 'bulk-approval'] as const;
export type LaterScenario = (typeof LATER_SCENARIOS)[number];

/** Every scenario on one fanned-out season, in the order their states need. */
async function runScenarios(stack: BenchStack, n: number, skip: LaterScenario[], done: (r: ScenarioResult) => void): Promise<ScenarioResult[]> {
  const results: ScenarioResult[] = [];
  const add = (...more: ScenarioResult[]) => more.forEach((r) => (results.push(r), done(r)));
  const [fanOut, memory] = await seasonFanOutAndMemory(stack, n);
  add(fanOut, memory);
  add(...(await dashboard(stack, n)));
  if (!skip.includes('reminder-wave')) add(await reminderWave(stack, n));
  if (!skip.includes('bulk-approval')) add(await bulkApproval(stack, n, memory.details?.rawUpdatesMs as number));
  return results;
}

export async function runBench(options: BenchOptions): Promise<BenchReport> {
  const log = options.log ?? ((line: string) => console.log(line));
  const report: BenchReport = {
    date: new Date().toISOString(),
    machine: { cores: cpus().length, cpu: cpus()[0]?.model ?? 'unknown', memoryGiB: Math.round(totalmem() / 2 ** 30), node: process.version },
    versions: versions(),
    sizes: options.sizes,
    temporal: options.temporal ?? 'dev-server',
    ...(options.temporal === 'cluster' ? { historyShards: benchHistoryShards() ?? CLUSTER_HISTORY_SHARDS } : {}),
    skipped: options.skip ?? [],
    workerHeapMiB: benchWorkerHeapMiB(),
    workerMaxCachedWorkflows: loadConfig().WORKER_MAX_CACHED_WORKFLOWS,
    workerMallocArenas: workerProcessEnv().MALLOC_ARENA_MAX ?? '',
    workerExtraNodeArgs: process.env.BENCH_WORKER_NODE_ARGS ?? '',
    results: [],
    summary: [],
    notRun: [],
    file: '',
  };
  for (const database of options.databases) {
    const admin = database === 'postgresql' ? postgresAdminUrl() : undefined;
    if (typeof admin === 'object') {
      report.notRun.push({ database, reason: admin.unavailable });
      log(`bench: ${database} NOT RUN: ${admin.unavailable}`);
      continue;
    }
    for (const n of options.sizes) {
      for (let run = 1; run <= runsFor(n, options.runs); run++) {
        await runOnce(options, report, { database, n, run }, log);
      }
    }
  }
  report.summary = summarize(report.results);
  mkdirSync(options.outDir, { recursive: true });
  report.file = join(options.outDir, `bench-${report.date.replace(/[:.]/g, '-')}.json`);
  writeFileSync(report.file, JSON.stringify(report, null, 2) + '\n');
  return report;
}

/** One run of every scenario on a fresh stack. */
async function runOnce(options: BenchOptions, report: BenchReport, at: { database: DatabaseProvider; n: number; run: number }, log: (line: string) => void) {
  const { database, n, run } = at;
  log(`bench: ${report.temporal}, ${database}, N=${n}, run ${run} …`);
  const stack = await startBenchStack(database, report.temporal);
  try {
    const results = await runScenarios(stack, n, options.skip ?? [], (r) => log(`  ${formatRow({ ...r, database, run })}`));
    report.results.push(...results.map((r) => ({ ...r, database, run })));
  } catch (error) {
    // Said before the stack stops: stopping it can itself fail (a client call still retrying
    // when its connection closes throws where nothing catches it) and would hide this.
    log(`bench: ${database}, N=${n} failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
    throw error;
  } finally {
    await stack.stop();
  }
}

const amount = (value: number, unit?: string) => (unit ? `${value.toFixed(1)} ${unit}` : `${(value / 1000).toFixed(3)} s`);

function formatRow(r: RunResult): string {
  return `| ${r.database} | ${r.scenario} | ${r.n.toLocaleString('en')} | ${r.run} | ${amount(r.timeMs, r.unit)} | ${amount(r.baselineMs, r.unit)} | ${r.ratio.toFixed(2)} |`;
}

function formatSummaryRow(r: SummaryRow): string {
  const runs = r.ratios.length > 1 ? `${r.ratios.map((ratio) => ratio.toFixed(2)).join(', ')} (spread ${r.spread.toFixed(2)})` : '1 run';
  return `| ${r.database} | ${r.scenario} | ${r.n.toLocaleString('en')} | ${amount(r.timeMs, r.unit)} | ${amount(r.baselineMs, r.unit)} | ${r.ratio.toFixed(2)} | ${runs} |`;
}

export function formatTable(report: BenchReport): string {
  const rows = report.summary.map(formatSummaryRow);
  const explained = [...new Map(report.results.map((r) => [r.scenario, r])).values()].map(
    (r) => `- ${r.scenario}: time = ${r.timed}; baseline = ${r.baseline}`,
  );
  const server = report.temporal === 'cluster' ? `the cluster stack (${report.historyShards} history shards)` : 'the dev server';
  return [
    `Temporal: ${server}.`,
    '',
    '| database | scenario | N | time | baseline | ratio | ratio of each run |',
    '|---|---|---|---|---|---|---|',
    ...rows,
    '',
    'ratio = baseline ÷ scenario, both measured on the same server in the same run (1.0 = as fast, or as small, as raw Temporal; higher is better);',
    "with several runs, the median ratio counts, and time and baseline are that run's.",
    'time and baseline are seconds, except worker memory: peak RSS in MiB.',
    ...explained,
    ...report.notRun.map((n) => `- ${n.database}: NOT RUN (${n.reason})`),
  ].join('\n');
}

function skipped(list: string | undefined): LaterScenario[] {
  const names = list?.split(',').filter(Boolean) ?? [];
  const unknown = names.filter((name) => !(LATER_SCENARIOS as readonly string[]).includes(name));
  if (unknown.length) throw new Error(`--skip takes ${LATER_SCENARIOS.join(', ')}; not: ${unknown.join(', ')}`);
  return names as LaterScenario[];
}

async function main() {
  const value = (name: string) => {
    const index = process.argv.indexOf(`--${name}`);
    return index > 0 ? process.argv[index + 1] : undefined;
  };
  const quick = process.argv.includes('--quick');
  const cluster = process.argv.includes('--cluster');
  const report = await runBench({
    sizes: value('sizes')?.split(',').map(Number) ?? (quick ? [200, 1000] : [1000, 10_000]),
    ...(value('runs') ? { runs: Number(value('runs')) } : {}),
    temporal: cluster ? 'cluster' : 'dev-server',
    // The cluster stack keeps the record in PostgreSQL, as `npm start -- --cluster` does.
    databases: (value('databases')?.split(',') as DatabaseProvider[] | undefined) ?? (cluster ? ['postgresql'] : ['sqlite', 'postgresql']),
    skip: skipped(value('skip')),
    outDir: value('out') ?? join(__dirname, 'results'),
  });
  console.log(`\n${formatTable(report)}\n\nwrote ${report.file}`);
}

// Run by `npm run bench` (bin/run-ts.js puts this file in argv[1]); imported by the test, it only exports.
if (process.argv[1] === __filename) {
  main().catch((error) => {
    console.error(error);
    process.exit(1);
  });
}
