// How a request learns that no worker runs, on a fake Temporal client: the server's list of pollers
// decides, a request waits only so long, and a deadline is told apart from other failures.
// On a real server: test/integration/no-worker.test.ts.
import { status } from '@grpc/grpc-js';
import type { Client } from '@temporalio/client';
import { ReportRequestError } from '../../app/report-request-error';
import {
  assertWorkerRunning,
  lastPolledAt,
  NO_WORKER,
  POLLED_WITHIN_MS,
  waitForWorker,
  WORKER_NOT_ANSWERING,
  withRunningWorker,
  workerIsPolling,
} from '../../app/worker-presence';
import { TASK_QUEUE } from '../../domain/constants';

type Poller = { lastAccessTime?: { seconds?: number; nanos?: number } };

function fakeClient(pollers: () => Poller[]) {
  const asked: unknown[] = [];
  const deadlines: number[] = [];
  const client = {
    options: { namespace: 'shuzhi-test' },
    workflowService: {
      describeTaskQueue: async (request: unknown) => {
        asked.push(request);
        return { pollers: pollers() };
      },
    },
    withDeadline: async <R>(deadline: number, fn: () => Promise<R>) => {
      deadlines.push(deadline);
      return fn();
    },
  } as unknown as Client;
  return { client, asked, deadlines };
}
const polledAgo = (ms: number): Poller => {
  const at = Date.now() - ms;
  return { lastAccessTime: { seconds: Math.floor(at / 1000), nanos: (at % 1000) * 1e6 } };
};
const grpcError = (code: status) => Object.assign(new Error(`grpc ${code}`), { name: 'ServiceError', code, details: '', metadata: {} });

describe('whether a worker is polling', () => {
  test('a poll within the window counts, one older does not, none never', () => {
    const now = 1_000_000;
    expect(workerIsPolling(now - POLLED_WITHIN_MS, now)).toBe(true);
    expect(workerIsPolling(now - POLLED_WITHIN_MS - 1, now)).toBe(false);
    expect(workerIsPolling(undefined, now)).toBe(false);
  });

  test('the latest poll of any poller is the one that counts, to the millisecond', async () => {
    const { client, asked } = fakeClient(() => [{ lastAccessTime: { seconds: 100, nanos: 250_000_000 } }, { lastAccessTime: { seconds: 90 } }]);
    expect(await lastPolledAt(client)).toBe(100_250);
    expect(asked).toEqual([expect.objectContaining({ namespace: 'shuzhi-test', taskQueue: expect.objectContaining({ name: TASK_QUEUE }) })]);
  });

  test('a queue nobody ever polled has no last poll', async () => {
    expect(await lastPolledAt(fakeClient(() => []).client)).toBeUndefined();
  });
});

describe('a request that needs the worker', () => {
  test('is refused at once, in both languages, when no worker polled lately', async () => {
    const { client } = fakeClient(() => [polledAgo(POLLED_WITHIN_MS + 5_000)]);
    const sent = jest.fn();
    const refusal = await withRunningWorker(client, sent).catch((error: unknown) => error);
    expect(refusal).toBeInstanceOf(ReportRequestError);
    expect(refusal).toMatchObject({
      code: NO_WORKER,
      reason: { 'zh-CN': expect.stringContaining('worker'), en: expect.stringContaining('No worker is running') },
    });
    expect(sent).not.toHaveBeenCalled();
  });

  test('is sent with a deadline when a worker polls', async () => {
    const { client, deadlines } = fakeClient(() => [polledAgo(1_000)]);
    const before = Date.now();
    expect(await withRunningWorker(client, async () => 'done', 30_000)).toBe('done');
    expect(deadlines[0]).toBeGreaterThanOrEqual(before + 30_000);
    expect(deadlines[0]).toBeLessThanOrEqual(Date.now() + 30_000);
  });

  test('that the worker does not answer in time says so, with the seconds it waited', async () => {
    const { client } = fakeClient(() => [polledAgo(1_000)]);
    const refusal = await withRunningWorker(client, () => Promise.reject(grpcError(status.DEADLINE_EXCEEDED)), 30_000).catch((error: unknown) => error);
    expect(refusal).toMatchObject({ code: WORKER_NOT_ANSWERING, reason: { en: expect.stringContaining('did not answer within 30 s') } });
  });

  test('a cancelled call before its deadline is not called a silent worker', async () => {
    const { client } = fakeClient(() => [polledAgo(1_000)]);
    const cancelled = grpcError(status.CANCELLED);
    await expect(withRunningWorker(client, () => Promise.reject(cancelled), 30_000)).rejects.toBe(cancelled);
  });

  test('a cancelled call once the deadline has passed is the deadline', async () => {
    const { client } = fakeClient(() => [polledAgo(1_000)]);
    const refusal = await withRunningWorker(client, () => Promise.reject(grpcError(status.CANCELLED)), 0).catch((error: unknown) => error);
    expect(refusal).toMatchObject({ code: WORKER_NOT_ANSWERING });
  });

  test('the server is asked again only after a few seconds, so a bulk approval asks once', async () => {
    const { client, asked } = fakeClient(() => [polledAgo(1_000)]);
    const now = Date.now();
    await assertWorkerRunning(client, now);
    await assertWorkerRunning(client, now + 4_000);
    expect(asked).toHaveLength(1);
    await assertWorkerRunning(client, now + 6_000);
    expect(asked).toHaveLength(2);
  });

  test('a refusal is not remembered: the next request asks again', async () => {
    let polls: Poller[] = [];
    const { client, asked } = fakeClient(() => polls);
    await expect(assertWorkerRunning(client)).rejects.toMatchObject({ code: NO_WORKER });
    polls = [polledAgo(0)];
    await assertWorkerRunning(client);
    expect(asked).toHaveLength(2);
  });
});

describe('a server that cannot list who polls (the time-skipping test server)', () => {
  const refusing = (code: status) => {
    const fake = fakeClient(() => []);
    (fake.client.workflowService as unknown as { describeTaskQueue: () => Promise<never> }).describeTaskQueue = () => Promise.reject(grpcError(code));
    return fake.client;
  };

  test('refuses nothing for want of a worker: who polls is not known', async () => {
    await expect(assertWorkerRunning(refusing(status.UNIMPLEMENTED))).resolves.toBeUndefined();
    await expect(waitForWorker(refusing(status.UNIMPLEMENTED), 10, 5)).resolves.toBeUndefined();
  });

  test('a server that is down is not taken for one that cannot say', async () => {
    await expect(assertWorkerRunning(refusing(status.UNAVAILABLE))).rejects.toMatchObject({ code: status.UNAVAILABLE });
  });
});

describe('waiting for a worker that is starting', () => {
  test('ends as soon as it polls', async () => {
    let asks = 0;
    const { client } = fakeClient(() => (++asks < 3 ? [] : [polledAgo(0)]));
    await waitForWorker(client, 10_000, 1);
    expect(asks).toBe(3);
  });

  test('is refused when none comes within its patience', async () => {
    const { client } = fakeClient(() => []);
    await expect(waitForWorker(client, 20, 5)).rejects.toMatchObject({ code: NO_WORKER });
  });
});
