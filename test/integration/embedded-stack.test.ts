// `npm start`'s stack as a person runs it (scripts/start-stack.ts, its own ports and data folder),
// and what it does when one of its processes dies: the worker comes back by itself and the demo
// goes on; without Temporal the whole stack stops, says why, and exits non-zero.
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PROJECT_ROOT } from '../../config/env';
import { stopGroup } from '../../stack/process-group';
import { TEST_SECRET } from '../helpers/audit-key';
import { runCli } from '../helpers/cli';
import { DEMO } from '../helpers/seasons';
import { waitUntil } from '../helpers/wait';
import { freePort } from '../helpers/web-alone';

jest.setTimeout(300_000);

let stack: ChildProcess;
let output = '';
let env: NodeJS.ProcessEnv;
let dataDir: string;
const ended = { code: undefined as number | null | undefined };

const isRunning = (pid: number) => {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
};
/** The pid the stack printed in a line matching `pattern` (its last such line). */
const printedPid = (pattern: RegExp): number => {
  const matches = [...output.matchAll(new RegExp(pattern.source, 'g'))];
  const last = matches.at(-1);
  if (!last?.[1]) throw new Error(`the stack printed no line matching ${pattern}:\n${output}`);
  return Number(last[1]);
};
const printed = (text: string) => waitUntil(() => output.includes(text), 120_000, `the stack to print "${text}"`, 100);

beforeAll(async () => {
  dataDir = mkdtempSync(join(tmpdir(), 'shuzhi-embedded-stack-'));
  const [temporal, ui, smtp, web] = [await freePort(), await freePort(), await freePort(), await freePort()];
  env = {
    SHUZHI_DATA_DIR: dataDir,
    DATABASE_URL: `file:${join(dataDir, 'shuzhi.db')}`,
    TEMPORAL_ADDRESS: `127.0.0.1:${temporal}`,
    TEMPORAL_UI_PORT: String(ui),
    SMTP_URL: `smtp://127.0.0.1:${smtp}`,
    WEB_PORT: String(web),
    PUBLIC_BASE_URL: `http://127.0.0.1:${web}`,
    SHUZHI_SECRET: TEST_SECRET,
    SHUZHI_LOCALE: 'en',
  };
  // Its own process group, so that whatever the test leaves running is stopped with it.
  stack = spawn(process.execPath, [join(PROJECT_ROOT, 'bin/run-ts.js'), 'scripts/start-stack.ts'], {
    cwd: PROJECT_ROOT,
    env: { ...process.env, ...env },
    detached: true,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  for (const stream of [stack.stdout, stack.stderr]) stream?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  stack.on('exit', (code) => (ended.code = code));
  await printed('Press Ctrl-C to stop the stack.');
});

afterAll(async () => {
  if (stack.pid) await stopGroup(stack.pid);
});

test('npm start runs the demo season and shows where to look', async () => {
  expect(output).toContain('[stack] demo season started: demo-2026');
  // One build name whatever the code: a season started before an update carries on after it.
  expect(output).toMatch(/\[worker\] worker: polling task queue "shuzhi" on \S+ as build embedded\n/);
  const login = await fetch(`${env.PUBLIC_BASE_URL}/login`);
  expect(login.status).toBe(200);
});

test('a worker killed mid-season is noticed, named with its log, and started again; the season goes on', async () => {
  const first = printedPid(/\[stack\] worker started \(pid (\d+)\)/);
  process.kill(first, 'SIGKILL');
  await printed(`[stack] the worker (pid ${first}) was stopped by SIGKILL; its log: ${join(dataDir, 'logs', 'worker.log')}`);
  await printed('[stack] restarting the worker in 1 s (restart 1 in a row)');
  await printed('[stack] the worker restarted (pid ');
  const second = printedPid(/\[stack\] the worker restarted \(pid (\d+)\)/);
  expect(second).not.toBe(first);
  expect(isRunning(second)).toBe(true);

  const submitted = await runCli(['report', 'submit', DEMO.middle, '--file', 'examples/report-sample.md', '--accept-warnings', '--as', DEMO.secretary], env);
  expect(submitted).toMatchObject({ code: 0 });
  const shown = await runCli(['report', 'show', DEMO.middle], env);
  expect(shown.stdout).toMatch(/submitted|待审核/);
});

test('when the Temporal server dies the stack says so, stops everything it started and exits non-zero', async () => {
  const temporal = printedPid(/Temporal dev server on \S+ \(pid (\d+)\)/);
  const worker = printedPid(/\[stack\] the worker restarted \(pid (\d+)\)/);
  const web = printedPid(/\[stack\] web app started \(pid (\d+)\)/);
  process.kill(temporal, 'SIGKILL');
  await waitUntil(() => ended.code !== undefined, 60_000, 'the stack to exit', 100);
  expect(ended.code).toBe(1);
  expect(output).toContain(`[stack] the Temporal dev server (pid ${temporal}) was stopped by SIGKILL; its log: ${join(dataDir, 'logs', 'temporal.log')}`);
  expect(output).toContain('[stack] the Temporal dev server stopped: stopping everything');
  expect(output).toContain('[stack] stopped.');
  expect(isRunning(worker)).toBe(false);
  expect(isRunning(web)).toBe(false);
});
