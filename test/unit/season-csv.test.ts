// The season's CSV as an office reads it in Excel (Chinese headers, outcomes in words, names, times
// in the season's zone with the zone named) and as a script reads it (`--columns en`).
import { parse } from 'csv-parse/sync';
import { seasonCsv } from '../../exports/csv-export';
import type { BranchRow } from '../../exports/season-data';
import { closedSeasonData } from '../helpers/export-data';

const at = (iso: string) => new Date(iso);
const row = (overrides: Partial<BranchRow>): BranchRow => ({
  branchId: 'bureau-office',
  branchName: '局机关党支部',
  secretaryEmail: 'shuji.jiguan@bureau.example',
  secretaryName: '孙书记',
  state: 'approved',
  outcome: 'approved',
  dueAt: at('2026-12-31T15:59:59.999Z'),
  firstSubmittedAt: at('2026-12-30T02:00:00Z'),
  approvedAt: at('2027-01-05T03:30:00Z'),
  revisionRounds: 1,
  rating: '较好',
  finalGrade: null,
  finalGradeJson: null,
  rectification: { items: 0, accepted: 0, overdue: 0 },
  escalations: [],
  ...overrides,
});

const ROWS: BranchRow[] = [
  row({
    firstSubmittedAt: at('2027-01-04T02:00:00Z'),
    // Escalated twice before it came in late: the read model's escalatedTo was cleared by the submission.
    escalations: [
      { at: at('2027-01-01T16:00:00Z'), kind: 'escalate_liaison', to: ['赵委员'] },
      { at: at('2027-01-03T16:00:00Z'), kind: 'escalate_party_group_secretary', to: ['李书记'] },
    ],
  }),
  row({
    branchId: 'exp',
    branchName: '实验小学党支部',
    secretaryName: '吴书记',
    state: 'closed',
    outcome: 'closed_unsubmitted',
    firstSubmittedAt: null,
    approvedAt: null,
    rating: null,
    revisionRounds: 0,
  }),
  row({
    branchId: 'no1',
    branchName: '第一中学党支部',
    secretaryName: '周书记',
    state: 'closed',
    outcome: 'closed_unapproved',
    approvedAt: null,
    rating: null,
  }),
  row({ branchId: 'no2', branchName: '第二中学党支部', state: 'closed', outcome: 'closed_in_review', approvedAt: null, rating: null }),
  row({ branchId: 'no3', branchName: '第三中学党支部', state: 'closed', outcome: 'closed_in_revision', approvedAt: null, rating: null }),
  row({ branchId: 'no4', branchName: '第四中学党支部', state: 'exempted', outcome: 'exempted', firstSubmittedAt: null, approvedAt: null, rating: null }),
];

const read = (text: string) => parse(text, { bom: true, columns: true }) as Record<string, string>[];

describe('the season CSV', () => {
  const data = closedSeasonData({ rows: ROWS });

  test('has Chinese column headers by default, each time column naming the season’s zone', () => {
    const header = seasonCsv(data).slice(1).split('\r\n')[0];
    expect(header).toBe(
      '支部代码,支部名称,书记,结果,状态,截止时间（Asia/Shanghai）,首次提交时间（Asia/Shanghai）,按时提交,批准时间（Asia/Shanghai）,退回修改次数,评价等次,综合评价,评定依据,整改事项,已销号,整改逾期,催办升级记录（Asia/Shanghai）',
    );
  });

  test('gives each branch one explicit outcome: a report closed by the season’s end says how far it had got', () => {
    expect(read(seasonCsv(data)).map((r) => [r['支部代码'], r['结果'], r['状态']])).toEqual([
      ['bureau-office', '已批准', '已批准'],
      ['exp', '季度结束时未提交', '已结束'],
      ['no1', '季度结束时已审阅未批准', '已结束'],
      ['no2', '季度结束时待审阅', '已结束'],
      ['no3', '季度结束时退回修改未重新提交', '已结束'],
      ['no4', '免于述职', '免于述职'],
    ]);
  });

  test('keeps every escalation, who was told and when, and names people rather than their addresses', () => {
    const [first] = read(seasonCsv(data));
    expect(first).toMatchObject({
      书记: '孙书记',
      '截止时间（Asia/Shanghai）': '2026-12-31 23:59',
      按时提交: '否',
      '催办升级记录（Asia/Shanghai）': '2027-01-02 00:00 逾期未交·报联系领导 赵委员；2027-01-04 00:00 逾期未交·报党组书记 李书记',
    });
    expect(seasonCsv(data)).not.toContain('@');
  });

  test('with columns en keeps the machine names of columns and values, and ISO times with the offset, for scripts', () => {
    const rows = read(seasonCsv(data, 'en'));
    expect(Object.keys(rows[0] ?? {})).toEqual([
      'branch_id',
      'branch',
      'secretary',
      'outcome',
      'state',
      'due',
      'first_submitted',
      'on_time',
      'approved',
      'revision_rounds',
      'rating',
      'final_grade',
      'final_grade_basis',
      'rectification_items',
      'rectification_accepted',
      'rectification_overdue',
      'escalations',
    ]);
    expect(rows.map((r) => [r.outcome, r.state, r.on_time])).toEqual([
      ['approved', 'approved', 'no'],
      ['closed_unsubmitted', 'closed', ''],
      ['closed_unapproved', 'closed', 'yes'],
      ['closed_in_review', 'closed', 'yes'],
      ['closed_in_revision', 'closed', 'yes'],
      ['exempted', 'exempted', ''],
    ]);
    expect(rows[0]).toMatchObject({
      due: '2026-12-31T23:59+08:00',
      escalations: '2027-01-02T00:00+08:00 escalate_liaison: 赵委员; 2027-01-04T00:00+08:00 escalate_party_group_secretary: 李书记',
    });
  });
});
