// A command run in a process group of its own, so that it and every process it started can be
// stopped together: when it outlives its time limit, when we are interrupted, and when it exits
// but leaves something running. `npm test` runs jest this way; a dev server or a CLI left behind
// by a test that timed out would otherwise keep the run (and CI) waiting for ever.
import { spawn } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';

export interface GroupRun {
  pgid: number;
  /** The command's exit code; null when it was killed. */
  code: number | null;
  timedOut: boolean;
  /** The processes of its group still running when it exited (each "pid command line"), now stopped. */
  leftBehind: string[];
}

/** The processes whose process group is `pgid`, as "pid command line". */
export function processesInGroup(pgid: number): string[] {
  const found: string[] = [];
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = readFileSync(`/proc/${entry}/stat`, 'utf8');
      // After the command name in parentheses: state, parent pid, process group.
      const [state, , group] = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      if (Number(group) !== pgid || state === 'Z') continue;
      const commandLine = readFileSync(`/proc/${entry}/cmdline`, 'utf8').split('\0').join(' ').trim();
      found.push(`${entry} ${commandLine}`);
    } catch {
      // it exited while we looked
    }
  }
  return found;
}

function signalGroup(pgid: number, signal: NodeJS.Signals) {
  try {
    process.kill(-pgid, signal);
  } catch {
    // nothing left in it
  }
}

/** Stops every process of the group: SIGTERM, then SIGKILL for what is left after `graceMs`. */
export async function stopGroup(pgid: number, graceMs = 5_000): Promise<void> {
  signalGroup(pgid, 'SIGTERM');
  const deadline = Date.now() + graceMs;
  while (processesInGroup(pgid).length > 0 && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 100));
  signalGroup(pgid, 'SIGKILL');
}

export function runInOwnProcessGroup(
  command: string,
  args: string[],
  options: { cwd?: string; timeLimitMs: number; onTimeLimit?: () => void },
): Promise<GroupRun> {
  const child = spawn(command, args, { cwd: options.cwd, stdio: 'inherit', detached: true });
  const pgid = child.pid!;
  let timedOut = false;
  const limit = setTimeout(() => {
    timedOut = true;
    options.onTimeLimit?.();
    void stopGroup(pgid);
  }, options.timeLimitMs);
  // Ctrl-C reaches only the terminal's foreground group, which the command is no longer in; once
  // the group is stopped, the command's exit below ends the run as usual.
  const onInterrupt = () => void stopGroup(pgid);
  process.once('SIGINT', onInterrupt);
  process.once('SIGTERM', onInterrupt);

  return new Promise((resolve, reject) => {
    child.once('error', reject);
    child.once('exit', (code) => {
      clearTimeout(limit);
      process.off('SIGINT', onInterrupt);
      process.off('SIGTERM', onInterrupt);
      const leftBehind = processesInGroup(pgid);
      void stopGroup(pgid, leftBehind.length ? 5_000 : 0).then(() => resolve({ pgid, code, timedOut, leftBehind }));
    });
  });
}
