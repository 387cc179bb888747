// Records workflow histories for the replay test (test/workflow/replay.test.ts): runs a short
// season through every path on a throwaway dev server with this checkout's workflow code, and
// writes each execution's history as the Temporal CLI prints it: its payloads encrypted under the
// tests' key, as the product's are under its own (test/helpers/payload-codec.ts).
// Usage: node bin/run-ts.js test/replay/record-histories.ts <label>
import { execFileSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Client } from '@temporalio/client';
import { createActivities } from '../../activities';
import { castBallot, closeMeeting, handOutBallots, scheduleMeeting, voidBallot } from '../../app/evaluation-meeting';
import { acceptItem, giveFeedback, reportProgress, sendBackItem } from '../../app/rectification';
import { ballotTokens } from '../../config/ballot-tokens';
import { rectificationWorkflowId } from '../../domain/rectification';
import type { Db } from '../../db/client';
import { meetingWorkflowId } from '../../domain/evaluation';
import { exemptReport, extendReport, reassignReport, reviewReport, saveDraft, submitReport } from '../../app/report-commands';
import { importSeason } from '../../db/season-import';
import { TASK_QUEUE } from '../../domain/constants';
import { reportWorkflowId, seasonWorkflowId } from '../../domain/ids';
import { createWorker } from '../../worker/create-worker';
import { seasonWorkflow } from '../../workflows';
import { type Actor } from '../../domain/report-api';
import { closeSeasonSignal } from '../../domain/season-api';
import { databaseKinds } from '../helpers/databases';
import { RecordingMailer } from '../helpers/fakes';
import { GOOD_REPORT } from '../helpers/report-harness';
import { demoSeason } from '../helpers/seasons';
import { startDevServer, workflowBundle } from '../helpers/temporal';
import { testTools } from '../helpers/tools';
import { TEST_AUDIT_KEY } from '../helpers/audit-key';
import { TEST_DATA_CONVERTER } from '../helpers/payload-codec';
import { at } from '../helpers/at';

const as = (email: string): Actor => ({ email, channel: 'cli' });
const tokens = ballotTokens('the replay recording');
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

async function main() {
  const label = process.argv[2];
  if (!label) throw new Error('usage: record-histories.ts <label>');
  const env = await startDevServer();
  const scratch = await at(databaseKinds(), 0, 'database kind').create();
  const season = demoSeason({
    dueDate: new Date(Date.now() + 8_000).toISOString(),
    schedule: {
      remindersBeforeDue: ['5s', '2s'],
      // Reminders seconds apart: the notice gap lowered as a demo would.
      minimumNoticeGap: '1s',
      escalateToLiaisonAfter: '1s',
      escalateToPartyGroupSecretaryAfter: '2s',
      digestEvery: '1h',
      revisionPeriod: '1h',
      reviewSla: '1h',
      reviewReminderBeforeSla: '10m',
    },
  });
  await importSeason(scratch.db, season, { email: at(season.admins, 0), channel: 'cli' }, TEST_AUDIT_KEY);
  const worker = await createWorker({
    connection: env.nativeConnection,
    namespace: 'default',
    activities: createActivities({
      db: scratch.db,
      mailer: new RecordingMailer(),
      clock: { now: () => new Date() },
      publicBaseUrl: 'http://127.0.0.1:3000',
      auditKey: TEST_AUDIT_KEY,
      ballotTokens: tokens,
    }),
    dataConverter: TEST_DATA_CONVERTER,
    workflowBundle: await workflowBundle(),
  });
  const [office, middle, primary] = (['bureau-office', 'no1-middle-school', 'experimental-primary'] as const).map((b) => `${season.id}/${b}`) as [
    string,
    string,
    string,
  ];
  const admin = as('zuzhi@bureau.example');
  const outDir = join(__dirname, 'histories', label);
  mkdirSync(outDir, { recursive: true });
  await worker.runUntil(async () => {
    const seasonHandle = await env.client.workflow.start(seasonWorkflow, {
      workflowId: seasonWorkflowId(season.id),
      taskQueue: TASK_QUEUE,
      args: [{ seasonId: season.id, startedBy: admin.email, channel: 'cli' }],
    });
    while ((await scratch.db.report.count()) < season.organization.branches.length) await sleep(200);
    await sleep(1_000);
    // bureau office: draft, reassigned, extended a little, never submitted: reminders and escalations.
    await saveDraft(env.client, scratch.db, office, '## 一、主要工作\n草稿', as('shuji.jiguan@bureau.example'));
    await reassignReport(env.client, office, admin, 'new.shuji@bureau.example', '新书记');
    await extendReport(env.client, office, admin, new Date(Date.now() + 9_000));
    // middle school: submitted, sent back, resubmitted, passed, approved.
    const secretary = as('shuji.yizhong@school.example');
    await submitReport(env.client, scratch.db, middle, GOOD_REPORT, secretary, false);
    await reviewReport(env.client, middle, { actor: admin, decision: 'request_revision', comment: '请补充数据' });
    await submitReport(env.client, scratch.db, middle, GOOD_REPORT + '\n补充。\n', secretary, false);
    await reviewReport(env.client, middle, { actor: admin, decision: 'approve' });
    await reviewReport(env.client, middle, { actor: as('dangzu.shuji@bureau.example'), decision: 'approve', rating: '好' });
    // primary school: exempted.
    await exemptReport(env.client, primary, admin, 'exempted', '演示');
    // A 民主测评 meeting: a mailed ballot and anonymous ones, two cast, one voided, closed by the admin.
    await recordMeeting(env.client, scratch.db, admin, [office, middle]);
    // 点评 on the approved middle school: one rectification item, progress sent back, again, accepted.
    await recordRectification(env.client, scratch.db, middle, secretary);
    await sleep(15_000); // the office's reminders and escalations fire
    // The season's close tells every report to settle, then writes the summary.
    await seasonHandle.signal(closeSeasonSignal, { actor: admin });
    await seasonHandle.result();
    const ids = [
      seasonWorkflowId(season.id),
      ...season.organization.branches.map((b) => reportWorkflowId(season.id, b.id)),
      meetingWorkflowId(season.id, 'annual'),
      rectificationWorkflowId(`${middle}/1`),
    ];
    for (const id of ids) {
      // Every run of a workflow that continued as new, first run first, so each replays.
      const runs = [];
      for await (const run of env.client.workflow.list({ query: `WorkflowId = "${id}"` })) runs.push(run);
      runs.sort((a, b) => a.startTime.getTime() - b.startTime.getTime());
      for (const [i, run] of runs.entries()) {
        // The CLI's JSON is the format historyFromJSON (and so the replay test) reads.
        const show = ['workflow', 'show', '--workflow-id', id, '--run-id', run.runId, '--address', env.address, '--output', 'json'];
        const suffix = i === 0 ? '' : `__run-${i + 1}`;
        writeFileSync(join(outDir, `${id.replace(/\//g, '__')}${suffix}.json`), execFileSync(testTools().temporalCli, show));
      }
    }
  });
  await scratch.drop();
  await env.teardown();
  console.log(`wrote ${outDir}`);
}

async function recordMeeting(client: Client, db: Db, admin: Actor, reporters: string[]) {
  const file = {
    season: 'demo-2026',
    id: 'annual',
    title: '述职评议大会',
    closesAt: new Date(Date.now() + 3_600_000).toISOString(),
    groups: [
      { id: 'committee', name: '党组成员', weight: 60, evaluators: ['dangzu.shuji@bureau.example'] },
      { id: 'masses', name: '群众代表', weight: 40, ballots: 3 },
    ],
  };
  await scheduleMeeting(client, db, TEST_AUDIT_KEY, file, admin);
  const [first, second, third] = await handOutBallots(db, tokens, { seasonId: 'demo-2026', meetingId: 'annual', actor: admin }, 'http://127.0.0.1:3000');
  const grades = Object.fromEntries(reporters.map((id, i) => [id, i ? ('较好' as const) : ('好' as const)]));
  for (const ballot of [first, second]) await castBallot(client, db, tokens, tokens.tokenOf(ballot?.ballotId ?? ''), grades, 'web');
  await voidBallot(client, db, { seasonId: 'demo-2026', meetingId: 'annual', ballotId: third?.ballotId ?? '', reason: '遗失', actor: admin });
  await closeMeeting(client, db, { seasonId: 'demo-2026', meetingId: 'annual', actor: admin });
}

async function recordRectification(client: Client, db: Db, reportId: string, secretary: Actor) {
  const leader = as('dangzu.shuji@bureau.example');
  const [itemId = ''] = await giveFeedback(client, db, TEST_AUDIT_KEY, {
    reportId,
    actor: leader,
    comment: '组织生活不够规范。',
    problems: [{ text: '“三会一课”落实不到位' }],
  });
  while (!(await db.rectificationItem.count({ where: { id: itemId } }))) await sleep(200);
  const file = { name: '记录.pdf', mime: 'application/pdf', bytes: Buffer.from('%PDF-1.4') };
  await reportProgress(client, db, { itemId, actor: secretary, text: '已制定计划。', files: [file] });
  await sendBackItem(client, { itemId, actor: leader, comment: '请附会议记录。' });
  await reportProgress(client, db, { itemId, actor: secretary, text: '已补充。', files: [] });
  await acceptItem(client, { itemId, actor: leader });
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
