// Which worker build a season runs on: the one it started on (its workflow is pinned to it). A
// report started later in the season (a branch added) is pinned to the same build.
import { WorkflowNotFoundError, type Client } from '@temporalio/client';
import type { WorkerBuild } from '../domain/activity-contract';
import { seasonWorkflowId } from '../domain/ids';

/** The season's build; undefined when its workflow is unversioned or gone. */
export async function seasonBuild(client: Client, seasonId: string): Promise<WorkerBuild | undefined> {
  try {
    const described = await client.workflow.getHandle(seasonWorkflowId(seasonId)).describe();
    const version = described.raw.workflowExecutionInfo?.versioningInfo?.deploymentVersion;
    return version?.buildId && version.deploymentName ? { deploymentName: version.deploymentName, buildId: version.buildId } : undefined;
  } catch (error) {
    if (error instanceof WorkflowNotFoundError) return undefined;
    throw error;
  }
}
