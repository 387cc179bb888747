// `npm test` runs jest in a process group of its own, so that nothing a test started outlives it.
import { processesInGroup, runInOwnProcessGroup } from '../../stack/process-group';

describe('a command run in its own process group', () => {
  test('ends with its exit code, and nothing is left behind when it started nothing', async () => {
    const run = await runInOwnProcessGroup('sh', ['-c', 'exit 3'], { timeLimitMs: 30_000 });
    expect(run).toMatchObject({ code: 3, timedOut: false, leftBehind: [] });
  });

  test('is stopped with everything it started once it outlives its time limit', async () => {
    let told = false;
    const run = await runInOwnProcessGroup('sh', ['-c', 'sleep 61 & sleep 62; wait'], {
      timeLimitMs: 500,
      onTimeLimit: () => (told = true),
    });
    expect(told).toBe(true);
    expect(run).toMatchObject({ code: null, timedOut: true });
    expect(processesInGroup(run.pgid)).toEqual([]);
  });

  test('names and stops what it left running when it exited', async () => {
    // The shell exits only once its child has become `sleep`: until its exec the child is a copy of
    // the shell, and a busy machine used to catch it as `sh -c …`.
    const run = await runInOwnProcessGroup('sh', ['-c', 'sleep 63 & until [ "$(cat /proc/$!/comm)" = sleep ]; do :; done; exit 0'], { timeLimitMs: 30_000 });
    expect(run.code).toBe(0);
    expect(run.leftBehind).toEqual([expect.stringMatching(/^\d+ sleep 63$/)]);
    expect(processesInGroup(run.pgid)).toEqual([]);
  });
});
