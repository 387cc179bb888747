// The cluster stack: Temporal's own server on PostgreSQL with frontend, history, matching and its
// worker service as separate processes (stack/temporal-cluster.ts), and two of our workers. One
// worker is killed mid-season and the other carries the season on; the history service restarts
// mid-season and requests go on. In both, every act is in the record exactly once.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { stringify } from 'yaml';
import type { SeasonFile } from '../../domain/season-file';
import { at } from '../helpers/at';
import { runCli } from '../helpers/cli';
import { startRealStack, type RealStack } from '../helpers/real-stack';
import { demoSeason } from '../helpers/seasons';
import { waitUntil } from '../helpers/wait';
import type { OwnedProcess } from '../../stack/child-process';

jest.setTimeout(600_000);

const BRANCHES = 60;
let stack: RealStack;
let workers: OwnedProcess[];
let season: SeasonFile;

beforeAll(async () => {
  // Two workers write the record at once: PostgreSQL, as a deployment has (two processes on one
  // SQLite file time out each other's transactions).
  stack = await startRealStack('cluster-workers', { temporal: 'cluster', database: 'postgresql' });
  workers = [stack.startWorker({ name: 'worker-a' }), stack.startWorker({ name: 'worker-b' })];
  const base = demoSeason();
  season = {
    ...base,
    id: 'district-2026',
    people: [
      ...base.people,
      ...Array.from({ length: BRANCHES }, (_, i) => ({ email: `shuji${i + 1}@district.example`, name: `书记${i + 1}`, locale: 'zh-CN' as const })),
    ],
    organization: {
      ...base.organization,
      branches: Array.from({ length: BRANCHES }, (_, i) => ({
        ...at(base.organization.branches, i % 3),
        id: `branch-${String(i + 1).padStart(2, '0')}`,
        name: `第${i + 1}党支部`,
        secretary: `shuji${i + 1}@district.example`,
      })),
    },
  };
  writeFileSync(join(stack.dir, 'season.yaml'), stringify(season));
  const created = await runCli(['season', 'create', '--file', join(stack.dir, 'season.yaml')], stack.cliEnv);
  if (created.code !== 0) throw new Error(created.stderr);
});
afterAll(async () => {
  await stack?.stop();
});

const events = (action: string) => stack.scratch.db.auditEvent.findMany({ where: { seasonId: season.id, action }, select: { reportId: true } });
const oncePerReport = (rows: { reportId: string | null }[]) => {
  const counts = new Map<string, number>();
  for (const row of rows) counts.set(row.reportId ?? '', (counts.get(row.reportId ?? '') ?? 0) + 1);
  return { reports: counts.size, most: Math.max(0, ...counts.values()) };
};

test('a worker killed mid-season: the other starts every report, and each is assigned and mailed once', async () => {
  const started = await runCli(['season', 'start', season.id], stack.cliEnv);
  expect(started).toMatchObject({ code: 0 });
  await waitUntil(async () => (await stack.scratch.db.report.count({ where: { seasonId: season.id } })) >= 5, 120_000, 'the fan-out to begin', 100);
  const killed = at(workers, 0);
  killed.child.kill('SIGKILL');
  await killed.ended;

  await waitUntil(async () => (await stack.scratch.db.report.count({ where: { seasonId: season.id } })) === BRANCHES, 180_000, 'every report', 500);
  await waitUntil(
    async () => (await stack.scratch.db.sentMail.count({ where: { seasonId: season.id, kind: 'assignment', status: 'sent' } })) === BRANCHES,
    180_000,
    'every assignment mail',
    500,
  );
  expect(oncePerReport(await events('report.assigned'))).toEqual({ reports: BRANCHES, most: 1 });
  const mailed = new Set(stack.smtp.mailbox.list().flatMap((mail) => mail.to));
  expect(season.organization.branches.filter((branch) => !mailed.has(branch.secretary))).toEqual([]);
});

test('the history service restarted mid-season: every submission goes through once the service is back, recorded once', async () => {
  const submitters = season.organization.branches.slice(0, 6);
  const submit = (branch: (typeof submitters)[number]) =>
    runCli(
      ['report', 'submit', `${season.id}/${branch.id}`, '--file', 'examples/report-sample.md', '--accept-warnings', '--as', branch.secretary],
      stack.cliEnv,
    );

  expect(await submit(at(submitters, 0))).toMatchObject({ code: 0 });
  const restarting = stack.cluster!.restart('history');
  // Each secretary tries until the system takes it, as a person would after an error.
  for (const branch of submitters.slice(1)) {
    const deadline = Date.now() + 120_000;
    for (;;) {
      const result = await submit(branch);
      if (result.code === 0) break;
      if (Date.now() > deadline) throw new Error(`${branch.id} was never taken: ${result.stderr}`);
      await new Promise((resolve) => setTimeout(resolve, 1_000));
    }
  }
  await restarting;
  expect(oncePerReport(await events('report.submitted'))).toEqual({ reports: submitters.length, most: 1 });
  const states = await stack.scratch.db.report.findMany({
    where: { seasonId: season.id, branchId: { in: submitters.map((b) => b.id) } },
    select: { state: true },
  });
  expect(states.map((row) => row.state)).toEqual(submitters.map(() => 'submitted'));
});
