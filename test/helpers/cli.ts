// Runs the real `shuzhi` command in a child process, as a person would.
import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { PROJECT_ROOT } from '../../config/env';

export interface CliResult {
  code: number | null;
  stdout: string;
  stderr: string;
}

/**
 * No command in the tests comes near this limit; one that hangs (say, on a server a timed-out
 * test has already stopped) is killed, so it cannot keep jest from exiting, and says so in its
 * stderr.
 */
const TIME_LIMIT_MS = 90_000;

export function runCli(args: string[], env: NodeJS.ProcessEnv): Promise<CliResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [join(PROJECT_ROOT, 'bin', 'shuzhi.js'), ...args], {
      cwd: PROJECT_ROOT,
      env: { ...process.env, ...env },
    });
    let stdout = '';
    let stderr = '';
    const limit = setTimeout(() => {
      stderr += `\n[test] shuzhi ${args.join(' ')} did not finish within ${TIME_LIMIT_MS} ms; killed\n`;
      child.kill('SIGKILL');
    }, TIME_LIMIT_MS);
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.on('error', (error) => {
      clearTimeout(limit);
      reject(error);
    });
    child.on('exit', (code) => {
      clearTimeout(limit);
      resolve({ code, stdout, stderr });
    });
  });
}
