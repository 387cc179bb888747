// The worker process of the fault suite: the product's worker, whose activities kill the whole
// process right after a chosen one has committed. A workflow task then fails after its database
// write, as a crash at the worst moment would make it: Temporal gives the task to the next worker,
// and the record must hold each act once all the same.
// SHUZHI_FAULT_KILL_AFTER_COMMIT=<activity>:<n> kills after the n-th completed call of <activity>.
import type { Activities } from '../../activities';
import { loadConfig } from '../../config/env';
import { runWorker } from '../../worker/run-worker';

function killAfterCommit(plan: string | undefined) {
  return (activities: Activities): Activities => {
    const [name, nth] = (plan ?? '').split(':');
    if (!name || !(name in activities)) return activities;
    let calls = 0;
    const original = activities[name as keyof Activities] as (...args: unknown[]) => Promise<unknown>;
    return {
      ...activities,
      [name]: async (...args: unknown[]) => {
        const result = await original(...args);
        calls += 1;
        if (calls === Number(nth)) {
          console.log(`fault-worker: ${name} call ${calls} committed; killing the worker before Temporal hears of it`);
          process.kill(process.pid, 'SIGKILL');
        }
        return result;
      },
    };
  };
}

runWorker(loadConfig(), { wrapActivities: killAfterCommit(process.env.SHUZHI_FAULT_KILL_AFTER_COMMIT) }).catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
