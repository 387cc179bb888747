// Runs the real `shuzhi` command in a child process, as a person would.
import { spawn } from 'node:child_process';
import { cpSync, mkdtempSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
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

/** Runs `shuzhi …` from the project, or from `root`, a copy of it; `input` is typed into its stdin, which is then closed. */
export function runCli(args: string[], env: NodeJS.ProcessEnv, root = PROJECT_ROOT, input?: string): Promise<CliResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [join(root, 'bin', 'shuzhi.js'), ...args], {
      cwd: root,
      env: { ...process.env, ...env },
    });
    if (input !== undefined) child.stdin.end(input);
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

/** The folders the CLI loads its code from; generated/ (the Prisma clients) is left to the caller. */
const CLI_SOURCES = [
  'activities',
  'app',
  'bin',
  'client',
  'config',
  'db',
  'domain',
  'exports',
  'mail',
  'temporal',
  'workflows',
  'package.json',
  'tsconfig.json',
];

/**
 * A copy of the project as `npm ci` leaves it before the bootstrap: the code and node_modules,
 * and the generated Prisma clients only `withGeneratedClient`. The real generated/ stays as it is.
 */
export function projectCopy(options: { withGeneratedClient: boolean }): string {
  const root = mkdtempSync(join(tmpdir(), 'shuzhi-copy-'));
  for (const entry of CLI_SOURCES) cpSync(join(PROJECT_ROOT, entry), join(root, entry), { recursive: true });
  symlinkSync(join(PROJECT_ROOT, 'node_modules'), join(root, 'node_modules'));
  if (options.withGeneratedClient) symlinkSync(join(PROJECT_ROOT, 'generated'), join(root, 'generated'));
  return root;
}
