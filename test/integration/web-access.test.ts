// Who may read which report in the web app, and whose review queue it is in: a secretary her own
// branch's, a liaison and a reviewer the reports they are named on, an admin her season's, a leader
// her subtree's, each in its own season only.
import type { ActivityDeps } from '../../activities';
import { createReportActivities } from '../../activities/report-activities';
import { importSeason } from '../../db/season-import';
import { canSeeReport, reachFrom, reviewableReports, usesReviewQueue, visibleReports, type Reach, type SubtreeRole } from '../../web/access';
import { callerReach } from '../../web/caller';
import { TEST_AUDIT_KEY } from '../helpers/audit-key';
import { describeEachDatabase, type ScratchDatabase } from '../helpers/databases';
import { demoSeason } from '../helpers/seasons';

const DEMO = 'demo-2026';
const OTHER = 'other-2026';
const BRANCHES = ['bureau-office', 'no1-middle-school', 'experimental-primary'];

const ADMIN = 'zuzhi@bureau.example';
const LEADER = 'dangzu.shuji@bureau.example';
const ZHAO = 'weiyuan.zhao@bureau.example'; // liaison of the bureau office and the middle school
const QIAN = 'weiyuan.qian@bureau.example'; // liaison of the primary school; here also reviewer of the middle school
const PRIMARY_SECRETARY = 'shuji.shixiao@school.example';

describeEachDatabase('who sees which report', (kind) => {
  let scratch: ScratchDatabase;

  beforeAll(async () => {
    scratch = await kind.create();
    const base = demoSeason();
    const season = {
      ...base,
      organization: {
        ...base.organization,
        branches: base.organization.branches.map((b) => (b.id === 'no1-middle-school' ? { ...b, reviewer: QIAN } : b)),
      },
    };
    const record = createReportActivities({ db: scratch.db, auditKey: TEST_AUDIT_KEY } as ActivityDeps);
    for (const file of [season, { ...season, id: OTHER, admins: [QIAN] }]) {
      await importSeason(scratch.db, file, { email: ADMIN, channel: 'system' }, TEST_AUDIT_KEY);
      for (const branchId of BRANCHES) {
        await record.recordAssignment({
          seasonId: file.id,
          branchId,
          occurredAt: '2026-11-25T08:00:00.000Z',
          auditKey: `report/${file.id}/${branchId}/assigned`,
        });
      }
    }
  });
  afterAll(() => scratch?.drop());

  const reach = (email: string, roles: SubtreeRole[] = []) => reachFrom(email, roles);
  const ids = async (where: ReturnType<typeof visibleReports>) =>
    (await scratch.db.report.findMany({ where, select: { id: true }, orderBy: { id: 'asc' } })).map((r) => r.id);
  const sees = (who: Reach) => ids(visibleReports(who));
  const reviews = (who: Reach) => ids(reviewableReports(who));
  const all = (seasonId: string) => BRANCHES.map((b) => `${seasonId}/${b}`).sort();

  test("a secretary reads her own branch's report, in every season she writes it, and has nothing to review", async () => {
    const secretary = reach(PRIMARY_SECRETARY);
    expect(await sees(secretary)).toEqual([`${DEMO}/experimental-primary`, `${OTHER}/experimental-primary`]);
    expect(await reviews(secretary)).toEqual([]);
    expect(await canSeeReport(scratch.db, secretary, `${DEMO}/experimental-primary`)).toBe(true);
    expect(await canSeeReport(scratch.db, secretary, `${DEMO}/no1-middle-school`)).toBe(false);
  });

  test('a liaison reads the reports she is named on and reviews none of them', async () => {
    const liaison = reach(ZHAO);
    expect(await sees(liaison)).toEqual([`${DEMO}/bureau-office`, `${DEMO}/no1-middle-school`, `${OTHER}/bureau-office`, `${OTHER}/no1-middle-school`]);
    expect(await reviews(liaison)).toEqual([]);
  });

  test('a reviewer reads and reviews the reports she reviews; being liaison elsewhere lets her read, not review', async () => {
    const qian = reach(QIAN);
    expect(await sees(qian)).toEqual([
      `${DEMO}/experimental-primary`,
      `${DEMO}/no1-middle-school`,
      `${OTHER}/experimental-primary`,
      `${OTHER}/no1-middle-school`,
    ]);
    expect(await reviews(qian)).toEqual([`${DEMO}/no1-middle-school`, `${OTHER}/no1-middle-school`]);
  });

  test("an admin reads and reviews every report of the season she administers, and no other season's", async () => {
    const admin = reach(QIAN, [{ role: 'admin', seasonId: OTHER, path: null }]);
    expect(await reviews(admin)).toEqual([`${DEMO}/no1-middle-school`, ...all(OTHER)]);
    expect(await canSeeReport(scratch.db, admin, `${OTHER}/bureau-office`)).toBe(true);
    expect(await canSeeReport(scratch.db, admin, `${DEMO}/bureau-office`)).toBe(false);
  });

  test('a leader reads and reviews every report under the organization she leads, in that season only', async () => {
    const leader = reach(LEADER, [{ role: 'leader', seasonId: DEMO, path: '/edu-bureau/' }]);
    expect(await sees(leader)).toEqual(all(DEMO));
    expect(await reviews(leader)).toEqual(all(DEMO));
    expect(await canSeeReport(scratch.db, leader, `${OTHER}/bureau-office`)).toBe(false);
  });

  test("a role on one branch reaches that branch's report, not its sisters'", async () => {
    const onBranch = reach(LEADER, [{ role: 'leader', seasonId: DEMO, path: '/edu-bureau/no1-middle-school/' }]);
    expect(await sees(onBranch)).toEqual([`${DEMO}/no1-middle-school`]);
    expect(await reviews(onBranch)).toEqual([`${DEMO}/no1-middle-school`]);
  });

  test('a delegate reads and reviews the reports she stands in on, besides those she is named on', async () => {
    const delegate = reachFrom(ZHAO, [], [`${DEMO}/experimental-primary`]);
    expect(await sees(delegate)).toEqual([
      `${DEMO}/bureau-office`,
      `${DEMO}/experimental-primary`,
      `${DEMO}/no1-middle-school`,
      `${OTHER}/bureau-office`,
      `${OTHER}/no1-middle-school`,
    ]);
    expect(await reviews(delegate)).toEqual([`${DEMO}/experimental-primary`]);
  });

  test('the review queue is offered to whoever leads, stands in or reviews a branch, and not to a secretary or a liaison alone', async () => {
    const offered = (who: Reach) => usesReviewQueue(scratch.db, who);
    expect(await offered(reach(LEADER, [{ role: 'leader', seasonId: DEMO, path: '/edu-bureau/' }]))).toBe(true);
    expect(await offered(reachFrom(ZHAO, [], [`${DEMO}/experimental-primary`]))).toBe(true);
    expect(await offered(reach(QIAN))).toBe(true);
    expect(await offered(reach(PRIMARY_SECRETARY))).toBe(false);
    expect(await offered(reach(ZHAO))).toBe(false);
  });

  test('leadership approves in bulk: a leader and the Party group secretary, not an admin or a reviewer', async () => {
    const approves = async (email: string, role: string) => (await callerReach(scratch.db, email, [{ role, seasonId: DEMO, path: '/edu-bureau/' }])).approves;
    expect(await approves(LEADER, 'leader')).toBe(true);
    expect(await approves(LEADER, 'party_group_secretary')).toBe(true);
    expect(await approves(ADMIN, 'admin')).toBe(false);
    expect(await approves(QIAN, 'reviewer')).toBe(false);
  });

  test('someone named nowhere reads nothing, and a report that does not exist is seen by nobody', async () => {
    expect(await sees(reach('visitor@elsewhere.example'))).toEqual([]);
    expect(await canSeeReport(scratch.db, reach(LEADER, [{ role: 'leader', seasonId: DEMO, path: '/edu-bureau/' }]), `${DEMO}/no-such-branch`)).toBe(false);
  });
});

describe("a person's reach, from their roles", () => {
  test('an admin role administers its season once, however many organizations it is held on; other roles administer nothing', () => {
    const roles: SubtreeRole[] = [
      { role: 'admin', seasonId: 's1', path: '/a/' },
      { role: 'admin', seasonId: 's1', path: '/b/' },
      { role: 'leader', seasonId: 's2', path: '/c/' },
      { role: 'party_group_secretary', seasonId: 's3', path: null },
    ];
    expect(reachFrom('x@bureau.example', roles)).toEqual({
      email: 'x@bureau.example',
      adminSeasons: ['s1'],
      subtrees: [
        { seasonId: 's1', path: '/a/' },
        { seasonId: 's1', path: '/b/' },
        { seasonId: 's2', path: '/c/' },
      ],
      standsIn: [],
    });
  });

  test('a role without a season reaches nothing', () => {
    expect(reachFrom('x@bureau.example', [{ role: 'admin', seasonId: null, path: '/a/' }])).toEqual({
      email: 'x@bureau.example',
      adminSeasons: [],
      subtrees: [],
      standsIn: [],
    });
  });
});
