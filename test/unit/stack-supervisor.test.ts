// What the embedded stack does when one of its processes ends, on fake processes and a fake clock:
// the worker is started again after a growing wait, a healthy run resets the wait, and the loss of
// a process without a restart stops the stack. The real processes: test/integration/embedded-stack.test.ts.
import type { ChildProcess } from 'node:child_process';
import type { OwnedProcess, ProcessEnd } from '../../stack/child-process';
import { describeEnd } from '../../stack/child-process';
import { HEALTHY_RUN_MS, LONGEST_RESTART_DELAY_MS, nextAttempt, restartDelayMs } from '../../stack/restart-backoff';
import { createSupervisor } from '../../stack/supervisor';

let nextPid = 100;
function fakeProcess(name: string) {
  let end!: (how: ProcessEnd) => void;
  let stopping = false;
  const process: OwnedProcess = {
    name,
    child: { pid: nextPid++ } as ChildProcess,
    logFile: `/data/logs/${name}.log`,
    ended: new Promise<ProcessEnd>((resolve) => (end = resolve)),
    exited: Promise.resolve(null),
    get stopping() {
      return stopping;
    },
    stop: async () => {
      stopping = true;
      end({ code: null, signal: 'SIGTERM' });
    },
  };
  return { process, die: (how: ProcessEnd) => end(how) };
}

const settle = () => new Promise((resolve) => setImmediate(resolve));

function harness() {
  let clock = 0;
  const said: string[] = [];
  const waits: number[] = [];
  const stopped: string[] = [];
  const started: ReturnType<typeof fakeProcess>[] = [];
  const supervisor = createSupervisor({
    say: (line) => said.push(line),
    stopTheStack: (reason) => stopped.push(reason),
    now: () => clock,
    sleep: async (ms) => {
      waits.push(ms);
      clock += ms;
    },
  });
  const startWorker = () => {
    const worker = fakeProcess('worker');
    started.push(worker);
    return worker.process;
  };
  return {
    supervisor,
    said,
    waits,
    stopped,
    started,
    startWorker,
    pass: (ms: number) => (clock += ms),
  };
}

describe('how a process ended, for a person', () => {
  test('a signal is named, otherwise the exit code', () => {
    expect(describeEnd({ code: null, signal: 'SIGKILL' })).toBe('was stopped by SIGKILL');
    expect(describeEnd({ code: 3, signal: null })).toBe('exited with code 3');
  });
});

describe('the wait before a worker is started again', () => {
  test('starts at a second and doubles after each quick failure, up to half a minute', () => {
    expect([1, 2, 3, 4, 5, 6, 7].map(restartDelayMs)).toEqual([1_000, 2_000, 4_000, 8_000, 16_000, 30_000, 30_000]);
    expect(restartDelayMs(50)).toBe(LONGEST_RESTART_DELAY_MS);
  });

  test('a worker that ran a good while counts as healthy: its next restart is the first again', () => {
    expect(nextAttempt(4, HEALTHY_RUN_MS)).toBe(1);
    expect(nextAttempt(4, HEALTHY_RUN_MS - 1)).toBe(5);
    expect(nextAttempt(0, 0)).toBe(1);
  });

  test('there is no restart number zero', () => {
    expect(() => restartDelayMs(0)).toThrow(RangeError);
    expect(() => restartDelayMs(1.5)).toThrow(RangeError);
  });
});

describe('the stack watching its processes', () => {
  test('a killed worker is named with its log and started again, and again with a longer wait', async () => {
    const h = harness();
    h.supervisor.watch({ label: 'the worker', process: h.startWorker(), restart: h.startWorker });
    const first = h.started[0]!;
    first.die({ code: null, signal: 'SIGKILL' });
    await settle();
    expect(h.said).toEqual([
      `the worker (pid ${first.process.child.pid}) was stopped by SIGKILL; its log: /data/logs/worker.log`,
      'restarting the worker in 1 s (restart 1 in a row)',
      `the worker restarted (pid ${h.started[1]!.process.child.pid})`,
    ]);
    expect(h.supervisor.current()).toEqual([h.started[1]!.process]);

    h.started[1]!.die({ code: 1, signal: null });
    await settle();
    expect(h.waits).toEqual([1_000, 2_000]);
    expect(h.said).toContain('restarting the worker in 2 s (restart 2 in a row)');
    expect(h.stopped).toEqual([]);
  });

  test('a worker that had run for minutes is restarted after the shortest wait', async () => {
    const h = harness();
    h.supervisor.watch({ label: 'the worker', process: h.startWorker(), restart: h.startWorker });
    h.started[0]!.die({ code: 1, signal: null });
    await settle();
    h.started[1]!.die({ code: 1, signal: null });
    await settle();
    h.pass(HEALTHY_RUN_MS);
    h.started[2]!.die({ code: 1, signal: null });
    await settle();
    expect(h.waits).toEqual([1_000, 2_000, 1_000]);
  });

  test('the Temporal server or the web app ending stops the stack, naming it', async () => {
    const h = harness();
    const temporal = fakeProcess('temporal');
    const web = fakeProcess('web');
    h.supervisor.watch({ label: 'the Temporal dev server', process: temporal.process });
    h.supervisor.watch({ label: 'the web app', process: web.process });
    web.die({ code: 1, signal: null });
    await settle();
    expect(h.said).toEqual([`the web app (pid ${web.process.child.pid}) exited with code 1; its log: /data/logs/web.log`]);
    expect(h.stopped).toEqual(['the web app stopped']);
  });

  test('processes the stack stops itself are neither reported nor restarted', async () => {
    const h = harness();
    h.supervisor.watch({ label: 'the worker', process: h.startWorker(), restart: h.startWorker });
    await h.started[0]!.process.stop();
    await settle();
    expect(h.said).toEqual([]);
    expect(h.started).toHaveLength(1);
  });

  test('after standing down, an exit starts nothing, even one already waiting to restart', async () => {
    const h = harness();
    let release!: () => void;
    const supervisor = createSupervisor({
      say: (line) => h.said.push(line),
      stopTheStack: (reason) => h.stopped.push(reason),
      sleep: () => new Promise<void>((resolve) => (release = resolve)),
    });
    supervisor.watch({ label: 'the worker', process: h.startWorker(), restart: h.startWorker });
    h.started[0]!.die({ code: 1, signal: null });
    await settle();
    supervisor.standDown();
    release();
    await settle();
    expect(h.started).toHaveLength(1);
    expect(h.said).not.toContainEqual(expect.stringContaining('restarted'));
  });

  test('the processes keep their start order through restarts, for stopping in reverse', async () => {
    const h = harness();
    const temporal = fakeProcess('temporal');
    h.supervisor.watch({ label: 'the Temporal dev server', process: temporal.process });
    h.supervisor.watch({ label: 'the worker', process: h.startWorker(), restart: h.startWorker });
    const web = fakeProcess('web');
    h.supervisor.watch({ label: 'the web app', process: web.process });
    h.started[0]!.die({ code: null, signal: 'SIGKILL' });
    await settle();
    expect(h.supervisor.current()).toEqual([temporal.process, h.started[1]!.process, web.process]);
  });
});
