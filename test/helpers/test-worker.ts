// A worker inside a test's own process: the product's worker (worker/create-worker.ts) running the
// real activities on the test's database and mailer, signed with the test's audit key and payload
// codec, against the test's Temporal server. Every in-process test builds its worker here.
import type { TestWorkflowEnvironment } from '@temporalio/testing';
import type { Worker } from '@temporalio/worker';
import { createActivities, systemClock } from '../../activities';
import type { ActivityDeps } from '../../activities/deps';
import { createWorker } from '../../worker/create-worker';
import { TEST_AUDIT_KEY } from './audit-key';
import { TEST_DATA_CONVERTER } from './payload-codec';
import { workflowBundle } from './temporal';

export interface TestWorker {
  worker: Worker;
  /** Settles when the worker has stopped. */
  running: Promise<void>;
  stop(): Promise<void>;
}

export async function startTestWorker(
  env: Pick<TestWorkflowEnvironment, 'nativeConnection' | 'namespace'>,
  deps: Pick<ActivityDeps, 'db' | 'mailer'> & Partial<ActivityDeps>,
): Promise<TestWorker> {
  const worker = await createWorker({
    connection: env.nativeConnection,
    namespace: env.namespace ?? 'default',
    activities: createActivities({ clock: systemClock, publicBaseUrl: 'https://shuzhi.example', auditKey: TEST_AUDIT_KEY, ...deps }),
    dataConverter: TEST_DATA_CONVERTER,
    workflowBundle: await workflowBundle(),
  });
  const running = worker.run();
  return {
    worker,
    running,
    async stop() {
      worker.shutdown();
      await running;
    },
  };
}
