// A province-size season: 100,000 branches started and closed in pages of 200 by the season
// workflow, whose history never comes near Temporal's 10,240-event warning in any of its runs. The
// page activities are fakes that only count (starting 100,000 report workflows is the bench's job,
// bench/README.md); the workflow, its paging and its continue-as-new are the product's.
import { Context } from '@temporalio/activity';
import type { TestWorkflowEnvironment } from '@temporalio/testing';
import { Worker } from '@temporalio/worker';
import type { BranchPageRequest, PageResult, SeasonSummary } from '../../domain/activity-contract';
import { TASK_QUEUE } from '../../domain/constants';
import { seasonWorkflowId } from '../../domain/ids';
import { closeSeasonSignal, seasonProgressQuery } from '../../domain/season-api';
import { seasonWorkflow } from '../../workflows';
import { TEST_DATA_CONVERTER } from '../helpers/payload-codec';
import { startTimeSkippingServer, workflowBundle } from '../helpers/temporal';

jest.setTimeout(600_000);

const BRANCHES = 100_000;
/** Temporal warns past this many events in one run's history. */
const HISTORY_WARNING = 10_240;
const branchId = (n: number) => `b${String(n).padStart(6, '0')}`;

/** One page after `afterBranchId`, of branches b000001 … b100000, as the real activities page the database. */
function page(request: BranchPageRequest): PageResult {
  const first = request.afterBranchId ? Number(request.afterBranchId.slice(1)) + 1 : 1;
  const count = Math.max(0, Math.min(request.limit, BRANCHES - first + 1));
  return { started: count, alreadyRunning: 0, count, lastBranchId: count ? branchId(first + count - 1) : undefined };
}

let env: TestWorkflowEnvironment;
let worker: Worker;
let running: Promise<void>;
const runs = new Set<string>();
const pages = { started: 0, closed: 0 };

beforeAll(async () => {
  env = await startTimeSkippingServer();
  const noted = () => runs.add(Context.current().info.workflowExecution?.runId ?? 'no run');
  worker = await Worker.create({
    connection: env.nativeConnection,
    namespace: env.namespace ?? 'default',
    taskQueue: TASK_QUEUE,
    workflowBundle: await workflowBundle(),
    dataConverter: TEST_DATA_CONVERTER,
    activities: {
      markSeasonStarted: async () => void noted(),
      startReportPage: async (request: BranchPageRequest) => {
        noted();
        pages.started += 1;
        return page(request);
      },
      closeReportPage: async (request: BranchPageRequest) => {
        noted();
        pages.closed += 1;
        return page(request);
      },
      closeSeasonRecord: async (): Promise<Partial<SeasonSummary>> => {
        noted();
        return { branches: BRANCHES };
      },
    },
  });
  running = worker.run();
});
afterAll(async () => {
  worker?.shutdown();
  await running;
  await env?.teardown();
});

test('100,000 branches are started and closed in pages, and no run of the season has a long history', async () => {
  const workflowId = seasonWorkflowId('province-2026');
  const handle = await env.client.workflow.start(seasonWorkflow, {
    workflowId,
    taskQueue: TASK_QUEUE,
    args: [{ seasonId: 'province-2026', startedBy: 'zuzhi@province.example', channel: 'cli' }],
  });
  const pagesOfAll = Math.ceil(BRANCHES / 200) + (BRANCHES % 200 === 0 ? 1 : 0); // a full last page is followed by an empty one
  for (;;) {
    if ((await handle.query(seasonProgressQuery)).fanOutDone) break;
    await new Promise((resolve) => setTimeout(resolve, 500));
  }
  expect(await handle.query(seasonProgressQuery)).toMatchObject({ started: BRANCHES, fanOutDone: true });
  expect(pages.started).toBe(pagesOfAll);

  await handle.signal(closeSeasonSignal, { actor: { email: 'zuzhi@province.example', channel: 'cli' } });
  expect(await handle.result()).toEqual({ branches: BRANCHES });
  expect(pages.closed).toBe(pagesOfAll);

  // Every run of the chain, and how long its history grew.
  const lengths: number[] = [];
  for (const runId of runs) {
    const history = await env.client.workflow.getHandle(workflowId, runId).fetchHistory();
    lengths.push(history.events?.length ?? 0);
  }
  expect(runs.size).toBeGreaterThan(1); // it did continue as new
  expect(Math.max(...lengths)).toBeLessThan(HISTORY_WARNING);
});
