// Every workflow a test ran, replayed on today's workflow code. A history only fails to replay
// when a worker has to rebuild the workflow from it (after a restart, or once it left the cache),
// so an unreplayable history can pass a test by luck; replaying all of them at the end does not.
// A workflow task a live worker failed as nondeterministic counts too, even where the whole
// history replays: the worker's own rebuild went wrong.
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Client, HistoryAndWorkflowId } from '@temporalio/client';
import { historyToJSON } from '@temporalio/common/lib/proto-utils';
import { Worker } from '@temporalio/worker';
import { TEST_DATA_CONVERTER } from './payload-codec';
import { workflowBundle } from './temporal';

export interface ReplayFailure {
  workflowId: string;
  runId: string;
  error: string;
  /** The history as Temporal's JSON, for `temporal workflow show --input` or a replay test. */
  file: string;
}

/** Replays every run of every workflow in the namespace; each unreplayable history is written to `dir`. */
export async function replayEveryHistory(client: Client, dir: string): Promise<{ replayed: number; failures: ReplayFailure[] }> {
  const histories: HistoryAndWorkflowId[] = [];
  for await (const item of client.workflow.list().intoHistories()) histories.push(item);
  const byRun = new Map(histories.map((item) => [runIdOf(item), item]));
  const failures: ReplayFailure[] = [];
  const write = (workflowId: string, runId: string, history: History | undefined, why: string) => {
    const file = join(dir, 'unreplayable', `${workflowId.replace(/\//g, '__')}.${runId}.json`);
    mkdirSync(join(dir, 'unreplayable'), { recursive: true });
    if (history) writeFileSync(file, historyToJSON(history));
    failures.push({ workflowId, runId, error: why, file });
  };
  for (const item of histories) {
    const history = item.history as History;
    const failed = history.events?.find((e) => /nondetermin/i.test(e.workflowTaskFailedEventAttributes?.failure?.message ?? ''));
    if (failed)
      write(
        item.workflowId,
        runIdOf(item),
        history,
        `a live worker failed event ${String(failed.eventId)}: ${failed.workflowTaskFailedEventAttributes?.failure?.message ?? ''}`,
      );
  }
  for await (const result of Worker.runReplayHistories({ workflowBundle: await workflowBundle(), dataConverter: TEST_DATA_CONVERTER }, histories)) {
    if (result.error) write(result.workflowId, result.runId, byRun.get(result.runId)?.history as History | undefined, result.error.message);
  }
  return { replayed: histories.length, failures };
}

type History = Parameters<typeof historyToJSON>[0];

function runIdOf(item: HistoryAndWorkflowId): string {
  return (item.history as History).events?.[0]?.workflowExecutionStartedEventAttributes?.originalExecutionRunId ?? '';
}
