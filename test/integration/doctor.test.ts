// `shuzhi doctor` against real parts: a healthy stack passes every check; a deployment with a part
// wrong names that part and what to do, exits 1, and changes nothing on the way.
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { runCli } from '../helpers/cli';
import { startRealStack, type RealStack } from '../helpers/real-stack';
import { freePort } from '../helpers/web-alone';
import { msToTs } from '@temporalio/common/lib/time';
import { waitForWorker } from '../../app/worker-presence';
import { currentBuild } from '../../app/worker-builds';
import { waitUntil } from '../helpers/wait';

jest.setTimeout(240_000);

let stack: RealStack;
beforeAll(async () => {
  stack = await startRealStack('doctor');
  stack.startWorker();
  await waitForWorker(stack.env.client, 60_000);
  // While the worker makes its build current the server may take seconds to describe the builds:
  // doctor would say so as a warning (tested below), which the exact counts here do not expect.
  await waitUntil(
    async () => (await currentBuild(stack.env.connection, stack.env.namespace ?? 'default')) !== undefined,
    90_000,
    'the worker build to become current',
    500,
  );
});
afterAll(async () => {
  await stack?.stop();
});

const doctor = (env: NodeJS.ProcessEnv = {}) => runCli(['doctor'], { ...stack.cliEnv, ...env });

test('a healthy deployment passes every check', async () => {
  const result = await doctor();
  expect(result.stderr).toBe('');
  expect(result.code).toBe(0);
  for (const part of ['secret', 'public address', 'database', 'migrations', 'Temporal', 'namespace', 'search attributes', 'SMTP', 'worker']) {
    expect(result.stdout).toMatch(new RegExp(`^✓ ${part}: `, 'm'));
  }
  expect(result.stdout).toContain('ShuzhiSeasonId, ShuzhiBranchId, ShuzhiReportState');
  expect(result.stdout.trim().split('\n').at(-1)).toBe('All is well.');
});

test('an unmigrated database and an SMTP server that is not there are named with what to do, and nothing is made', async () => {
  const emptyDb = join(stack.dir, 'not-yet-migrated.db');
  const result = await doctor({ DATABASE_URL: `file:${emptyDb}`, SMTP_URL: `smtp://127.0.0.1:${await freePort()}` });
  expect(result.code).toBe(1);
  expect(result.stdout).toMatch(/^✗ migrations: \d+ not applied: 20261125000000_init, /m);
  expect(result.stdout).toContain('→ run npx shuzhi db:migrate');
  expect(result.stdout).toMatch(/^✗ SMTP: cannot reach 127\.0\.0\.1:\d+: connect ECONNREFUSED/m);
  expect(result.stdout).toMatch(/^✓ Temporal: /m);
  expect(result.stdout).toContain('2 problem(s), 0 warning(s).');
  expect(existsSync(emptyDb)).toBe(false);
});

test('a namespace that does not exist is named with the command that makes it', async () => {
  const result = await doctor({ TEMPORAL_NAMESPACE: 'shuzhi-nowhere' });
  expect(result.code).toBe(1);
  expect(result.stdout).toMatch(/^✗ namespace: shuzhi-nowhere does not exist/m);
  expect(result.stdout).toContain('→ temporal operator namespace create --namespace shuzhi-nowhere');
});

test('a namespace without the search attributes gets the commands that register them, and a worker polling elsewhere is none', async () => {
  await stack.env.connection.workflowService.registerNamespace({
    namespace: 'shuzhi-bare',
    workflowExecutionRetentionPeriod: msToTs('1 day'),
  });
  const result = await doctor({ TEMPORAL_NAMESPACE: 'shuzhi-bare' });
  expect(result.code).toBe(1);
  expect(result.stdout).toMatch(/^✗ search attributes: not registered: ShuzhiSeasonId, ShuzhiBranchId, ShuzhiReportState/m);
  expect(result.stdout).toContain('temporal operator search-attribute create --namespace shuzhi-bare --name ShuzhiSeasonId --type Keyword');
  expect(result.stdout).toMatch(/^✗ worker: none polls task queue shuzhi/m);
});

test('off the embedded stack, a deployment without SHUZHI_SECRET and with a plain-http address is told so', async () => {
  const result = await doctor({ SHUZHI_SECRET: '', PUBLIC_BASE_URL: 'http://shuzhi.example.org' });
  expect(result.code).toBe(1);
  expect(result.stdout).toMatch(/^✗ secret: SHUZHI_SECRET is not set/m);
  expect(result.stdout).toMatch(/^! public address: http:\/\/shuzhi\.example\.org is not https/m);
});
