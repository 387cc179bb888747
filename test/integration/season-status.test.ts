// `season status` and the dashboard's chart read their counts in plain SQL: the same answer on both databases.
import { seasonStatus } from '../../app/season-commands';
import { seasonCounts } from '../../db/season-counts';
import { importSeason } from '../../db/season-import';
import { describeEachDatabase, type ScratchDatabase } from '../helpers/databases';
import { demoSeason } from '../helpers/seasons';
import { TEST_AUDIT_KEY } from '../helpers/audit-key';

const DAY = 86_400_000;

describeEachDatabase('season status', (kind) => {
  let scratch: ScratchDatabase;
  beforeAll(async () => {
    scratch = await kind.create();
    const db = scratch.db;
    const season = demoSeason();
    await importSeason(db, season, { email: 'admin@bureau.example', channel: 'system' }, TEST_AUDIT_KEY);
    const now = Date.now();
    const report = (branchId: string, state: string, extra: object = {}) => ({
      id: `${season.id}/${branchId}`,
      seasonId: season.id,
      branchId,
      workflowId: `report/${season.id}/${branchId}`,
      secretaryEmail: `${branchId}@example`,
      dueAt: new Date(now + 10 * DAY),
      state,
      ...extra,
    });
    await db.report.createMany({
      data: [
        report('bureau-office', 'approved', { rating: '好', submittedAt: new Date('2026-11-20T00:00:00Z'), approvedAt: new Date('2026-11-22T23:59:59.999Z') }),
        report('no1-middle-school', 'approved', {
          rating: '较好',
          submittedAt: new Date('2026-11-20T23:30:00Z'),
          approvedAt: new Date('2026-11-23T01:00:00Z'),
        }),
        report('experimental-primary', 'drafting', { dueAt: new Date(now - 2 * DAY), submittedAt: new Date('2026-11-21T12:00:00Z') }),
      ],
    });
    const mail = (n: number, status: string) => ({
      idempotencyKey: `mail-${n}`,
      kind: 'assignment',
      toAddress: 'someone@example',
      subject: 'subject',
      seasonId: season.id,
      messageId: `<mail-${n}@test>`,
      status,
    });
    await db.sentMail.createMany({ data: [mail(1, 'sent'), mail(2, 'sent'), mail(3, 'sending')] });
    // A secretary who was replaced no longer counts as a branch of their own.
    const replaced = await db.roleAssignment.findFirstOrThrow({ where: { seasonId: season.id, role: 'secretary' } });
    await db.roleAssignment.create({
      data: {
        key: `${replaced.key}/ended`,
        personId: replaced.personId,
        role: 'secretary',
        organizationId: replaced.organizationId,
        seasonId: season.id,
        validUntil: new Date(),
      },
    });
  });
  afterAll(() => scratch?.drop());

  test('counts reports by state and rating, branches with a current secretary, and mails sent', async () => {
    const status = await seasonStatus(scratch.db, 'demo-2026');
    expect(status).toMatchObject({
      branches: 3,
      reportsByState: { approved: 2, drafting: 1 },
      ratings: { 好: 1, 较好: 1 },
      mailsSent: 2,
    });
    expect(Object.keys(status.reportsByState).sort()).toEqual(['approved', 'drafting']);
  });

  test('lists the report whose due date has passed, two days overdue', async () => {
    const status = await seasonStatus(scratch.db, 'demo-2026');
    expect(status.overdue).toEqual([expect.objectContaining({ branchId: 'experimental-primary', state: 'drafting', daysOverdue: 2 })]);
  });

  test("the dashboard's progress chart counts submissions and approvals per day", async () => {
    const { progress } = await seasonCounts(scratch.db, 'demo-2026', { progress: true });
    expect(Object.fromEntries(progress.submitted)).toEqual({ '2026-11-20': 2, '2026-11-21': 1 });
    expect(Object.fromEntries(progress.approved)).toEqual({ '2026-11-22': 1, '2026-11-23': 1 });
  });

  test('a season that does not exist is named in the error', async () => {
    await expect(seasonStatus(scratch.db, 'no-such-season')).rejects.toThrow('unknown season: no-such-season');
  });
});
