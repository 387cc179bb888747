// Requests that need the worker never hang. Before a request is sent, the server is asked who polls
// the report task queue: with no worker seen lately the request fails at once and says so; with
// one, the request gets a deadline, and a worker that does not answer within it is named as the
// reason. Temporal itself would keep an update or a query waiting for as long as no worker comes.
import { isGrpcCancelledError, isGrpcDeadlineError, isGrpcServiceError, type Client } from '@temporalio/client';
import { temporal } from '@temporalio/proto';
import { TASK_QUEUE } from '../domain/constants';
import { ReportRequestError } from './report-request-error';
import { seasonBuild } from './season-build';

/**
 * A running worker, even an idle one, polls again at least this often (an idle poll returns empty
 * after about a minute and is sent again at once); a worker not seen polling for longer is gone.
 */
export const POLLED_WITHIN_MS = 75_000;
/** How long a request waits for the worker's answer before it says the worker is not answering. */
export const WORKER_ANSWER_DEADLINE_MS = 30_000;
/** A poller check answers several requests in a row (a bulk approval sends hundreds). */
const CHECK_REUSED_FOR_MS = 5_000;

export const NO_WORKER = 'no_worker';
export const WORKER_NOT_ANSWERING = 'worker_not_answering';

export const noWorkerRefusal = () =>
  new ReportRequestError(NO_WORKER, {
    'zh-CN': '后台处理程序（worker）没有运行：请求未发送，什么也没有改变。请稍后重试；如仍不行，请联系管理员启动它。',
    en: 'No worker is running (the background process that carries out requests): nothing was sent and nothing changed. Try again in a while; if it persists, ask an admin to start one.',
  });

export const workerNotAnsweringRefusal = (seconds: number) =>
  new ReportRequestError(WORKER_NOT_ANSWERING, {
    'zh-CN': `后台处理程序（worker）在 ${seconds} 秒内没有回应，请求可能稍后仍会完成。请过一会儿刷新查看；确认没有完成再重试。`,
    en: `The worker did not answer within ${seconds} s; the request may still be carried out. Look again in a moment, and try again only if it was not.`,
  });

export const workerGoneWhileClosing = (seasonId: string) =>
  new ReportRequestError(NO_WORKER, {
    'zh-CN': `季度 ${seasonId} 的结束请求已送达，但后台处理程序（worker）已停止运行：worker 恢复后会继续结束。可用 season status ${seasonId} 查看进度。`,
    en: `Closing ${seasonId} was asked for, but the worker stopped: the close goes on once a worker runs again. Follow it with season status ${seasonId}.`,
  });

export const noWorkerOfBuildRefusal = (seasonId: string, buildId: string) =>
  new ReportRequestError(NO_WORKER, {
    'zh-CN': `季度 ${seasonId} 运行在构建 ${buildId} 上，该构建的后台处理程序（worker）没有运行：请求未发送，什么也没有改变。请联系管理员启动它（shuzhi doctor 会说明）。`,
    en: `Season ${seasonId} runs on build ${buildId}, and no worker of that build is running: nothing was sent and nothing changed. Ask an admin to start one (shuzhi doctor says how).`,
  });

/** The builds of the workers seen polling the task queue lately ('' for an unversioned one). */
export async function pollingBuilds(client: Client, now = Date.now()): Promise<Set<string>> {
  const answer = await describeWorkflowPollers(client);
  const recent = (answer.pollers ?? []).filter((poller) => workerIsPolling(accessTimeMs(poller), now));
  return new Set(recent.map((poller) => poller.deploymentOptions?.buildId ?? ''));
}

const describeWorkflowPollers = (client: Client) =>
  client.workflowService.describeTaskQueue({
    namespace: client.options.namespace,
    taskQueue: { name: TASK_QUEUE, kind: temporal.api.enums.v1.TaskQueueKind.TASK_QUEUE_KIND_NORMAL },
    taskQueueType: temporal.api.enums.v1.TaskQueueType.TASK_QUEUE_TYPE_WORKFLOW,
  });

const accessTimeMs = (poller: temporal.api.taskqueue.v1.IPollerInfo) =>
  Number(poller.lastAccessTime?.seconds ?? 0) * 1000 + Math.floor((poller.lastAccessTime?.nanos ?? 0) / 1e6);

/** When a worker last polled the report task queue for workflow tasks, as the server says; undefined for never. */
export async function lastPolledAt(client: Client): Promise<number | undefined> {
  const times = ((await describeWorkflowPollers(client)).pollers ?? []).map(accessTimeMs);
  return times.length ? Math.max(...times) : undefined;
}

export const workerIsPolling = (lastPolled: number | undefined, now: number) => lastPolled !== undefined && now - lastPolled <= POLLED_WITHIN_MS;

const GRPC_UNIMPLEMENTED = 12;
/** A server that cannot list pollers (Temporal's Java time-skipping test server): who polls is not known. */
const cannotSayWhoPolls = (error: unknown) => isGrpcServiceError(error) && error.code === GRPC_UNIMPLEMENTED;

/** Whether a worker polls: unknown on a server that cannot say, and then no request is refused for it. */
export async function workerPolls(client: Client, now = Date.now()): Promise<boolean | 'unknown'> {
  try {
    return workerIsPolling(await lastPolledAt(client), now);
  } catch (error) {
    if (cannotSayWhoPolls(error)) return 'unknown';
    throw error;
  }
}

const lastChecks = new WeakMap<Client, Map<string, number>>();

/**
 * Refuses at once when no worker polls the report task queue; for a season's request, when no
 * worker of the build the season is pinned to polls (docs/operations.md#worker-builds).
 */
export async function assertWorkerRunning(client: Client, now = Date.now(), seasonId?: string): Promise<void> {
  const checks = lastChecks.get(client) ?? new Map<string, number>();
  lastChecks.set(client, checks);
  const checkedAt = checks.get(seasonId ?? '');
  if (checkedAt !== undefined && now - checkedAt < CHECK_REUSED_FOR_MS) return;
  const polls = await workerPolls(client, now);
  if (!polls) throw noWorkerRefusal();
  if (polls === true && seasonId) {
    const build = await seasonBuild(client, seasonId);
    if (build && !(await pollingBuilds(client, now)).has(build.buildId)) throw noWorkerOfBuildRefusal(seasonId, build.buildId);
  }
  checks.set(seasonId ?? '', now);
}

/** Runs a request the worker must answer: refused when no worker runs, and given a deadline. */
export async function withRunningWorker<T>(client: Client, request: () => Promise<T>, deadlineMs = WORKER_ANSWER_DEADLINE_MS, seasonId?: string): Promise<T> {
  await assertWorkerRunning(client, Date.now(), seasonId);
  const deadline = Date.now() + deadlineMs;
  try {
    return await client.withDeadline(deadline, request);
  } catch (error) {
    // An update's long poll, cut by the deadline between two of its calls, ends as "cancelled".
    const cutByDeadline = isGrpcDeadlineError(error) || (isGrpcCancelledError(error) && Date.now() >= deadline);
    if (cutByDeadline) throw workerNotAnsweringRefusal(Math.round(deadlineMs / 1000));
    throw error;
  }
}

/** Waits for a worker that is starting (its first poll comes once its workflows are bundled); refused after `patienceMs`. */
export async function waitForWorker(client: Client, patienceMs: number, pollEveryMs = 500): Promise<void> {
  const giveUpAt = Date.now() + patienceMs;
  while (!(await workerPolls(client))) {
    if (Date.now() + pollEveryMs > giveUpAt) throw noWorkerRefusal();
    await new Promise((resolve) => setTimeout(resolve, pollEveryMs));
  }
}
