// The record is tamper-evident: `audit verify` passes on what the code wrote, and catches a row
// edited, deleted or moved by someone who went around the application (and its triggers).
import { appendAuditEvent } from '../../db/audit';
import { verifyAuditChain } from '../../db/audit-verify';
import type { DbTransaction } from '../../db/client';
import { describeEachDatabase, type ScratchDatabase } from '../helpers/databases';

describeEachDatabase('audit verify', (kind) => {
  let scratch: ScratchDatabase;
  const season = 'verify-season';

  const append = (tx: DbTransaction, n: number, reportId?: string) =>
    appendAuditEvent(tx, {
      key: `probe/${reportId ?? 'season'}/${n}`,
      occurredAt: new Date(Date.UTC(2026, 10, 25, 8, n)).toISOString(),
      actorEmail: 'zuzhi@bureau.example',
      action: `step.${n}`,
      channel: 'cli',
      seasonId: season,
      reportId,
      detail: { n },
    });

  /** What an intruder with database access would do: go around the append-only triggers. */
  async function tamper(sql: string) {
    const db = scratch.db;
    if (kind.provider === 'sqlite') {
      await db.$executeRawUnsafe('DROP TRIGGER "AuditEvent_refuse_update"');
      await db.$executeRawUnsafe('DROP TRIGGER "AuditEvent_refuse_delete"');
      await db.$executeRawUnsafe(sql);
    } else {
      await db.$executeRawUnsafe('ALTER TABLE "AuditEvent" DISABLE TRIGGER USER');
      await db.$executeRawUnsafe(sql);
      await db.$executeRawUnsafe('ALTER TABLE "AuditEvent" ENABLE TRIGGER USER');
    }
  }

  beforeEach(async () => {
    scratch = await kind.create();
    for (let n = 1; n <= 4; n++) {
      await scratch.db.$transaction(async (tx) => {
        await append(tx, n);
        await append(tx, n, `${season}/school-a`);
        await append(tx, n, `${season}/school-b`);
      });
    }
  });
  afterEach(() => scratch?.drop());

  test('the record as written verifies, with one head hash for the whole season', async () => {
    const result = await verifyAuditChain(scratch.db, season);
    expect(result).toMatchObject({ ok: true, events: 12, chains: 3, problems: [] });
    expect(result.headHash).toMatch(/^[0-9a-f]{64}$/);
  });

  test('an edited row is caught', async () => {
    await tamper(`UPDATE "AuditEvent" SET "actorEmail" = 'someone@else.example' WHERE "key" = 'probe/${season}/school-a/2'`);
    const result = await verifyAuditChain(scratch.db, season);
    expect(result.ok).toBe(false);
    expect(result.problems.map((p) => [p.problem, p.chain, p.chainSeq])).toEqual([['edited', `report:${season}/school-a`, 2]]);
  });

  test('a deleted row is caught', async () => {
    await tamper(`DELETE FROM "AuditEvent" WHERE "key" = 'probe/season/3'`);
    const result = await verifyAuditChain(scratch.db, season);
    expect(result.problems.map((p) => [p.problem, p.chain, p.chainSeq])).toEqual([['missing', `season:${season}`, 4]]);
  });

  test('a reordered row is caught', async () => {
    // Move event 2 of school-b to the end of the table, content untouched.
    const row = await scratch.db.auditEvent.findUniqueOrThrow({ where: { key: `probe/${season}/school-b/2` } });
    await tamper(`DELETE FROM "AuditEvent" WHERE "id" = ${row.id}`);
    const { id, ...content } = row;
    void id;
    await scratch.db.auditEvent.create({ data: content });
    const result = await verifyAuditChain(scratch.db, season);
    expect(result.ok).toBe(false);
    expect(result.problems.map((p) => p.problem)).toEqual(['missing', 'out_of_order']);
  });

  test('a verified head hash changes when the tail is cut off', async () => {
    const before = (await verifyAuditChain(scratch.db, season)).headHash;
    await tamper(`DELETE FROM "AuditEvent" WHERE "key" = 'probe/${season}/school-b/4'`);
    const after = await verifyAuditChain(scratch.db, season);
    expect(after.ok).toBe(true); // nothing inside the chain is wrong…
    expect(after.headHash).not.toBe(before); // …but the head kept elsewhere no longer matches
  });
});
