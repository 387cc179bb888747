// Builds a worker for the shuzhi task queue. Shared by worker/main.ts and the tests, which hand
// it their own connection, activities and keys.
import type { DataConverter } from '@temporalio/common';
import { NativeConnection, Worker, type WorkerOptions } from '@temporalio/worker';
import { TASK_QUEUE, WORKER_DEPLOYMENT } from '../domain/constants';
import type { Activities } from '../activities';
import { bundleWorkflows } from './workflow-bundle';

export async function createWorker(options: {
  connection: NativeConnection;
  namespace: string;
  activities: Activities;
  /** Required: a worker without the product's codec would hand Temporal personal data in the clear (temporal/payload-codec.ts). */
  dataConverter: DataConverter;
  taskQueue?: string;
  workflowBundle?: WorkerOptions['workflowBundle'];
  /** Unset: the SDK's default, sized from the heap limit (the tests' workers). */
  maxCachedWorkflows?: number;
  /**
   * The build this worker runs (worker/build-id.ts): every workflow it starts is pinned to it.
   * Unset: unversioned (the time-skipping server knows no Worker Deployments).
   */
  buildId?: string;
}): Promise<Worker> {
  return Worker.create({
    connection: options.connection,
    namespace: options.namespace,
    taskQueue: options.taskQueue ?? TASK_QUEUE,
    activities: options.activities,
    dataConverter: options.dataConverter,
    ...(options.maxCachedWorkflows ? { maxCachedWorkflows: options.maxCachedWorkflows } : {}),
    ...(options.buildId
      ? {
          workerDeploymentOptions: {
            useWorkerVersioning: true,
            version: { deploymentName: WORKER_DEPLOYMENT, buildId: options.buildId },
            defaultVersioningBehavior: 'PINNED',
          },
        }
      : {}),
    workflowBundle: options.workflowBundle ?? (await bundleWorkflows()),
  });
}
