// Requests when the worker is gone never hang. Killed a moment ago, the server still lists its poll:
// a request waits a bounded time and says the worker did not answer. Gone for longer than a poll
// takes, a request is refused at once, before anything is stored. The next worker carries on.
import { DEMO } from '../helpers/seasons';
import { runCli } from '../helpers/cli';
import { startRealStack, type RealStack } from '../helpers/real-stack';
import { startSeasonOnStack } from '../helpers/season-on-stack';
import { POLLED_WITHIN_MS, waitForWorker } from '../../app/worker-presence';
import { REQUEST_PATIENCE_MS } from '../../app/report-commands';
import type { OwnedProcess } from '../../stack/child-process';
import { issueApiToken } from '../../app/api-tokens';
import { GOOD_REPORT } from '../helpers/report-harness';

jest.setTimeout(300_000);

let stack: RealStack;
let worker: OwnedProcess;
beforeAll(async () => {
  stack = await startRealStack('no-worker');
  worker = stack.startWorker();
  await startSeasonOnStack(stack);
  await stack.startWeb();
});
afterAll(async () => {
  await stack?.stop();
});

const submit = () =>
  runCli(['report', 'submit', DEMO.middle, '--file', 'examples/report-sample.md', '--accept-warnings', '--as', DEMO.secretary], stack.cliEnv);
const recorded = async () => ({
  events: await stack.scratch.db.auditEvent.count(),
  texts: await stack.scratch.db.reportContent.count(),
  versions: await stack.scratch.db.reportVersion.count(),
});

test('a worker killed mid-season: requests say it did not answer, then that none runs, and the next worker carries on', async () => {
  worker.child.kill('SIGKILL');
  await worker.ended;
  const killedAt = Date.now();

  const unanswered = await submit();
  expect(unanswered.code).toBe(1);
  expect(unanswered.stderr).toContain(`The worker did not answer within ${REQUEST_PATIENCE_MS / 1000} s`);

  // Once no poll is recent, the server no longer counts the dead worker: refused at once.
  await new Promise((resolve) => setTimeout(resolve, Math.max(0, killedAt + POLLED_WITHIN_MS + 1_000 - Date.now())));
  const before = await recorded();
  for (const args of [
    ['report', 'submit', DEMO.middle, '--file', 'examples/report-sample.md', '--accept-warnings', '--as', DEMO.secretary],
    ['report', 'draft', DEMO.middle, '--file', 'examples/report-sample.md', '--as', DEMO.secretary],
    ['report', 'show', DEMO.middle],
  ]) {
    const refused = await runCli(args, stack.cliEnv);
    expect({ args, code: refused.code }).toEqual({ args, code: 1 });
    expect(refused.stderr).toContain('No worker is running');
  }
  // The API says so with 503: the request may be sent again later.
  const { token } = await issueApiToken(stack.scratch.db, DEMO.secretary, 'script', 30);
  const api = await fetch(`${stack.webUrl}/api/v1/reports/${encodeURIComponent(DEMO.middle)}/submit`, {
    method: 'POST',
    headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
    body: JSON.stringify({ text: GOOD_REPORT, acceptWarnings: true }),
  });
  expect(api.status).toBe(503);
  expect(await api.json()).toMatchObject({ error: { code: 'no_worker', message: { en: expect.stringContaining('No worker is running') } } });
  expect(await recorded()).toEqual(before);

  stack.startWorker();
  await waitForWorker(stack.env.client, 60_000); // its first poll comes once its workflows are bundled
  const shown = await runCli(['report', 'show', DEMO.middle], stack.cliEnv);
  expect(shown).toMatchObject({ code: 0, stderr: '' });
});
