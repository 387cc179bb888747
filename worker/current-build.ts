// Makes this worker's build the one new seasons start on (the Worker Deployment's current
// version). Seasons already running stay pinned to the build they started on.
import type { NativeConnection } from '@temporalio/worker';
import { WORKER_DEPLOYMENT } from '../domain/constants';
import { currentBuild } from '../app/worker-builds';

/** How long a new build may take to be seen polling before the worker stops trying and says so. */
const BECOME_CURRENT_WITHIN_MS = 60_000;
const RETRY_EVERY_MS = 1_000;

export type CurrentBuildOutcome = { outcome: 'already' } | { outcome: 'made'; previous?: string } | { outcome: 'gave up'; reason: string };

/**
 * Sets `buildId` current once the server has seen it poll: until then it answers "not found",
 * which is retried. Never throws: a worker that cannot promote its build still serves its own.
 */
export async function becomeCurrent(
  connection: Pick<NativeConnection, 'workflowService'>,
  namespace: string,
  buildId: string,
  options: { withinMs?: number; signal?: AbortSignal } = {},
): Promise<CurrentBuildOutcome> {
  const deadline = Date.now() + (options.withinMs ?? BECOME_CURRENT_WITHIN_MS);
  for (;;) {
    if (options.signal?.aborted) return { outcome: 'gave up', reason: 'the worker stopped' };
    try {
      if ((await currentBuild(connection, namespace)) === buildId) return { outcome: 'already' };
      const answer = await connection.workflowService.setWorkerDeploymentCurrentVersion({
        namespace,
        deploymentName: WORKER_DEPLOYMENT,
        buildId,
        identity: `shuzhi worker ${process.pid}`,
      });
      return { outcome: 'made', previous: answer.previousDeploymentVersion?.buildId ?? undefined };
    } catch (error) {
      if (Date.now() > deadline) return { outcome: 'gave up', reason: error instanceof Error ? error.message : String(error) };
      await new Promise((resolve) => setTimeout(resolve, RETRY_EVERY_MS));
    }
  }
}
