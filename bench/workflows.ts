// The bench's workflow bundle: the product's workflows plus the raw-Temporal baselines.
import { condition, defineUpdate, proxyActivities, setHandler, sleep } from '@temporalio/workflow';

export * from '../workflows';

/** Does nothing: what starting a workflow costs on this server, with no product work in it. */
export async function emptyWorkflow(): Promise<void> {}

const noop = proxyActivities<{ benchNoop(): Promise<void> }>({ startToCloseTimeout: '1 minute' });

/** One no-op activity: the baseline for work that is one workflow plus one activity per branch. */
export async function noopActivityWorkflow(): Promise<void> {
  await noop.benchNoop();
}

/** The baseline's update: accepted and answered at once, with no activity behind it. */
export const pokeUpdate = defineUpdate<void, [string]>('benchPoke');

/** Waits for one raw update: the baseline for an update that changes a waiting report. */
export async function waitingWorkflow(): Promise<void> {
  let poked = false;
  setHandler(pokeUpdate, () => {
    poked = true;
  });
  await condition(() => poked);
}

/** Sleeps until a moment shared by N of them, then runs one no-op activity: a raw timer wave. */
export async function timerThenNoopWorkflow(atMs: number): Promise<number> {
  await sleep(Math.max(0, atMs - Date.now()));
  await noop.benchNoop();
  return Date.now();
}
