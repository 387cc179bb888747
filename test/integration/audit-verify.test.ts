// The record is tamper-evident from the database alone: `audit verify` passes on what the code
// wrote, and catches a row edited, deleted or moved by someone who went around the application
// (and its triggers), even one who recomputed every hash, and a read model changed behind the
// record's back. (What needs Temporal's history as a second witness is in record-witness.test.ts.)
import { createHash } from 'node:crypto';
import type { ActivityDeps } from '../../activities';
import { storeContent } from '../../db/report-content';
import { createReportActivities } from '../../activities/report-activities';
import { createSeasonActivities } from '../../activities/season-activities';
import { systemClock } from '../../activities/deps';
import { auditKeyring } from '../../config/audit-key';
import { chainHead, eventHash, GENESIS_HASH } from '../../db/audit';
import { AuditCannotCheckError, verifyAuditChain } from '../../db/audit-verify';
import { importSeason } from '../../db/season-import';
import type { ChangeStamp } from '../../domain/messages';
import { TEST_AUDIT_KEY, TEST_AUDIT_KEYRING } from '../helpers/audit-key';
import { describeEachDatabase, type ScratchDatabase } from '../helpers/databases';
import { demoSeason } from '../helpers/seasons';

const SEASON = 'demo-2026';
const SCHOOL_A = `${SEASON}/no1-middle-school`;
const SCHOOL_B = `${SEASON}/experimental-primary`;
const ADMIN = { email: 'zuzhi@bureau.example', channel: 'cli' as const };
const LEADER = { email: 'dangzu.shuji@bureau.example', channel: 'cli' as const };

describeEachDatabase('audit verify, from the database alone', (kind) => {
  let scratch: ScratchDatabase;

  /** What an intruder with database access would do: go around the append-only triggers. */
  async function tamper(...statements: string[]) {
    const db = scratch.db;
    if (kind.provider === 'sqlite') {
      await db.$executeRawUnsafe('DROP TRIGGER "AuditEvent_refuse_update"');
      await db.$executeRawUnsafe('DROP TRIGGER "AuditEvent_refuse_delete"');
      for (const sql of statements) await db.$executeRawUnsafe(sql);
    } else {
      await db.$executeRawUnsafe('ALTER TABLE "AuditEvent" DISABLE TRIGGER USER');
      for (const sql of statements) await db.$executeRawUnsafe(sql);
      await db.$executeRawUnsafe('ALTER TABLE "AuditEvent" ENABLE TRIGGER USER');
    }
  }

  const verify = () => verifyAuditChain(scratch.db, TEST_AUDIT_KEYRING, SEASON);
  const findings = async () => (await verify()).problems.map((p) => [p.problem, p.chain]);

  beforeEach(async () => {
    scratch = await kind.create();
    await importSeason(scratch.db, demoSeason(), ADMIN, TEST_AUDIT_KEY);
    const record = createReportActivities({ db: scratch.db, auditKey: TEST_AUDIT_KEY } as ActivityDeps);
    let n = 0;
    const stamp = (reportId: string, action: string, actor: ChangeStamp['actor'], detail = {}): ChangeStamp => ({
      auditKey: `report/${reportId}/probe/${(n += 1)}`,
      occurredAt: new Date(Date.UTC(2026, 10, 25, 8, n)).toISOString(),
      actor,
      action,
      detail,
    });
    for (const reportId of [SCHOOL_A, SCHOOL_B]) {
      await record.recordAssignment({
        seasonId: SEASON,
        branchId: reportId.split('/')[1] as string,
        occurredAt: '2026-11-25T08:00:00.000Z',
        auditKey: `report/${reportId}/assigned`,
      });
      await record.recordReportChange({ reportId, stamp: stamp(reportId, 'report.reminded', { email: 'system', channel: 'workflow' }), patch: {} });
    }
    await record.recordReportChange({
      reportId: SCHOOL_A,
      stamp: stamp(SCHOOL_A, 'report.review_passed', ADMIN),
      patch: { state: 'reviewed' },
      decision: { decision: 'passed' },
    });
    await record.recordReportChange({
      reportId: SCHOOL_A,
      stamp: stamp(SCHOOL_A, 'report.approved', LEADER),
      patch: { state: 'approved', approvedAt: '2026-11-26T08:00:00.000Z' },
      decision: { decision: 'approved', rating: '好' },
    });
  });
  afterEach(() => scratch?.drop());

  test('the record as written verifies, every report matches it, with one head hash for the whole season', async () => {
    const result = await verify();
    expect(result).toMatchObject({ ok: true, events: 7, chains: 3, reports: 2, problems: [], unchecked: [] });
    expect(result.headHash).toMatch(/^[0-9a-f]{64}$/);
    expect(result.heads[`report:${SCHOOL_A}`]?.events).toBe(4);
  });

  test('an edited row is caught', async () => {
    await tamper(`UPDATE "AuditEvent" SET "actorEmail" = 'someone@else.example' WHERE "action" = 'report.review_passed'`);
    // The edited event no longer matches the review decision it recorded either.
    expect(await findings()).toEqual([
      ['edited', `report:${SCHOOL_A}`],
      ['read_model', `report:${SCHOOL_A}`],
    ]);
  });

  test("an event's time made into something that is no date is named as edited, not a crash", async () => {
    const edit = `UPDATE "AuditEvent" SET "occurredAt" = 'not a date' WHERE "action" = 'report.review_passed'`;
    // PostgreSQL's column holds only real times; SQLite's takes anything an intruder writes.
    if (kind.provider === 'postgresql') return expect(tamper(edit)).rejects.toThrow(/not a date|invalid input syntax/);
    await tamper(edit);
    expect(await findings()).toContainEqual(['edited', `report:${SCHOOL_A}`]);
  });

  test("an event's detail edited, its hash left as it was, is caught: the hash covers what the event says", async () => {
    await tamper(`UPDATE "AuditEvent" SET "detailJson" = '{"to":["nobody@else.example"]}' WHERE "action" = 'report.reminded' AND "reportId" = '${SCHOOL_B}'`);
    expect(await findings()).toEqual([['edited', `report:${SCHOOL_B}`]]);
    expect((await verify()).problems[0]?.message).toEqual({
      'zh-CN': `report:${SCHOOL_B}：第 2 条记录（report.reminded）写入后被修改过`,
      en: `report:${SCHOOL_B}: event 2 (report.reminded) was changed after it was written`,
    });
  });

  test('a rating rewritten to 差 with every hash recomputed is caught: the forger lacks the key', async () => {
    const events = await scratch.db.auditEvent.findMany({ where: { reportId: SCHOOL_A }, orderBy: { chainSeq: 'asc' } });
    const prevHash = events[2]?.hash as string;
    const approval = events[3] as (typeof events)[number];
    const detailJson = JSON.stringify({ rating: '差' });
    const hash = eventHash(prevHash, { ...approval, chainSeq: approval.chainSeq as number, detailJson });
    // A forger who knows the code can even compute a MAC — with a key of their own.
    const forgedMac = auditKeyring('a-secret-the-forger-made-up-for-himself!').current.mac(hash);
    await tamper(
      `UPDATE "AuditEvent" SET "detailJson" = '${detailJson}', "hash" = '${hash}', "mac" = '${forgedMac}' WHERE "id" = ${approval.id}`,
      `UPDATE "Report" SET "rating" = '差' WHERE "id" = '${SCHOOL_A}'`,
      `UPDATE "Rating" SET "rating" = '差' WHERE "reportId" = '${SCHOOL_A}'`,
    );
    expect(await findings()).toEqual([['unauthenticated', `report:${SCHOOL_A}`]]);
    expect((await verify()).problems[0]?.message).toEqual({
      'zh-CN': `report:${SCHOOL_A}：第 4 条记录（report.approved）不是本系统写入的：认证码不符`,
      en: `report:${SCHOOL_A}: event 4 (report.approved) was not written by Shuzhi: its MAC does not match`,
    });
  });

  test('a deleted row is caught', async () => {
    await tamper(`DELETE FROM "AuditEvent" WHERE "action" = 'report.review_passed'`);
    expect(await findings()).toEqual([
      ['missing', `report:${SCHOOL_A}`],
      ['read_model', `report:${SCHOOL_A}`], // the review decision it recorded has no event now
    ]);
    expect((await verify()).problems[0]?.message).toEqual({
      'zh-CN': `report:${SCHOOL_A}：第 4 条之前缺少第 3 条记录`,
      en: `report:${SCHOOL_A}: event 3 is missing before 4`,
    });
  });

  test('several rows deleted in a row are named as one gap, from its first event to its last', async () => {
    await tamper(`DELETE FROM "AuditEvent" WHERE "reportId" = '${SCHOOL_A}' AND "chainSeq" IN (2, 3)`);
    const gaps = (await verify()).problems.filter((p) => p.problem === 'missing');
    expect(gaps.map((p) => [p.chainSeq, p.message])).toEqual([
      [4, { 'zh-CN': `report:${SCHOOL_A}：第 4 条之前缺少第 2至 3 条记录`, en: `report:${SCHOOL_A}: event 2…3 is missing before 4` }],
    ]);
  });

  test('an event rewritten with its hash recomputed no longer links to the event after it', async () => {
    const events = await scratch.db.auditEvent.findMany({ where: { reportId: SCHOOL_B }, orderBy: { chainSeq: 'asc' } });
    const assignment = events[0] as (typeof events)[number];
    const detailJson = JSON.stringify({ ...(JSON.parse(assignment.detailJson) as object), note: 'rewritten' });
    const hash = eventHash(GENESIS_HASH, { ...assignment, chainSeq: 1, detailJson });
    const forged = auditKeyring('a-secret-the-forger-made-up-for-himself!').current.mac(hash);
    await tamper(`UPDATE "AuditEvent" SET "detailJson" = '${detailJson}', "hash" = '${hash}', "mac" = '${forged}' WHERE "id" = ${assignment.id}`);
    const result = await verify();
    expect(result.problems.map((p) => [p.problem, p.chainSeq])).toEqual([
      ['unauthenticated', 1],
      ['missing', 2],
    ]);
    expect(result.problems[1]?.message).toEqual({
      'zh-CN': `report:${SCHOOL_B}：第 2 条记录与前一条接不上（中间有记录被删除或替换）`,
      en: `report:${SCHOOL_B}: event 2 does not follow the event before it`,
    });
  });

  test('an event unlinked from its chain and rehashed as if it had nothing before it is a break, not an edit', async () => {
    const events = await scratch.db.auditEvent.findMany({ where: { reportId: SCHOOL_B }, orderBy: { chainSeq: 'asc' } });
    const reminder = events[1] as (typeof events)[number];
    const hash = eventHash('', { ...reminder, chainSeq: 2 });
    const forged = auditKeyring('a-secret-the-forger-made-up-for-himself!').current.mac(hash);
    await tamper(`UPDATE "AuditEvent" SET "prevHash" = NULL, "hash" = '${hash}', "mac" = '${forged}' WHERE "id" = ${reminder.id}`);
    expect((await verify()).problems.map((p) => [p.problem, p.chainSeq])).toEqual([
      ['missing', 2],
      ['unauthenticated', 2],
    ]);
  });

  test('an event whose hash was erased is caught as edited, and its chain has no head hash to show', async () => {
    await tamper(`UPDATE "AuditEvent" SET "hash" = NULL WHERE "reportId" = '${SCHOOL_B}' AND "chainSeq" = 2`);
    const result = await verify();
    expect(result.problems.map((p) => [p.problem, p.chain, p.chainSeq])).toEqual([['edited', `report:${SCHOOL_B}`, 2]]);
    expect(result.heads[`report:${SCHOOL_B}`]).toEqual({ events: 2, hash: '' });
  });

  test('an event stripped of its MAC, or of the id of its key, is named as carrying no MAC', async () => {
    await tamper(
      `UPDATE "AuditEvent" SET "mac" = NULL WHERE "reportId" = '${SCHOOL_A}' AND "chainSeq" = 2`,
      `UPDATE "AuditEvent" SET "macKeyId" = NULL WHERE "reportId" = '${SCHOOL_B}' AND "chainSeq" = 2`,
    );
    expect((await verify()).problems.map((p) => [p.problem, p.message])).toEqual([
      [
        'unauthenticated',
        { 'zh-CN': `report:${SCHOOL_A}：第 2 条记录（report.reminded）没有认证码`, en: `report:${SCHOOL_A}: event 2 (report.reminded) carries no MAC` },
      ],
      [
        'unauthenticated',
        { 'zh-CN': `report:${SCHOOL_B}：第 2 条记录（report.reminded）没有认证码`, en: `report:${SCHOOL_B}: event 2 (report.reminded) carries no MAC` },
      ],
    ]);
  });

  test('an event slipped in without a chain is named: it carries no hash', async () => {
    const slipped = await scratch.db.auditEvent.create({
      data: {
        key: 'slipped-in',
        occurredAt: new Date('2026-11-27T08:00:00.000Z'),
        actorEmail: ADMIN.email,
        action: 'season.noted',
        channel: 'cli',
        seasonId: SEASON,
      },
    });
    expect((await verify()).problems).toEqual([
      {
        problem: 'unchained',
        chain: null,
        chainSeq: null,
        message: { 'zh-CN': `第 ${slipped.id} 号记录（season.noted）没有校验哈希`, en: `event #${slipped.id} (season.noted) carries no hash` },
      },
    ]);
  });

  test("a report's last event deleted shows where the read model says more than the record", async () => {
    await tamper(`DELETE FROM "AuditEvent" WHERE "action" = 'report.approved'`);
    const result = await verify();
    expect(result.problems.map((p) => p.message.en)).toEqual([
      `report:${SCHOOL_A}: the report's state is "approved", but its record says "reviewed"`,
      `report:${SCHOOL_A}: the report's rating is "好", but its record says null`,
      `report:${SCHOOL_A}: a review decision (approved) differs from the record`,
      `report:${SCHOOL_A}: the rating "好" differs from the record`,
    ]);
  });

  test('a tail cut off before the next act does not heal: the act records the break, and verify names it', async () => {
    const known = await chainHead(scratch.db, `report:${SCHOOL_A}`);
    await tamper(
      `DELETE FROM "AuditEvent" WHERE "action" = 'report.approved'`,
      `UPDATE "Report" SET "state" = 'reviewed', "rating" = NULL WHERE "id" = '${SCHOOL_A}'`,
      `DELETE FROM "Rating"`,
      `DELETE FROM "ReviewDecision" WHERE "decision" = 'approved'`,
    );
    expect(await findings()).toEqual([]); // the database alone cannot see a clean cut: Temporal's witness can
    const record = createReportActivities({ db: scratch.db, auditKey: TEST_AUDIT_KEY } as ActivityDeps);
    const stamp: ChangeStamp = {
      auditKey: `report/${SCHOOL_A}/probe/after-cut`,
      knownHead: known ?? undefined,
      occurredAt: '2026-11-27T08:00:00.000Z',
      actor: ADMIN,
      action: 'report.reminded_now',
      detail: {},
    };
    await record.recordReportChange({ reportId: SCHOOL_A, stamp, patch: {} });
    expect((await verify()).problems.map((p) => [p.problem, p.chainSeq, p.message.en])).toEqual([
      [
        'witness',
        4,
        `report:${SCHOOL_A}: when event 4 was written the workflow knew 4 event(s), and the database's chain (then 3) did not hold them: events before it were deleted or replaced`,
      ],
    ]);
    expect((await verify()).problems[0]?.message['zh-CN']).toBe(
      `report:${SCHOOL_A}：写入第 4 条时，报告流程已知 4 条记录，而数据库中的记录与之不符（当时有 3 条）：此前的记录被删除或替换过`,
    );
  });

  test("a whole branch's chain deleted is caught while its report remains", async () => {
    await tamper(`DELETE FROM "AuditEvent" WHERE "reportId" = '${SCHOOL_B}'`);
    expect(await findings()).toEqual([['missing', `report:${SCHOOL_B}`]]);
    expect((await verify()).problems[0]?.message).toEqual({
      'zh-CN': `report:${SCHOOL_B}：该报告没有任何记录`,
      en: `report:${SCHOOL_B}: the report has no record at all`,
    });
  });

  test("a report's row deleted while its record remains is named", async () => {
    await scratch.db.report.delete({ where: { id: SCHOOL_B } });
    expect((await verify()).problems).toEqual([
      {
        problem: 'read_model',
        chain: `report:${SCHOOL_B}`,
        chainSeq: null,
        message: {
          'zh-CN': `report:${SCHOOL_B}：记录中有该报告，但报告本身已不存在`,
          en: `report:${SCHOOL_B}: the record has events for a report that has no row`,
        },
      },
    ]);
  });

  test("a read model changed behind the record's back is named, field by field", async () => {
    await scratch.db.report.update({ where: { id: SCHOOL_B }, data: { state: 'approved', rating: '好', currentVersion: 3 } });
    expect((await verify()).problems.map((p) => p.message.en)).toEqual([
      `report:${SCHOOL_B}: the report's state is "approved", but its record says "assigned"`,
      `report:${SCHOOL_B}: the report's currentVersion is 3, but its record says 0`,
      `report:${SCHOOL_B}: the report's rating is "好", but its record says null`,
    ]);
    const [state] = (await verify()).problems;
    expect(state?.problem).toBe('read_model');
    expect(state?.message['zh-CN']).toBe(`report:${SCHOOL_B}：报告的 state 为 "approved"，而记录表明应为 "assigned"`);
  });

  test("a version's stored text rewritten, its events untouched, is named", async () => {
    const record = createReportActivities({ db: scratch.db, auditKey: TEST_AUDIT_KEY } as ActivityDeps);
    const text = '## 一、主要工作\n草稿';
    const contentHash = createHash('sha256').update(text).digest('hex');
    await storeContent(scratch.db, contentHash, text);
    const stamp: ChangeStamp = {
      auditKey: `report/${SCHOOL_B}/probe/draft`,
      occurredAt: '2026-11-27T08:00:00.000Z',
      actor: { email: 'sec@school.example', channel: 'cli' },
      action: 'report.draft_saved',
      detail: {},
    };
    await record.saveReportVersion({ reportId: SCHOOL_B, contentHash, kind: 'draft', acceptWarnings: false, stamp, patch: { state: 'drafting' } });
    expect((await verify()).problems).toEqual([]);

    await scratch.db.reportContent.update({ where: { hash: contentHash }, data: { body: '## 一、主要工作\n改过的草稿' } });
    expect((await verify()).problems.map((p) => p.message)).toEqual([
      { 'zh-CN': `report:${SCHOOL_B}：第 1 版的正文写入后被修改过`, en: `report:${SCHOOL_B}: version 1: its text was changed after it was saved` },
    ]);
  });

  test("a branch renamed in the season's snapshot, or removed from it with its report, is named", async () => {
    await scratch.db.seasonBranch.update({ where: { seasonId_branchId: { seasonId: SEASON, branchId: 'experimental-primary' } }, data: { name: '改名小学' } });
    expect((await verify()).problems.map((p) => p.message.en)).toEqual([
      `season:${SEASON}: branch experimental-primary is named "改名小学", but the record says "实验小学党支部"`,
    ]);

    await tamper(`DELETE FROM "AuditEvent" WHERE "reportId" = '${SCHOOL_B}'`);
    await scratch.db.report.delete({ where: { id: SCHOOL_B } });
    await scratch.db.seasonBranch.delete({ where: { seasonId_branchId: { seasonId: SEASON, branchId: 'experimental-primary' } } });
    expect((await verify()).problems.map((p) => p.message.en)).toEqual([
      `season:${SEASON}: branch experimental-primary (实验小学党支部) of the season's record is gone from the season`,
    ]);
  });

  test('a reordered row is caught', async () => {
    const row = await scratch.db.auditEvent.findFirstOrThrow({ where: { reportId: SCHOOL_B, chainSeq: 1 } });
    await tamper(`DELETE FROM "AuditEvent" WHERE "id" = ${row.id}`);
    const { id, ...content } = row;
    void id;
    await scratch.db.auditEvent.create({ data: content });
    expect((await verify()).problems.map((p) => [p.problem, p.message])).toEqual([
      ['missing', { 'zh-CN': `report:${SCHOOL_B}：第 2 条之前缺少第 1 条记录`, en: `report:${SCHOOL_B}: event 1 is missing before 2` }],
      ['out_of_order', { 'zh-CN': `report:${SCHOOL_B}：第 1 条记录被移到了第 2 条之后`, en: `report:${SCHOOL_B}: event 1 is stored after event 2` }],
    ]);
  });

  test('rows the database has moved, by a touch the hash does not cover, are still read in the order they were written', async () => {
    // PostgreSQL writes an updated row anew after the others, and once its statistics are fresh
    // reads a small table as stored: only the ids keep the order the events were written in.
    await tamper(`UPDATE "AuditEvent" SET "recordedAt" = "recordedAt" WHERE "reportId" = '${SCHOOL_A}' AND "chainSeq" = 1`, `ANALYZE "AuditEvent"`);
    expect(await findings()).toEqual([]);
  });

  test('events under a key this installation does not know are findings, with the remedy for a rotation', async () => {
    const other = auditKeyring('another-installation-secret-of-32-chars');
    const result = await verifyAuditChain(scratch.db, other, SEASON);
    expect(result.ok).toBe(false);
    expect(new Set(result.problems.map((p) => p.problem))).toEqual(new Set(['unauthenticated']));
    expect(result.problems[0]?.message).toEqual({
      'zh-CN': expect.stringContaining('SHUZHI_RETIRED_SECRETS'),
      en: expect.stringContaining('not configured here'),
    });
    // Listing the old secret as retired is how a rotation keeps the record checkable.
    expect(
      (await verifyAuditChain(scratch.db, auditKeyring('the-new-secret-after-a-rotation-00000', ['test-secret-for-the-record-of-shuzhi-tests']), SEASON)).ok,
    ).toBe(true);
  });

  test('a forger who invents a key id of his own is caught, not waved through as unchecked', async () => {
    const events = await scratch.db.auditEvent.findMany({ where: { reportId: SCHOOL_A }, orderBy: { chainSeq: 'asc' } });
    const approval = events[3] as (typeof events)[number];
    const detailJson = JSON.stringify({ rating: '差' });
    const hash = eventHash(events[2]?.hash as string, { ...approval, chainSeq: approval.chainSeq as number, detailJson });
    const forged = auditKeyring('a-secret-the-forger-made-up-for-himself!').current;
    await tamper(
      `UPDATE "AuditEvent" SET "detailJson" = '${detailJson}', "hash" = '${hash}', "mac" = '${forged.mac(hash)}', "macKeyId" = '${forged.id}' WHERE "id" = ${approval.id}`,
      `UPDATE "Report" SET "rating" = '差' WHERE "id" = '${SCHOOL_A}'`,
      `UPDATE "Rating" SET "rating" = '差' WHERE "reportId" = '${SCHOOL_A}'`,
    );
    expect(await findings()).toEqual([['unauthenticated', `report:${SCHOOL_A}`]]);
  });

  test('an unknown season cannot be checked: it is not reported as intact', async () => {
    const refused = verifyAuditChain(scratch.db, TEST_AUDIT_KEYRING, 'nosuch-season');
    await expect(refused).rejects.toBeInstanceOf(AuditCannotCheckError);
    await expect(refused).rejects.toMatchObject({
      name: 'AuditCannotCheckError',
      reason: { 'zh-CN': '数据库中没有述职季度 nosuch-season。', en: 'no season nosuch-season in this database' },
    });
  });

  test("another season in the same database is no part of this season's record", async () => {
    const other = 'other-2026';
    await importSeason(scratch.db, demoSeason({ id: other }), ADMIN, TEST_AUDIT_KEY);
    const record = createReportActivities({ db: scratch.db, auditKey: TEST_AUDIT_KEY } as ActivityDeps);
    await record.recordAssignment({
      seasonId: other,
      branchId: 'no1-middle-school',
      occurredAt: '2026-11-25T08:00:00.000Z',
      auditKey: `report/${other}/assigned`,
    });
    expect(await verify()).toMatchObject({ ok: true, events: 7, chains: 3, reports: 2, problems: [] });
  });

  describe('a closed season, held to the head printed at its close', () => {
    async function closeSeason() {
      const record = createReportActivities({ db: scratch.db, auditKey: TEST_AUDIT_KEY } as ActivityDeps);
      await record.recordReportChange({
        reportId: SCHOOL_B,
        stamp: { auditKey: `report/${SCHOOL_B}/exempted`, occurredAt: '2026-11-26T09:00:00.000Z', actor: ADMIN, action: 'report.exempted', detail: {} },
        patch: { state: 'exempted' },
      });
      const seasons = createSeasonActivities({ db: scratch.db, clock: systemClock, auditKey: TEST_AUDIT_KEY } as ActivityDeps);
      const event = {
        key: `season/${SEASON}/closed`,
        occurredAt: '2026-12-31T08:00:00.000Z',
        actorEmail: ADMIN.email,
        action: 'season.closed',
        channel: 'cli' as const,
        seasonId: SEASON,
      };
      return (await seasons.closeSeasonRecord({ seasonId: SEASON, event })).recordHead as string;
    }

    test('verifies as closed when nothing changed since, its head the one printed', async () => {
      const printed = await closeSeason();
      const result = await verify();
      expect(result.problems).toEqual([]);
      expect(result.headHash).toBe(printed);
    });

    test('a tail cut off cleanly after the close, invisible in the chains, is caught by the head printed at close', async () => {
      const printed = await closeSeason();
      await tamper(
        `DELETE FROM "AuditEvent" WHERE "action" = 'report.approved'`,
        `UPDATE "Report" SET "state" = 'reviewed', "rating" = NULL WHERE "id" = '${SCHOOL_A}'`,
        `DELETE FROM "Rating"`,
        `DELETE FROM "ReviewDecision" WHERE "decision" = 'approved'`,
      );
      const result = await verify();
      expect(result.problems).toEqual([
        {
          problem: 'head_changed',
          chain: null,
          chainSeq: null,
          message: {
            'zh-CN': `台账校验值现为 ${result.headHash}，与季度结束时的 ${printed} 不符`,
            en: `the record's head is ${result.headHash}, not ${printed} as at the season's close`,
          },
        },
      ]);
    });

    test('a season still open has no printed head to be held to, whatever its summary holds', async () => {
      await scratch.db.season.update({ where: { id: SEASON }, data: { summaryJson: JSON.stringify({ recordHead: 'f'.repeat(64) }) } });
      expect((await verify()).problems).toEqual([]);
    });
  });
});
