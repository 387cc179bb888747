// The record under faults: a season of 50 branches on the dev server, the worker as its own
// process, killed with SIGKILL at seeded random moments and once right after an act's database
// write committed (before Temporal heard of it), SMTP refusing for a while, and late timers. Then
// the season closes and `shuzhi audit verify --deep` holds every workflow's history against the
// record and the mail log: every act Temporal completed is recorded exactly once, every mail asked
// for was sent once and received, and the read model equals the record; every history replays on
// this build. A row forged afterwards makes verify fail.
// SQLite only: the record's writes are the same SQL on both databases, and each database's own
// behaviour is covered by the tests that run on both.
import { extendReport, ReportRequestError, reviewReport, saveDraft, submitReport } from '../../app/report-commands';
import { closeSeason, startSeason, waitForClose, waitForFanOut } from '../../app/season-commands';
import { importSeason } from '../../db/season-import';
import { reportWorkflowId } from '../../domain/ids';
import type { SeasonFile } from '../../domain/season-file';
import type { OwnedProcess } from '../../stack/child-process';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { WorkflowHandle } from '@temporalio/client';
import { historyToJSON } from '@temporalio/common/lib/proto-utils';
import { reportQuery, type Actor } from '../../domain/report-api';
import { TEST_AUDIT_KEY } from '../helpers/audit-key';
import { runCli } from '../helpers/cli';
import { startRealStack, type RealStack } from '../helpers/real-stack';
import { replayEveryHistory } from '../helpers/replay-all';
import { GOOD_REPORT } from '../helpers/report-harness';
import { waitUntil } from '../helpers/wait';

const SECOND = 1000;
const BRANCHES = 50;
/** Kills of the worker, each at a random moment of its work. */
const KILLS = 8;
/** Change it to explore other interleavings; a failure prints the seed it ran with. */
const SEED = Number(process.env.FAULT_SEED ?? 20261202);

/** A small deterministic generator (mulberry32): the same seed, the same kills at the same moments. */
function random(seed: number) {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const as = (email: string): Actor => ({ email, channel: 'cli' });
const ADMIN = 'admin@bureau.example';
const LEADER = 'leader@bureau.example';
const REVIEWER = 'reviewer@bureau.example';
const secretaryOf = (i: number) => `sec${i}@school.example`;
const branchOf = (i: number) => `b${String(i).padStart(2, '0')}`;

function faultSeason(dueAt: number): SeasonFile {
  return {
    id: 'faults',
    title: '故障演练季度',
    year: 2026,
    timeZone: 'Asia/Shanghai',
    dueDate: new Date(dueAt).toISOString(),
    // Real time: reminders and escalations fall due while the worker is being killed.
    schedule: {
      remindersBeforeDue: ['30s', '15s'],
      // Reminders seconds apart: the notice gap lowered as a demo would.
      minimumNoticeGap: '1s',
      escalateToLiaisonAfter: '5s',
      escalateToPartyGroupSecretaryAfter: '10s',
      digestEvery: '15s',
      revisionPeriod: '1h',
      reviewSla: '20s',
      reviewReminderBeforeSla: '10s',
    },
    template: { sections: ['一、主要工作', '二、存在的主要问题及原因', '三、下步工作思路和主要措施'], maxCharacters: 20000 },
    people: [ADMIN, LEADER, REVIEWER, 'liaison@bureau.example', ...Array.from({ length: BRANCHES }, (_, i) => secretaryOf(i))].map((email) => ({
      email,
      name: email.split('@')[0] as string,
      locale: 'zh-CN' as const,
    })),
    admins: [ADMIN],
    leaders: [LEADER],
    partyGroupSecretary: LEADER,
    organization: {
      id: 'fault-bureau',
      name: '演练局党组',
      branches: Array.from({ length: BRANCHES }, (_, i) => ({
        id: branchOf(i),
        name: `第${i}支部`,
        secretary: secretaryOf(i),
        liaison: 'liaison@bureau.example',
        reviewer: REVIEWER,
      })),
    },
  };
}

/** What a report that never settled is waiting for: its pending task and the end of its history. */
async function stuck(handles: WorkflowHandle[], dir: string): Promise<string> {
  const lines: string[] = [];
  for (const handle of handles) {
    const snapshot = await handle.query(reportQuery).catch((error: Error) => error.message);
    if (typeof snapshot !== 'string' && snapshot.mail.waiting === 0) continue;
    const raw = (await handle.describe()).raw;
    const history = await handle.fetchHistory();
    const events = history.events ?? [];
    writeFileSync(join(dir, `${handle.workflowId.replace(/\//g, '__')}.json`), historyToJSON(history));
    const tail = events
      .slice(-6)
      .map(
        (e) =>
          `${e.eventId} ${Object.keys(e).find((k) => k.endsWith('Attributes')) ?? '?'} ${JSON.stringify(e.workflowTaskFailedEventAttributes?.failure?.message ?? '')}`,
      );
    lines.push(
      `${handle.workflowId}: ${typeof snapshot === 'string' ? snapshot : `waiting ${snapshot.mail.waiting}`}; pending task ${JSON.stringify(raw.pendingWorkflowTask ?? null)}; activities ${JSON.stringify(raw.pendingActivities?.map((a) => [a.activityType?.name, a.attempt, a.lastFailure?.message]) ?? [])}`,
      ...tail.map((t) => `    ${t}`),
    );
  }
  return lines.join('\n');
}

describe('the record under faults', () => {
  let stack: RealStack;
  let worker: OwnedProcess;
  const log: string[] = [];

  beforeAll(async () => {
    stack = await startRealStack('faults');
  });
  /** The people's requests: a failed test waits for those still in flight before the stack stops under them. */
  let inFlight: Promise<unknown> = Promise.resolve();
  afterAll(async () => {
    await inFlight.catch(() => undefined);
    await stack?.stop();
  });

  /** Each branch's part of the season, by its number: what its people do, in order. */
  function script(i: number, reportId: string): (() => Promise<unknown>)[] {
    const secretary = as(secretaryOf(i));
    const { client } = stack.env;
    const db = stack.scratch.db;
    const text = GOOD_REPORT + `\n第${i}支部补充。\n`;
    const draft = () => saveDraft(client, db, reportId, text, secretary);
    const submit = () => submitReport(client, db, reportId, text, secretary, false);
    const pass = () => reviewReport(client, reportId, { actor: as(REVIEWER), decision: 'approve', comment: '同意' });
    const approve = () => reviewReport(client, reportId, { actor: as(LEADER), decision: 'approve', rating: '较好' });
    const sendBack = () => reviewReport(client, reportId, { actor: as(REVIEWER), decision: 'request_revision', comment: '请补充数据' });
    const extend = () => extendReport(client, reportId, as(ADMIN), new Date(Date.now() + 3_600 * SECOND));
    switch (i % 5) {
      case 0:
      case 1:
        return [draft, submit, pass, approve];
      case 2:
        return [submit, sendBack, submit, pass, approve];
      case 3:
        return [draft, extend, draft];
      default:
        return []; // never submits: reminded, escalated, then weekly (here every 15 s) notices
    }
  }

  test(
    'worker killed at random, SMTP away for a while: every act recorded once, every mail sent once, verify --deep passes',
    async () => {
      const next = random(SEED);
      log.push(`seed ${SEED}`);
      const dueAt = Date.now() + 45 * SECOND;
      const season = faultSeason(dueAt);
      await importSeason(stack.scratch.db, season, { email: ADMIN, channel: 'cli' }, TEST_AUDIT_KEY);
      // The first worker dies right after the fifth version it stores has committed.
      worker = stack.startWorker({ entry: 'test/helpers/fault-worker.ts', env: { SHUZHI_FAULT_KILL_AFTER_COMMIT: 'saveReportVersion:5' } });
      await startSeason(stack.env.client, stack.scratch.db, season.id, { email: ADMIN, channel: 'cli' });
      await waitForFanOut(stack.env.client, stack.scratch.db, season.id);

      // The people act, eight branches at a time, while the worker is killed under them.
      let acts = 0;
      const branches = Array.from({ length: BRANCHES }, (_, i) => i);
      const people = (async () => {
        for (let start = 0; start < BRANCHES; start += 8) {
          // Settled, not raced: a failed request is reported once the others of its batch are answered.
          const batch = await Promise.allSettled(
            branches.slice(start, start + 8).map(async (i) => {
              for (const [n, step] of script(i, `${season.id}/${branchOf(i)}`).entries()) {
                await step().catch((error: Error) => {
                  const why = error instanceof ReportRequestError ? error.explain('en') : error.message;
                  throw new Error(`${branchOf(i)}, step ${n + 1}: ${why}\n${log.join('\n')}`, { cause: error });
                });
                acts += 1;
              }
            }),
          );
          const failed = batch.find((outcome) => outcome.status === 'rejected');
          if (failed) throw failed.reason;
        }
      })();

      let kills = 0;
      let smtpBack: Promise<void> | undefined;
      // Each kill comes at a random moment of a worker's working life: after it has started polling,
      // so that every worker does some work and the season moves on between kills.
      const pollingWorkers = () =>
        existsSync(join(stack.dir, 'worker.log')) ? readFileSync(join(stack.dir, 'worker.log'), 'utf8').split('worker: polling').length - 1 : 0;
      const faults = (async () => {
        await waitUntil(async () => pollingWorkers() > 0, 60 * SECOND, 'the first worker to poll');
        while (kills < KILLS) {
          await sleep(500 + next() * 3_500);
          if (!smtpBack && kills === 2) {
            log.push(`SMTP down at ${new Date().toISOString()}`);
            await stack.smtpDown();
            smtpBack = sleep(8 * SECOND)
              .then(() => stack.smtpUp())
              .then(() => void log.push(`SMTP up at ${new Date().toISOString()}`));
          }
          if (worker.child.exitCode !== null || worker.child.signalCode !== null)
            log.push(`the worker had died on its own (the planted kill) before kill ${kills + 1}`);
          else worker.child.kill('SIGKILL');
          await worker.exited;
          kills += 1;
          log.push(`kill ${kills} at ${new Date().toISOString()} (${acts} acts done)`);
          await sleep(200 + next() * 1_500);
          const started = pollingWorkers();
          worker = stack.startWorker();
          await waitUntil(async () => pollingWorkers() > started, 60 * SECOND, 'the restarted worker to poll');
        }
      })();
      inFlight = Promise.allSettled([people, faults]);
      await Promise.all([people, faults]).catch(async (error: Error) => {
        // A request that failed is most often a report whose history no longer replays: say which.
        const { failures } = await replayEveryHistory(stack.env.client, stack.dir);
        throw new Error(`${error.message}\nunreplayable: ${JSON.stringify(failures, null, 2)}`, { cause: error });
      });
      await smtpBack;
      // Past every timer of the season: due + 10 s escalation + a weekly notice or two.
      await sleep(Math.max(0, dueAt + 25 * SECOND - Date.now()));

      // Every report has sent what it asked for.
      const handles = branches.map((i) => stack.env.client.workflow.getHandle(reportWorkflowId(season.id, branchOf(i))));
      // A query is refused while a task a killed worker held waits for the next worker: not yet, then.
      const outboxEmpty = (handle: (typeof handles)[number]) =>
        handle.query(reportQuery).then(
          (s) => s.mail.waiting === 0,
          () => false,
        );
      await waitUntil(async () => (await Promise.all(handles.map(outboxEmpty))).every(Boolean), 120 * SECOND, 'every outbox to empty').catch(
        async (error: Error) => {
          const { failures } = await replayEveryHistory(stack.env.client, stack.dir);
          throw new Error(`${error.message}\n${log.join('\n')}\n${await stuck(handles, stack.dir)}\n${JSON.stringify(failures, null, 2)}`);
        },
      );

      // The admin closes the season, so its reports stop sending notices and the counts below hold still.
      await closeSeason(stack.env.client, stack.scratch.db, season.id, as(ADMIN));
      await waitForClose(stack.env.client, season.id);

      // What a failed run leaves to read beside the worker's log: the mail log and the record.
      const [mailLog, record] = await Promise.all([
        stack.scratch.db.sentMail.findMany({ where: { seasonId: season.id }, orderBy: { id: 'asc' } }),
        stack.scratch.db.auditEvent.findMany({ where: { seasonId: season.id }, orderBy: { id: 'asc' } }),
      ]);
      writeFileSync(join(stack.dir, 'record.json'), JSON.stringify({ mailLog, record }, null, 1));

      const verified = await runCli(['audit', 'verify', season.id, '--deep', '--json'], stack.cliEnv);
      const result = JSON.parse(verified.stdout) as {
        ok: boolean;
        problems: { message: { en: string } }[];
        deep: { acts: number; mails: number; mailsReceived: number };
        events: number;
      };
      if (verified.code !== 0) {
        // Each run's history of every report verify named, for a failed run to read (`temporal workflow show --input`).
        const named = new Set(result.problems.flatMap((p) => /report:(\S+?):/.exec(p.message.en)?.[1] ?? []));
        for await (const item of stack.env.client.workflow.list().intoHistories()) {
          if (![...named].some((id) => item.workflowId === reportWorkflowId(season.id, id.split('/')[1] ?? ''))) continue;
          const runId = (item.history as Parameters<typeof historyToJSON>[0]).events?.[0]?.workflowExecutionStartedEventAttributes?.originalExecutionRunId;
          writeFileSync(
            join(stack.dir, `${item.workflowId.replace(/\//g, '__')}.${runId}.json`),
            historyToJSON(item.history as Parameters<typeof historyToJSON>[0]),
          );
        }
      }
      expect({ code: verified.code, problems: result.problems, log }).toEqual({ code: 0, problems: [], log });
      expect(kills).toBe(KILLS);
      // Every run of every workflow replays on this build, not only those a restarted worker rebuilt.
      const replay = await replayEveryHistory(stack.env.client, stack.dir);
      expect({ failures: replay.failures, log }).toEqual({ failures: [], log });
      expect(replay.replayed).toBeGreaterThan(BRANCHES);

      const db = stack.scratch.db;
      // Every request the people made is in the record once; nothing else under a request's key.
      expect(result.deep.acts).toBe(acts);
      expect(await db.auditEvent.count({ where: { seasonId: season.id, key: { contains: '/update/' } } })).toBe(acts);
      // One version per accepted save or submission, however often its workflow task ran.
      const saves = branches.reduce((n, i) => n + [2, 2, 2, 2, 0][i % 5]!, 0);
      expect(await db.reportVersion.count({ where: { report: { seasonId: season.id } } })).toBe(saves);
      expect(await db.reportVersion.count({ where: { report: { seasonId: season.id }, actKey: null } })).toBe(0);
      // Every mail asked for was sent once and arrived once; a resend after a crash carried the same Message-ID.
      const sent = await db.sentMail.count({ where: { seasonId: season.id, status: 'sent' } });
      expect(result.deep).toMatchObject({ mails: sent, mailsReceived: sent });
      expect(stack.smtp.mailbox.list().filter((m) => !m.subject.includes('登录'))).toHaveLength(sent);
      // Reminders that fell due while the worker was away went out late, recorded when they went out.
      const late = await db.auditEvent.findMany({
        where: { seasonId: season.id, action: { in: ['report.reminded', 'report.overdue_reminded', 'report.escalated'] } },
      });
      expect(late.length).toBeGreaterThan(0);
      for (const event of late) {
        const planned = Date.parse((JSON.parse(event.detailJson) as { plannedAt: string }).plannedAt);
        expect(event.occurredAt.getTime()).toBeGreaterThanOrEqual(planned);
      }

      // A forged row — one reminder deleted by someone who went around the triggers — is caught.
      const victim = late[0] as (typeof late)[number];
      await db.$executeRawUnsafe('DROP TRIGGER "AuditEvent_refuse_delete"');
      await db.$executeRawUnsafe(`DELETE FROM "AuditEvent" WHERE "id" = ${victim.id}`);
      // And a whole branch's record deleted with its report's row: only Temporal's history remembers it.
      const erased = `${season.id}/${branchOf(4)}`;
      await db.$executeRawUnsafe(`DELETE FROM "AuditEvent" WHERE "reportId" = '${erased}'`);
      await db.$executeRawUnsafe(`DELETE FROM "Report" WHERE "id" = '${erased}'`);
      const forged = await runCli(['audit', 'verify', season.id, '--json'], stack.cliEnv);
      expect(forged.code).toBe(1);
      const findings = (JSON.parse(forged.stdout) as { problems: { message: { en: string } }[] }).problems.map((p) => p.message.en);
      expect(findings).toEqual(
        expect.arrayContaining([
          expect.stringContaining(`report:${victim.reportId}`),
          expect.stringMatching(new RegExp(`report:${erased}: the whole record is missing`)),
        ]),
      );

      // An office reads it in Chinese by default.
      const inChinese = await runCli(['audit', 'verify', season.id], { ...stack.cliEnv, SHUZHI_LOCALE: 'zh-CN' });
      expect(inChinese.stdout).toContain('的台账已被改动');
      expect(inChinese.stdout).toContain('整条记录缺失');

      // A season nobody knows is not "intact": verify says it could not check it.
      const unknown = await runCli(['audit', 'verify', 'nosuch-season'], stack.cliEnv);
      expect({ code: unknown.code, out: unknown.stdout }).toEqual({ code: 2, out: expect.stringContaining('no season nosuch-season') });
    },
    6 * 60 * SECOND,
  );
});
