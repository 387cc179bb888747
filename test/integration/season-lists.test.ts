// The lists behind `season status` and the dashboard, in plain SQL: the same answer on both databases.
import { seasonStatus } from '../../app/season-commands';
import type { Prisma } from '../../db/client';
import { branchPage } from '../../db/season-lists';
import { importSeason } from '../../db/season-import';
import { branchIdOf, generatedSeason } from '../../bench/generated-season';
import { describeEachDatabase, type ScratchDatabase } from '../helpers/databases';
import { TEST_AUDIT_KEY } from '../helpers/audit-key';

const DAY = 86_400_000;

describeEachDatabase('season lists', (kind) => {
  let scratch: ScratchDatabase;
  const now = new Date();
  const daysFromNow = (days: number) => new Date(now.getTime() + days * DAY);

  beforeAll(async () => {
    scratch = await kind.create();
    const season = generatedSeason(7);
    await importSeason(scratch.db, season, { email: 'admin@bureau.example', channel: 'system' }, TEST_AUDIT_KEY);
    const report = (i: number, state: string, extra: Partial<Prisma.ReportCreateManyInput> & { dueAt: Date }) => ({
      id: `${season.id}/${branchIdOf(i)}`,
      seasonId: season.id,
      branchId: branchIdOf(i),
      workflowId: `report/${season.id}/${branchIdOf(i)}`,
      secretaryEmail: `sec${i}@school.example`,
      reviewerEmail: 'reviewer@bureau.example',
      state,
      ...extra,
    });
    await scratch.db.report.createMany({
      data: [
        report(0, 'drafting', { dueAt: daysFromNow(-3), escalatedTo: 'liaison', escalatedAt: daysFromNow(-2) }),
        report(1, 'revision_requested', { dueAt: daysFromNow(-10), revisionDueAt: daysFromNow(-1) }),
        report(2, 'revision_requested', { dueAt: daysFromNow(-10), revisionDueAt: daysFromNow(5) }),
        report(3, 'revision_requested', { dueAt: daysFromNow(-2), revisionDueAt: null }),
        report(4, 'submitted', { dueAt: daysFromNow(-8), reviewDueAt: daysFromNow(-2) }),
        report(5, 'approved', { dueAt: daysFromNow(-5), reviewDueAt: daysFromNow(-4) }),
        // Past its writing due date, but a report in review is late only by its review's.
        report(6, 'submitted', { dueAt: daysFromNow(-10), reviewDueAt: daysFromNow(1) }),
      ],
    });
  });
  afterAll(() => scratch?.drop());

  test("lists reports being written past their current due date: the revision's while a revision is requested", async () => {
    const status = await seasonStatus(scratch.db, 'bench', now);
    expect(status.overdue).toEqual([
      {
        branchId: branchIdOf(0),
        branchName: '第0支部',
        state: 'drafting',
        dueAt: daysFromNow(-3).toISOString(),
        daysOverdue: 3,
        secretaryEmail: 'sec0@school.example',
        told: { who: 'liaison', at: daysFromNow(-2).toISOString() },
      },
      {
        branchId: branchIdOf(1),
        branchName: '第1支部',
        state: 'revision_requested',
        dueAt: daysFromNow(-1).toISOString(),
        daysOverdue: 1,
        secretaryEmail: 'sec1@school.example',
        told: null,
      },
      {
        branchId: branchIdOf(3),
        branchName: '第3支部',
        state: 'revision_requested',
        dueAt: daysFromNow(-2).toISOString(),
        daysOverdue: 2,
        secretaryEmail: 'sec3@school.example',
        told: null,
      },
    ]);
  });

  test('lists reviews past their due date, with the reviewer and the days late', async () => {
    const status = await seasonStatus(scratch.db, 'bench', now);
    expect(status.reviewsPastSla).toEqual([
      { branchId: branchIdOf(4), branchName: '第4支部', reviewerEmail: 'reviewer@bureau.example', reviewDueAt: daysFromNow(-2).toISOString(), daysLate: 2 },
    ]);
  });

  test("a page of branches comes in branch order, with each branch's name and its report", async () => {
    const page = await branchPage(scratch.db, 'bench', 2, 3);
    expect(page.map((row) => [row.branchId, row.branchName, row.reportId, row.state])).toEqual([
      [branchIdOf(2), '第2支部', `bench/${branchIdOf(2)}`, 'revision_requested'],
      [branchIdOf(3), '第3支部', `bench/${branchIdOf(3)}`, 'revision_requested'],
      [branchIdOf(4), '第4支部', `bench/${branchIdOf(4)}`, 'submitted'],
    ]);
    expect(page[0]?.dueAt).toEqual(daysFromNow(-10));
    expect(await branchPage(scratch.db, 'bench', 7, 3)).toEqual([]);
  });
});
