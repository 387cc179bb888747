// The record (台账) can be appended to, never changed: the code has no way to alter an event.
import { appendAuditEvent, AuditKeyConflictError } from '../../db/audit';
import { describeEachDatabase, type ScratchDatabase } from '../helpers/databases';
import { TEST_AUDIT_KEY } from '../helpers/audit-key';

describeEachDatabase('the audit log', (kind) => {
  let scratch: ScratchDatabase;
  beforeAll(async () => {
    scratch = await kind.create();
    await scratch.db.$transaction((tx) =>
      appendAuditEvent(tx, TEST_AUDIT_KEY, {
        key: 'probe/1',
        occurredAt: '2026-11-25T08:00:00.000Z',
        actorEmail: 'zuzhi@bureau.example',
        action: 'season.created',
        channel: 'cli',
        seasonId: 'probe',
      }),
    );
  });
  afterAll(() => scratch?.drop());

  const theEvent = () => scratch.db.auditEvent.findUniqueOrThrow({ where: { key: 'probe/1' } });

  test('the same act appended again (a retry, later) records it once and answers with the recorded head', async () => {
    const head = await scratch.db.$transaction((tx) =>
      appendAuditEvent(tx, TEST_AUDIT_KEY, {
        key: 'probe/1',
        occurredAt: '2026-11-25T09:00:00.000Z',
        actorEmail: 'zuzhi@bureau.example',
        action: 'season.created',
        channel: 'cli',
        seasonId: 'probe',
      }),
    );
    expect(await scratch.db.auditEvent.count({ where: { key: 'probe/1' } })).toBe(1);
    expect(head).toEqual({ events: 1, hash: (await theEvent()).hash });
    expect((await theEvent()).occurredAt.toISOString()).toBe('2026-11-25T08:00:00.000Z');
  });

  test('a different act under a recorded key is refused loudly, never skipped as a retry', async () => {
    const different = scratch.db.$transaction((tx) =>
      appendAuditEvent(tx, TEST_AUDIT_KEY, {
        key: 'probe/1',
        occurredAt: '2026-11-25T09:00:00.000Z',
        actorEmail: 'someone.else@bureau.example',
        action: 'season.updated',
        channel: 'cli',
        seasonId: 'probe',
      }),
    );
    await expect(different).rejects.toBeInstanceOf(AuditKeyConflictError);
    expect(await scratch.db.auditEvent.count({ where: { key: 'probe/1' } })).toBe(1);
    expect((await theEvent()).actorEmail).toBe('zuzhi@bureau.example');
  });

  test('a conflict over an act with neither report nor season names its subject as "-"', async () => {
    const subjectless = {
      key: 'probe/subjectless',
      occurredAt: '2026-11-25T08:00:00.000Z',
      actorEmail: 'zuzhi@bureau.example',
      action: 'season.started',
      channel: 'cli' as const,
    };
    await scratch.db.$transaction((tx) => appendAuditEvent(tx, TEST_AUDIT_KEY, subjectless));
    const different = scratch.db.$transaction((tx) => appendAuditEvent(tx, TEST_AUDIT_KEY, { ...subjectless, actorEmail: 'someone.else@bureau.example' }));
    await expect(different).rejects.toMatchObject({
      recorded: 'season.started by zuzhi@bureau.example via cli on -',
      attempted: 'season.started by someone.else@bureau.example via cli on -',
    });
  });

  test.each([
    ['update', () => scratch.db.auditEvent.update({ where: { key: 'probe/1' }, data: { actorEmail: 'x@y' } })],
    ['updateMany', () => scratch.db.auditEvent.updateMany({ data: { action: 'rewritten' } })],
    ['delete', () => scratch.db.auditEvent.delete({ where: { key: 'probe/1' } })],
    ['deleteMany', () => scratch.db.auditEvent.deleteMany({})],
    ['raw UPDATE', () => scratch.db.$executeRawUnsafe(`UPDATE "AuditEvent" SET "action" = 'rewritten'`)],
    ['raw DELETE', () => scratch.db.$executeRawUnsafe(`DELETE FROM "AuditEvent"`)],
  ])('refuses %s and leaves the event as it was', async (_name, attempt) => {
    const before = await theEvent();
    await expect(attempt()).rejects.toThrow();
    expect(await theEvent()).toEqual(before);
  });

  test('a change and its audit event commit together or not at all', async () => {
    await expect(
      scratch.db.$transaction(async (tx) => {
        await appendAuditEvent(tx, TEST_AUDIT_KEY, {
          key: 'probe/2',
          occurredAt: '2026-11-25T08:00:00.000Z',
          actorEmail: 'zuzhi@bureau.example',
          action: 'season.started',
          channel: 'cli',
        });
        throw new Error('the state change failed');
      }),
    ).rejects.toThrow('the state change failed');
    expect(await scratch.db.auditEvent.count({ where: { key: 'probe/2' } })).toBe(0);
  });
});
