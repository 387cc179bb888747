// How long the worker takes to replay a report's history: what a report that left the workflow
// cache costs before its next step. Replays one recorded history N times in one replay worker and
// prints the mean. `npm run bench:replay` runs it as the worker runs (without the SDK's per-promise
// stack traces); `WORKER_WORKFLOW_STACK_TRACES=on npm run bench:replay` with them.
//   npm run bench:replay -- [history.json] [N]
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { historyFromJSON } from '@temporalio/common/lib/proto-utils';
import { DefaultLogger, Runtime, Worker } from '@temporalio/worker';
import { PROJECT_ROOT } from '../config/env';
import { workflowStackTracesOff } from '../stack/worker-node-args';
import { bundleWorkflows } from '../worker/workflow-bundle';

/** A report submitted, sent back, resubmitted, passed and approved: 57 events, 7 workflow tasks. */
const DEFAULT_HISTORY = join(PROJECT_ROOT, 'test/replay/histories/v4-changes-as-local-activities/report__demo-2026__no1-middle-school.json');
const WARM_UP = 20;

async function main() {
  const [file = DEFAULT_HISTORY, count = '300'] = process.argv.slice(2);
  const n = Number(count);
  const history = historyFromJSON(JSON.parse(readFileSync(file, 'utf8')));
  Runtime.install({ logger: new DefaultLogger('WARN') });
  const histories = Array.from({ length: WARM_UP + n }, (_, i) => ({ workflowId: `replay-${i}`, history }));
  let done = 0;
  let started = 0;
  for await (const result of Worker.runReplayHistories({ workflowBundle: await bundleWorkflows(), replayName: 'bench-replay' }, histories)) {
    if (result.error) throw result.error;
    if (++done === WARM_UP) started = performance.now();
  }
  const meanMs = (performance.now() - started) / n;
  console.log(`${n} replays of ${history.events?.length} events (after ${WARM_UP} to warm up): ${meanMs.toFixed(1)} ms each`);
  console.log(`the SDK's per-promise stack traces: ${workflowStackTracesOff() ? 'off' : 'on'}`);
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
