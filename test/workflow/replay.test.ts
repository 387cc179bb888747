// Determinism: every committed history replays against today's workflow code. A change that
// would make a running execution take a different path fails here, in CI, before it ships.
// Histories are recorded by test/replay/record-histories.ts. Until 1.0 a change to the workflows
// re-records them (docs/testing.md, "Replay histories and versioning"); from 1.0 on, a build's
// folder stays while seasons it started still run. Histories recorded before payloads were encrypted
// replay as they are; later ones decrypt with the tests' key (test/helpers/payload-codec.ts).
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { historyFromJSON } from '@temporalio/common/lib/proto-utils';
import { Worker } from '@temporalio/worker';
import { TEST_DATA_CONVERTER } from '../helpers/payload-codec';
import { workflowBundle } from '../helpers/temporal';

const HISTORIES = join(__dirname, '..', 'replay', 'histories');

const recorded = readdirSync(HISTORIES).flatMap((label) =>
  readdirSync(join(HISTORIES, label)).map((file) => [`${label}/${file}`, join(HISTORIES, label, file)] as const),
);

describe('recorded histories replay on the current workflow code', () => {
  test('there is a recording of every workflow of a season', () => {
    const files = recorded.map(([name]) => name.split('/')[1]);
    expect(files).toEqual(
      expect.arrayContaining([
        'season__demo-2026.json',
        'report__demo-2026__no1-middle-school.json',
        'report__demo-2026__bureau-office.json',
        'meeting__demo-2026__annual.json',
        'rectification__demo-2026__no1-middle-school__1.json',
      ]),
    );
  });

  test.each(recorded)('%s', async (_name, path) => {
    const history = historyFromJSON(JSON.parse(readFileSync(path, 'utf8')));
    await Worker.runReplayHistory({ workflowBundle: await workflowBundle(), dataConverter: TEST_DATA_CONVERTER }, history);
  });
});
