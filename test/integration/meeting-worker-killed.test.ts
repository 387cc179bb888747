// 民主测评 across a worker crash, on the real stack: thirty phones cast their ballots while the worker
// is killed and started again. Each ballot is counted exactly once: its cast is answered, or taken
// when the person presses again, or says it was cast already; the close writes one vote and one
// record per cast ballot, none twice and none lost.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { OwnedProcess } from '../../stack/child-process';
import { runCli } from '../helpers/cli';
import { DEMO_SEASON_FILE } from '../helpers/seasons';
import { startRealStack, type RealStack } from '../helpers/real-stack';
import { waitUntil } from '../helpers/wait';

jest.setTimeout(300_000);

const ADMIN = 'zuzhi@bureau.example';
const BALLOTS = 30;
const REPORTERS = ['demo-2026/bureau-office', 'demo-2026/no1-middle-school', 'demo-2026/experimental-primary'];

let stack: RealStack;
let worker: OwnedProcess;
let slips: { ballotId: string; link: string }[];

const cli = async (...args: string[]) => {
  const result = await runCli(args, stack.cliEnv);
  if (result.code !== 0) throw new Error(`shuzhi ${args.join(' ')}: ${result.stderr || result.stdout}`);
  return result.stdout;
};

beforeAll(async () => {
  stack = await startRealStack('meeting-killed');
  worker = stack.startWorker();
  await stack.startWeb();
  await cli('season', 'create', '--file', DEMO_SEASON_FILE);
  await cli('season', 'start', 'demo-2026', '--wait');
  const file = join(stack.dir, 'meeting.yaml');
  const closesAt = new Date(Date.now() + 86_400_000).toISOString();
  writeFileSync(
    file,
    [
      'season: demo-2026',
      'id: annual',
      'title: 述职评议大会',
      `closesAt: ${closesAt}`,
      'groups:',
      `  - {id: representatives, name: 党代表, weight: 100, ballots: ${BALLOTS}}`,
    ].join('\n'),
  );
  await cli('meeting', 'schedule', file, '--as', ADMIN);
  slips = JSON.parse(await cli('meeting', 'ballots', 'demo-2026', 'annual', '--as', ADMIN, '--json')) as typeof slips;
});
afterAll(async () => {
  await stack?.stop();
});

/** Casts a ballot from a phone: every reporter graded, the i-th ballot's grades turned by i. */
async function cast(i: number): Promise<number> {
  const grades = ['好', '较好', '一般', '差'];
  const form = new URLSearchParams(REPORTERS.map((reportId, r): [string, string] => [`grade:${reportId}`, grades[(i + r) % grades.length] as string]));
  try {
    const response = await fetch((slips[i] as { link: string }).link, { method: 'POST', body: form });
    return response.status;
  } catch {
    return 0; // no answer at all: the person presses again
  }
}

test('ballots cast while the worker is killed and restarted are each counted and recorded exactly once', async () => {
  expect(slips).toHaveLength(BALLOTS);
  // The first ten are cast and answered; the worker is killed as the next twenty are being taken:
  // after the first of them is recorded.
  for (let i = 0; i < 10; i++) expect(await cast(i)).toBe(200);
  const recorded = () => stack.scratch.db.auditEvent.count({ where: { action: 'evaluation.ballot_cast' } });
  let killedAt = Infinity;
  const answeredAt: number[] = [];
  const rest = Array.from({ length: BALLOTS - 10 }, async (_, k) => {
    const status = await cast(10 + k);
    answeredAt.push(Date.now());
    return status;
  });
  await waitUntil(async () => (await recorded()) > 10, 30_000, 'the first of the twenty recorded', 5);
  worker.child.kill('SIGKILL');
  killedAt = Date.now();
  await worker.exited;
  worker = stack.startWorker();
  const first = await Promise.all(rest);
  // Some were still being taken when the worker died (else this test would show nothing).
  expect(answeredAt.filter((at) => at > killedAt).length).toBeGreaterThan(0);

  // Whoever was not told their ballot was cast presses again: it is taken now, or it was already.
  const second = await Promise.all(first.map((status, k) => (status === 200 ? 200 : cast(10 + k))));
  for (const status of second) expect([200, 410]).toContain(status);
  const spentAgain = await Promise.all(first.map((status, k) => (status === 200 ? cast(10 + k) : 410)));
  expect(spentAgain.every((status) => status === 410)).toBe(true);

  const closed = JSON.parse(await cli('meeting', 'close', 'demo-2026', 'annual', '--as', ADMIN, '--json')) as { cast: number; issued: number };
  expect(closed).toMatchObject({ issued: BALLOTS, cast: BALLOTS });
  const db = stack.scratch.db;
  await waitUntil(async () => (await db.evaluationMeeting.findFirst({ where: { meetingId: 'annual' } }))?.tallyJson != null, 30_000, 'the tally');
  expect(await db.evaluationBallot.count({ where: { status: 'cast' } })).toBe(BALLOTS);
  expect(await db.evaluationVote.count()).toBe(BALLOTS);
  // One record per ballot (a retried step writes its key once): thirty, so none lost.
  expect(await db.auditEvent.count({ where: { action: 'evaluation.ballot_cast' } })).toBe(BALLOTS);
  // Each grade as many times as the ballots gave it: ballot i gave reporter r grade (i + r) mod 4.
  const votes = await db.evaluationVote.findMany({ select: { gradesJson: true } });
  const bureauOffice = votes.map((v) => (JSON.parse(v.gradesJson) as Record<string, string>)['demo-2026/bureau-office']);
  expect(['好', '较好', '一般', '差'].map((g) => bureauOffice.filter((x) => x === g).length)).toEqual([8, 8, 7, 7]);
  await expect(cli('audit', 'verify', 'demo-2026')).resolves.toContain('✓');
});
