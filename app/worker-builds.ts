// Worker builds as the server sees them: the one new seasons start on, and
// which build each running season is pinned to. A season whose build has no worker stands still,
// so `shuzhi doctor` names it (docs/operations.md#worker-builds).
import type { Client, Connection } from '@temporalio/client';
import { WORKER_DEPLOYMENT } from '../domain/constants';
import { seasonWorkflowId } from '../domain/ids';
import { seasonWorkflow } from '../workflows/season';
import { seasonBuild } from './season-build';

const GRPC_NOT_FOUND = 5;
const grpcCode = (error: unknown) => (typeof error === 'object' && error !== null && 'code' in error ? (error as { code: unknown }).code : undefined);

/** The build new seasons start on now; undefined before any build was made current. */
export async function currentBuild(connection: Pick<Connection, 'workflowService'>, namespace: string): Promise<string | undefined> {
  try {
    const described = await connection.workflowService.describeWorkerDeployment({ namespace, deploymentName: WORKER_DEPLOYMENT });
    return described.workerDeploymentInfo?.routingConfig?.currentDeploymentVersion?.buildId ?? undefined;
  } catch (error) {
    if (grpcCode(error) === GRPC_NOT_FOUND) return undefined; // no build has polled yet
    throw error;
  }
}

/** Running seasons by the build they are pinned to ('' for unversioned). */
export async function runningSeasonsByBuild(client: Client): Promise<Map<string, string[]>> {
  const seasons = new Map<string, string[]>();
  for await (const execution of client.workflow.list({ query: `WorkflowType = '${seasonWorkflow.name}' AND ExecutionStatus = 'Running'` })) {
    // The list leaves out the versioning info: each season is described (there are few).
    const seasonId = execution.workflowId.slice(seasonWorkflowId('').length);
    const build = (await seasonBuild(client, seasonId))?.buildId ?? '';
    seasons.set(build, [...(seasons.get(build) ?? []), seasonId]);
  }
  return seasons;
}
