// Determinism: every committed history replays against today's workflow code. A change that
// would make a running execution take a different path fails here, in CI, before it ships.
// Histories are recorded by test/replay/record-histories.ts; add a folder when behaviour changes.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { historyFromJSON } from '@temporalio/common/lib/proto-utils';
import { Worker } from '@temporalio/worker';
import { workflowBundle } from '../helpers/temporal';

const HISTORIES = join(__dirname, '..', 'replay', 'histories');

const recorded = readdirSync(HISTORIES).flatMap((label) =>
  readdirSync(join(HISTORIES, label)).map((file) => [`${label}/${file}`, join(HISTORIES, label, file)] as const),
);

describe('recorded histories replay on the current workflow code', () => {
  test('there are histories from before and after each patch', () => {
    expect(recorded.map(([name]) => name.split('/')[0])).toEqual(expect.arrayContaining(['v1-assignment-only', 'v2-lifecycle', 'v3-fan-out-by-activity', 'v4-changes-as-local-activities', 'v5-approval-in-fresh-run', 'v6-mail-outbox']));
  });

  test.each(recorded)('%s', async (_name, path) => {
    const history = historyFromJSON(JSON.parse(readFileSync(path, 'utf8')));
    await Worker.runReplayHistory({ workflowBundle: await workflowBundle() }, history);
  });
});
