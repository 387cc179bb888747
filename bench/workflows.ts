// The bench's workflow bundle: the product's workflows plus the empty one the baseline starts.
import { proxyActivities } from '@temporalio/workflow';

export * from '../workflows';

/** Does nothing: what starting a workflow costs on this server, with no product work in it. */
export async function emptyWorkflow(): Promise<void> {}

const noop = proxyActivities<{ benchNoop(): Promise<void> }>({ startToCloseTimeout: '1 minute' });

/** One no-op activity: the baseline for work that is one workflow plus one activity per branch. */
export async function noopActivityWorkflow(): Promise<void> {
  await noop.benchNoop();
}
