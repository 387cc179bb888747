// What the exports read from the record rather than the read model: every escalation of a report,
// even after a submission or an extension cleared the read model's escalatedTo; how far a report
// closed by the season's end had got; and people by the names the season knew them by.
import { importSeason } from '../../db/season-import';
import { appendAuditEvent } from '../../db/audit';
import type { AuditEventInput } from '../../domain/messages';
import { seasonCsv } from '../../exports/csv-export';
import { loadSeasonExportData } from '../../exports/season-data';
import { NOTICES } from '../../workflows/report-mail';
import { TEST_AUDIT_KEY } from '../helpers/audit-key';
import { describeEachDatabase, type ScratchDatabase } from '../helpers/databases';
import { demoSeason } from '../helpers/seasons';

const SEASON = 'demo-2026';
const DAY = 86_400_000;
const ADMIN = { email: 'zuzhi@bureau.example', channel: 'system' as const };

describeEachDatabase('a season’s export data', (kind) => {
  let scratch: ScratchDatabase;
  const dueAt = new Date(Date.now() - 10 * DAY);
  const at = (days: number) => new Date(dueAt.getTime() + days * DAY);

  /** Records an act of a report's workflow, as recordReportChange does. */
  const record = (branchId: string, key: string, action: string, occurredAt: Date, detail: Record<string, unknown>) =>
    scratch.db.$transaction((tx) => {
      const event: AuditEventInput = {
        key: `report/${SEASON}/${branchId}/${key}`,
        occurredAt: occurredAt.toISOString(),
        actorEmail: 'system',
        action,
        channel: 'workflow',
        seasonId: SEASON,
        reportId: `${SEASON}/${branchId}`,
        detail,
      };
      return appendAuditEvent(tx, TEST_AUDIT_KEY, event);
    });

  beforeAll(async () => {
    scratch = await kind.create();
    await importSeason(scratch.db, demoSeason(), ADMIN, TEST_AUDIT_KEY);
    const report = (branchId: string, secretaryEmail: string, state: string, extra: object = {}) => ({
      id: `${SEASON}/${branchId}`,
      seasonId: SEASON,
      branchId,
      workflowId: `report/${SEASON}/${branchId}`,
      secretaryEmail,
      dueAt,
      state,
      ...extra,
    });
    await scratch.db.report.createMany({
      data: [
        // Escalated to the liaison, then to the Party group secretary, then submitted late: the
        // submission cleared the read model's escalatedTo, as report-transitions.ts does.
        report('bureau-office', 'shuji.jiguan@bureau.example', 'submitted', { escalatedTo: null, escalatedAt: null }),
        report('no1-middle-school', 'shuji.yizhong@school.example', 'closed'),
        report('experimental-primary', 'shuji.shixiao@school.example', 'closed'),
      ],
    });
    const liaison = NOTICES.escalate_liaison;
    const pgs = NOTICES.escalate_party_group_secretary;
    await record('bureau-office', 'timer/escalate-liaison', liaison.action, at(1), { kind: 'escalate_liaison', to: ['weiyuan.zhao@bureau.example'] });
    await record('bureau-office', 'timer/escalate-pgs', pgs.action, at(3), { kind: 'escalate_party_group_secretary', to: ['dangzu.shuji@bureau.example'] });
    await record('bureau-office', 'submit', 'report.submitted', at(4), {});
    await record('no1-middle-school', 'close', 'report.closed', at(9), { stateAtClose: 'reviewed', neverSubmitted: false });
    await record('experimental-primary', 'close', 'report.closed', at(9), { stateAtClose: 'drafting', neverSubmitted: true });
  });
  afterAll(async () => {
    await scratch?.drop();
  });

  test('keeps every escalation from the record, with the names of those told, after a submission cleared the read model’s', async () => {
    const data = await loadSeasonExportData(scratch.db, SEASON);
    expect(data.rows.find((r) => r.branchId === 'bureau-office')?.escalations).toEqual([
      { at: at(1), kind: 'escalate_liaison', to: ['赵委员（党组成员）'] },
      { at: at(3), kind: 'escalate_party_group_secretary', to: ['李书记（党组书记）'] },
    ]);
    const [office] = seasonCsv(data, 'en').split('\r\n').slice(1);
    expect(office).toContain('escalate_liaison: 赵委员（党组成员）; ');
  });

  test('tells apart the reports the season’s close settled: one passed review and awaited approval, one was never submitted', async () => {
    const data = await loadSeasonExportData(scratch.db, SEASON);
    expect(data.rows.map((r) => [r.branchId, r.state, r.outcome])).toEqual([
      ['bureau-office', 'submitted', 'submitted'],
      ['experimental-primary', 'closed', 'closed_unsubmitted'],
      ['no1-middle-school', 'closed', 'closed_unapproved'],
    ]);
  });

  test('names each secretary as the season knew them, never by address', async () => {
    const data = await loadSeasonExportData(scratch.db, SEASON);
    expect(data.rows.map((r) => r.secretaryName)).toEqual(['孙书记（机关支部）', '吴书记（实验小学）', '周书记（第一中学）']);
    expect(seasonCsv(data)).not.toMatch(/@/);
  });
});
