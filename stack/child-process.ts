// Child processes the stack owns: output prefixed with their name, stopped with SIGTERM and,
// if they linger, SIGKILL.
import { spawn, type ChildProcess, type SpawnOptions } from 'node:child_process';
import { createWriteStream } from 'node:fs';

/** How a process ended: its exit code, or the signal that stopped it. */
export interface ProcessEnd {
  code: number | null;
  signal: NodeJS.Signals | null;
}

export interface OwnedProcess {
  name: string;
  child: ChildProcess;
  /** Where its output is kept, when it is. */
  logFile?: string;
  exited: Promise<number | null>;
  ended: Promise<ProcessEnd>;
  /** True once `stop` was called: an exit after it was asked for. */
  readonly stopping: boolean;
  stop(graceMs?: number): Promise<void>;
}

/** "exited with code 1", "was stopped by SIGKILL": how a process ended, for a person. */
export function describeEnd(end: ProcessEnd): string {
  return end.signal ? `was stopped by ${end.signal}` : `exited with code ${end.code}`;
}

export function startOwnedProcess(
  name: string,
  command: string,
  args: string[],
  options: SpawnOptions & { logFile?: string; echo?: boolean } = {},
): OwnedProcess {
  const child = spawn(command, args, { stdio: ['ignore', 'pipe', 'pipe'], ...options });
  const log = options.logFile ? createWriteStream(options.logFile, { flags: 'a' }) : undefined;
  for (const stream of [child.stdout, child.stderr]) {
    stream?.on('data', (chunk: Buffer) => {
      log?.write(chunk);
      if (options.echo) {
        for (const line of chunk.toString().split('\n').filter(Boolean)) console.log(`[${name}] ${line}`);
      }
    });
  }
  const ended = new Promise<ProcessEnd>((resolve) => child.on('exit', (code, signal) => resolve({ code, signal })));
  let stopping = false;
  return {
    name,
    child,
    logFile: options.logFile,
    exited: ended.then((end) => end.code),
    ended,
    get stopping() {
      return stopping;
    },
    async stop(graceMs = 10_000) {
      stopping = true;
      if (child.exitCode !== null || child.signalCode !== null) return;
      child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), graceMs);
      await ended;
      clearTimeout(timer);
      log?.end();
    },
  };
}
