// Starting a season is safe to repeat and survives a crash half-way through the fan-out: every
// branch ends up with exactly one report workflow and exactly one assignment mail.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { stringify } from 'yaml';
import { runCli } from '../helpers/cli';
import { demoSeason } from '../helpers/seasons';
import { startRealStack, type RealStack } from '../helpers/real-stack';
import { waitUntil } from '../helpers/wait';

const BRANCHES = 40;

describe('a season start interrupted by a worker crash', () => {
  let stack: RealStack;
  beforeAll(async () => {
    stack = await startRealStack('fanout');
  });
  afterAll(() => stack?.stop());

  test('start, crash mid-fan-out, restart, start again: one workflow and one mail per branch', async () => {
    const { dir, cliEnv, smtp, scratch, env } = stack;
    const base = demoSeason();
    const season = {
      ...base,
      people: [
        ...base.people,
        ...Array.from({ length: BRANCHES }, (_, i) => ({ email: `sec${i}@school.example`, name: `书记${i}`, locale: 'zh-CN' as const })),
      ],
      organization: {
        ...base.organization,
        branches: Array.from({ length: BRANCHES }, (_, i) => ({
          id: `b${String(i).padStart(3, '0')}`,
          name: `第${i}支部`,
          secretary: `sec${i}@school.example`,
        })),
      },
    };
    const file = join(dir, 'season.yaml');
    writeFileSync(file, stringify(season));
    expect((await runCli(['season', 'create', '--file', file], cliEnv)).code).toBe(0);

    const crashing = stack.startWorker();
    expect((await runCli(['season', 'start', season.id], cliEnv)).code).toBe(0);
    await waitUntil(async () => (await scratch.db.report.count()) >= 3, 60_000, 'the first assignments');
    crashing.child.kill('SIGKILL');
    await crashing.exited;
    const assignedAtCrash = await scratch.db.report.count();

    const again = await runCli(['season', 'start', season.id], cliEnv);
    expect(again.stdout).toContain('was already started');
    stack.startWorker(); // the restart; the stack stops it at the end
    const waited = await runCli(['season', 'start', season.id, '--wait', '--json'], cliEnv);
    expect(JSON.parse(waited.stdout)).toMatchObject({ alreadyStarted: true, summary: { fanOutDone: true } });
    await waitUntil(() => smtp.mailbox.list().length >= BRANCHES, 60_000, 'every assignment mail');
    await new Promise((resolve) => setTimeout(resolve, 1000)); // a duplicate would arrive now

    expect(assignedAtCrash).toBeLessThan(BRANCHES); // the crash really was mid-fan-out
    const recipients = smtp.mailbox
      .list()
      .flatMap((mail) => mail.to)
      .sort();
    expect(recipients).toEqual(season.organization.branches.map((b) => b.secretary).sort());
    const workflows: string[] = [];
    for await (const execution of env.client.workflow.list({ query: `WorkflowType = 'branchReportWorkflow'` })) workflows.push(execution.workflowId);
    expect(workflows.sort()).toEqual(season.organization.branches.map((b) => `report/${season.id}/${b.id}`).sort());
    expect(await scratch.db.auditEvent.count({ where: { action: 'report.assigned' } })).toBe(BRANCHES);
  });
});
