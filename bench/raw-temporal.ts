// `npm run bench:raw -- [--cluster [--shards 4]] [--workflows 2000] [--pollers 2]`: raw Temporal's
// rate on this machine, as #26 measured it for orientation: N workflows that each run one no-op
// activity, started 50 at a time, one worker in this process. On the file-backed dev server, or
// with --cluster on Temporal's own server on PostgreSQL (stack/temporal-cluster.ts). Prints the
// end-to-end rate and the rate of the starts alone, and writes results/raw-<server>-<date>.json.
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { TestWorkflowEnvironment } from '@temporalio/testing';
import { DefaultLogger, Runtime, Worker } from '@temporalio/worker';
import { startClusterEnvironment } from '../stack/temporal-cluster';
import { readToolPaths } from '../stack/tool-paths';
import { bundleWorkflows } from '../worker/workflow-bundle';
import { postgresAdminUrl } from './stack';

const CONCURRENT_STARTS = 50;
const TASK_QUEUE = 'bench-raw';

function option(name: string): string | undefined {
  const index = process.argv.indexOf(`--${name}`);
  return index > 0 ? process.argv[index + 1] : undefined;
}

async function startServer(cluster: boolean, shards: number, dir: string): Promise<TestWorkflowEnvironment> {
  if (!cluster) {
    return TestWorkflowEnvironment.createLocal({
      server: { executable: { type: 'existing-path', path: readToolPaths('test').temporalCli }, dbFilename: join(dir, 'temporal.db') },
    });
  }
  const tools = readToolPaths('test').temporalCluster;
  const admin = postgresAdminUrl();
  if (!tools || typeof admin === 'object') throw new Error("the cluster needs the bootstrap's tools and PostgreSQL: run npm test once");
  return startClusterEnvironment({ tools, postgresUrl: admin, historyShards: shards, dataConverter: {} });
}

async function inParallel(count: number, concurrency: number, job: (i: number) => Promise<unknown>): Promise<void> {
  let next = 0;
  await Promise.all(
    Array.from({ length: Math.min(concurrency, count) }, async () => {
      while (next < count) await job(next++);
    }),
  );
}

async function main() {
  const cluster = process.argv.includes('--cluster');
  const workflows = Number(option('workflows') ?? 2000);
  const shards = Number(option('shards') ?? 4);
  const pollers = option('pollers') ? Number(option('pollers')) : undefined;
  Runtime.install({ logger: new DefaultLogger('WARN'), telemetryOptions: { logging: { filter: { core: 'ERROR', other: 'ERROR' }, forward: {} } } });
  const dir = mkdtempSync(join(tmpdir(), 'shuzhi-bench-raw-'));
  const env = await startServer(cluster, shards, dir);
  let worker: Worker | undefined;
  try {
    worker = await Worker.create({
      connection: env.nativeConnection,
      taskQueue: TASK_QUEUE,
      workflowBundle: await bundleWorkflows(require.resolve('./workflows')),
      activities: { benchNoop: async () => undefined },
      ...(pollers ? { maxConcurrentWorkflowTaskPolls: pollers, maxConcurrentActivityTaskPolls: pollers } : {}),
    });
    const running = worker.run();
    let startsDoneMs = 0;
    const began = Date.now();
    const results: Promise<unknown>[] = [];
    await inParallel(workflows, CONCURRENT_STARTS, async (i) => {
      const handle = await env.client.workflow.start('noopActivityWorkflow', { workflowId: `raw-${i}`, taskQueue: TASK_QUEUE, args: [] });
      results.push(handle.result());
    });
    startsDoneMs = Date.now() - began;
    await Promise.all(results);
    const allDoneMs = Date.now() - began;
    worker.shutdown();
    await running;
    worker = undefined;
    const report = {
      date: new Date().toISOString(),
      server: cluster ? `cluster, ${shards} history shards` : 'dev server (file-backed)',
      workflows,
      workerPollers: pollers ?? 'SDK default',
      endToEndPerSecond: +(workflows / (allDoneMs / 1000)).toFixed(1),
      startsPerSecond: +(workflows / (startsDoneMs / 1000)).toFixed(1),
      allDoneMs,
      startsDoneMs,
    };
    console.log(JSON.stringify(report, null, 2));
    mkdirSync(join(__dirname, 'results'), { recursive: true });
    writeFileSync(
      join(__dirname, 'results', `raw-${cluster ? 'cluster' : 'dev'}-${report.date.replace(/[:.]/g, '-')}.json`),
      JSON.stringify(report, null, 2) + '\n',
    );
  } catch (error) {
    console.error(error); // said before the teardown, which fails while the worker holds the connection
    if (worker?.getState() === 'RUNNING') worker.shutdown();
    throw error;
  } finally {
    if (!worker) await env.teardown();
  }
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
