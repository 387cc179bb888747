// Watches the processes `npm start` owns, so that none of them stops unnoticed. Any exit is said
// with the process's name, how it ended and where its log is. The worker is started again after
// a growing wait (stack/restart-backoff.ts): Temporal keeps each report's work until a worker polls
// again, so nothing is lost. Without Temporal or the web app nothing works, and a stack that kept
// running without them would hide it: their loss stops everything, and the stack exits non-zero.
import { describeEnd, type OwnedProcess } from './child-process';
import { nextAttempt, restartDelayMs } from './restart-backoff';

export interface Watched {
  /** What a person calls it: "the worker", "the Temporal dev server". */
  label: string;
  process: OwnedProcess;
  /** Starts it again; without it, its exit stops the stack. */
  restart?: () => OwnedProcess;
}

export interface SupervisorHooks {
  say(line: string): void;
  /** Everything must stop: a process without a restart ended. */
  stopTheStack(reason: string): void;
  now?: () => number;
  /** Waits; the tests' clock may replace it. */
  sleep?: (ms: number) => Promise<void>;
}

export interface Supervisor {
  watch(watched: Watched): void;
  /** The processes as they are now (a restarted worker is its new process), in start order. */
  current(): OwnedProcess[];
  /** From now on exits are expected: nothing is restarted and nothing is said. */
  standDown(): void;
}

const whereItsLogIs = (process: OwnedProcess) => (process.logFile ? `; its log: ${process.logFile}` : '');

export function createSupervisor(hooks: SupervisorHooks): Supervisor {
  const now = hooks.now ?? Date.now;
  const sleep = hooks.sleep ?? ((ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms)));
  const processes: OwnedProcess[] = [];
  let standingDown = false;

  // Each watched process keeps its place in `processes`; a restart takes the place of what it replaces.
  const follow = (watched: Watched, index: number, attempt: number) => {
    const process = processes[index]!;
    const startedAt = now();
    void process.ended.then(async (end) => {
      if (standingDown || process.stopping) return;
      hooks.say(`${watched.label} (pid ${process.child.pid}) ${describeEnd(end)}${whereItsLogIs(process)}`);
      if (!watched.restart) return hooks.stopTheStack(`${watched.label} stopped`);
      const next = nextAttempt(attempt, now() - startedAt);
      const delay = restartDelayMs(next);
      hooks.say(`restarting ${watched.label} in ${delay / 1000} s (restart ${next} in a row)`);
      await sleep(delay);
      if (standingDown) return;
      const restarted = watched.restart();
      processes[index] = restarted;
      hooks.say(`${watched.label} restarted (pid ${restarted.child.pid})`);
      follow(watched, index, next);
    });
  };

  return {
    watch: (watched) => follow(watched, processes.push(watched.process) - 1, 0),
    current: () => [...processes],
    standDown: () => {
      standingDown = true;
    },
  };
}
