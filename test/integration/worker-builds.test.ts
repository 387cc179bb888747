// A season runs on the worker build it started with (Temporal's Worker Deployments, pinned): a
// season started on build A keeps going on A after build B is deployed, to its close, while a
// season started after the deployment runs on B.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { temporal } from '@temporalio/proto';
import { stringify } from 'yaml';
import { currentBuild } from '../../app/worker-builds';
import { reportWorkflowId, seasonWorkflowId } from '../../domain/ids';
import type { SeasonFile } from '../../domain/season-file';
import { runCli } from '../helpers/cli';
import { startRealStack, type RealStack } from '../helpers/real-stack';
import { demoSeason } from '../helpers/seasons';
import { waitUntil } from '../helpers/wait';
import type { OwnedProcess } from '../../stack/child-process';

jest.setTimeout(600_000);

let stack: RealStack;
const seasonA = demoSeason({ id: 'build-a-2026', title: '在构建 A 上启动的述职季' });
const seasonB = demoSeason({ id: 'build-b-2026', title: '在构建 B 上启动的述职季' });
const SECRETARY = 'shuji.jiguan@bureau.example';

beforeAll(async () => {
  stack = await startRealStack('worker-builds');
});
afterAll(async () => {
  await stack?.stop();
});

const cli = async (...args: string[]) => {
  const result = await runCli(args, stack.cliEnv);
  if (result.code !== 0) throw new Error(`shuzhi ${args.join(' ')}: ${result.stderr || result.stdout}`);
  return result.stdout;
};
const current = () => currentBuild(stack.env.connection, stack.env.namespace ?? 'default');

async function startSeason(season: SeasonFile) {
  const file = join(stack.dir, `${season.id}.yaml`);
  writeFileSync(file, stringify(season));
  await cli('season', 'create', '--file', file);
  await cli('season', 'start', season.id, '--wait');
  const branches = season.organization.branches.length;
  await waitUntil(async () => (await stack.scratch.db.report.count({ where: { seasonId: season.id } })) === branches, 120_000, `${season.id}'s reports`, 200);
}

async function describeBuild(workflowId: string) {
  const described = await stack.env.client.workflow.getHandle(workflowId).describe();
  const info = described.raw.workflowExecutionInfo?.versioningInfo;
  return { status: described.status.name, build: info?.deploymentVersion?.buildId };
}

/** The builds that completed the workflow's tasks, in order, without repeats. */
async function buildsThatRan(workflowId: string): Promise<string[]> {
  const history = await stack.env.client.workflow.getHandle(workflowId).fetchHistory();
  const builds = (history.events ?? []).flatMap((event: temporal.api.history.v1.IHistoryEvent) => {
    const build = event.workflowTaskCompletedEventAttributes?.deploymentVersion?.buildId;
    return build ? [build] : [];
  });
  return builds.filter((build, i) => build !== builds[i - 1]);
}

const workflowsOf = (season: SeasonFile) => [
  seasonWorkflowId(season.id),
  ...season.organization.branches.map((branch) => reportWorkflowId(season.id, branch.id)),
];

let workerB: OwnedProcess;

test('a season started on build A finishes on A after build B is deployed; a season started then runs on B', async () => {
  stack.startWorker({ name: 'worker-build-a', env: { WORKER_BUILD_ID: 'build-a' } });
  await waitUntil(async () => (await current()) === 'build-a', 90_000, 'build A to become current', 1_000);
  await startSeason(seasonA);
  await cli('report', 'submit', `${seasonA.id}/bureau-office`, '--file', 'examples/report-sample.md', '--accept-warnings', '--as', SECRETARY);

  // Build B is deployed beside A: new seasons start on it from now on.
  workerB = stack.startWorker({ name: 'worker-build-b', env: { WORKER_BUILD_ID: 'build-b' } });
  await waitUntil(async () => (await current()) === 'build-b', 90_000, 'build B to become current', 1_000);
  await startSeason(seasonB);

  // Season A carries on, on A: a review, an approval, a branch added, the close.
  await cli('report', 'review', `${seasonA.id}/bureau-office`, '--approve', '--as', 'zuzhi@bureau.example');
  await cli('season', 'approve', seasonA.id, '--branch', 'bureau-office', '--rating', '好', '--as', 'dangzu.shuji@bureau.example');
  await cli(
    ...['season', 'add-branch', seasonA.id, '--id', 'late-branch', '--name', '后加入的党支部', '--secretary', 'shuji.late@school.example'],
    ...['--as', 'zuzhi@bureau.example'],
  );
  await cli('report', 'submit', `${seasonB.id}/bureau-office`, '--file', 'examples/report-sample.md', '--accept-warnings', '--as', SECRETARY);
  await cli('season', 'close', seasonA.id, '--wait', '--as', 'zuzhi@bureau.example');

  const aWorkflows = [...workflowsOf(seasonA), reportWorkflowId(seasonA.id, 'late-branch')];
  for (const workflowId of aWorkflows) {
    expect({ workflowId, ...(await describeBuild(workflowId)) }).toEqual({ workflowId, status: 'COMPLETED', build: 'build-a' });
    expect({ workflowId, ran: await buildsThatRan(workflowId) }).toEqual({ workflowId, ran: ['build-a'] });
  }
  for (const workflowId of workflowsOf(seasonB)) {
    expect({ workflowId, ...(await describeBuild(workflowId)) }).toEqual({ workflowId, status: 'RUNNING', build: 'build-b' });
    expect({ workflowId, ran: await buildsThatRan(workflowId) }).toEqual({ workflowId, ran: ['build-b'] });
  }
  const states = await stack.scratch.db.report.findMany({
    where: { seasonId: seasonA.id },
    select: { branchId: true, state: true },
    orderBy: { branchId: 'asc' },
  });
  expect(states.find((r) => r.branchId === 'bureau-office')?.state).toBe('approved');
});

test('doctor names a running season whose build has no worker, and what to do', async () => {
  const healthy = await runCli(['doctor'], stack.cliEnv);
  expect(healthy.stdout).toContain(`build build-b: running seasons ${seasonB.id}`);
  expect(healthy.stdout).toContain('new seasons start on build build-b');

  await workerB.stop();
  // The server lists a stopped worker's poller until it has not polled for a while (POLLED_WITHIN_MS).
  let doctor = healthy;
  await waitUntil(
    async () => {
      doctor = await runCli(['doctor'], stack.cliEnv);
      return doctor.stdout.includes('no worker of it runs');
    },
    150_000,
    'doctor to miss build B',
    5_000,
  );
  expect(doctor.code).toBe(1);
  expect(doctor.stdout).toContain(`seasons ${seasonB.id} are pinned to build build-b, and no worker of it runs`);
  expect(doctor.stdout).toContain('start a worker of that build (WORKER_BUILD_ID=build-b');

  // A worker of build A still polls, but none of B: a request to season B is refused at once.
  const refused = await runCli(
    ['report', 'submit', `${seasonB.id}/no1-middle-school`, '--file', 'examples/report-sample.md', '--accept-warnings', '--as', 'shuji.yizhong@school.example'],
    stack.cliEnv,
  );
  expect(refused.code).toBe(1);
  expect(refused.stderr).toContain(`Season ${seasonB.id} runs on build build-b, and no worker of that build is running: nothing was sent`);
  expect(await stack.scratch.db.reportVersion.count({ where: { reportId: `${seasonB.id}/no1-middle-school` } })).toBe(0);
});
