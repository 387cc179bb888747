// Every branch's outcome, dates and escalations, one row each. By default for a person opening it in
// Excel: Chinese headers, states and outcomes in words, times in the season's zone with the zone in
// the header. `en` is for scripts: the machine names of columns and values, times in ISO 8601.
import { toCsv } from './csv';
import { finalGradeBasis } from '../domain/final-grade';
import { formatInZone, offsetMinutes } from '../domain/time';
import { CLOSED_OUTCOME_NAMES, stateName, type ClosedOutcome } from '../domain/vocabulary';
import type { BranchRow, Escalation, SeasonExportData } from './season-data';

export type CsvColumns = 'zh' | 'en';
export const CSV_COLUMNS: readonly CsvColumns[] = ['zh', 'en'];

type Cell = string | number | null;

/** How one kind of reader is given each kind of value. */
interface Style {
  at(date: Date | null): string;
  yesNo(value: boolean | null): string;
  state(state: string): string;
  outcome(outcome: string): string;
  escalations(list: Escalation[]): string;
  /** How a final grade (综合评价) was reached. */
  basis(json: string | null): string;
}

// What each escalation was, by the timer that sent it (workflows/report-timers.ts).
const ESCALATION_WORDS: Record<string, string> = {
  escalate_liaison: '逾期未交·报联系领导',
  escalate_party_group_secretary: '逾期未交·报党组书记',
  review_escalation: '审阅超时·报管理员',
};

function personStyle(timeZone: string): Style {
  const at = (date: Date | null) => (date ? formatInZone(date, timeZone) : '');
  return {
    at,
    yesNo: (value) => (value === null ? '' : value ? '是' : '否'),
    state: (state) => stateName(state, 'zh-CN'),
    outcome: (outcome) => CLOSED_OUTCOME_NAMES[outcome as ClosedOutcome]?.['zh-CN'] ?? stateName(outcome, 'zh-CN'),
    escalations: (list) => list.map((e) => `${at(e.at)} ${ESCALATION_WORDS[e.kind] ?? '催办升级'} ${e.to.join('、')}`).join('；'),
    basis: (json) => finalGradeBasis(json, 'zh-CN'),
  };
}

function machineStyle(timeZone: string): Style {
  const at = (date: Date | null) => (date ? isoInZone(date, timeZone) : '');
  return {
    at,
    yesNo: (value) => (value === null ? '' : value ? 'yes' : 'no'),
    state: (state) => state,
    outcome: (outcome) => outcome,
    escalations: (list) => list.map((e) => `${at(e.at)} ${e.kind}: ${e.to.join(', ')}`).join('; '),
    basis: (json) => finalGradeBasis(json, 'en'),
  };
}

/** 2026-12-31T23:59+08:00: the zone's wall time with its offset, so a script reads the instant. */
function isoInZone(date: Date, timeZone: string): string {
  const offset = offsetMinutes(date, timeZone);
  const sign = offset < 0 ? '-' : '+';
  const pad = (n: number) => String(Math.floor(Math.abs(n))).padStart(2, '0');
  return `${formatInZone(date, timeZone).replace(' ', 'T')}${sign}${pad(offset / 60)}:${pad(offset % 60)}`;
}

/** Each column: its machine name, its Chinese header (a time's header names the zone), its value. */
const COLUMNS: [string, string, (row: BranchRow, style: Style) => Cell][] = [
  ['branch_id', '支部代码', (r) => r.branchId],
  ['branch', '支部名称', (r) => r.branchName],
  ['secretary', '书记', (r) => r.secretaryName],
  ['outcome', '结果', (r, s) => s.outcome(r.outcome)],
  ['state', '状态', (r, s) => s.state(r.state)],
  ['due', '截止时间@', (r, s) => s.at(r.dueAt)],
  ['first_submitted', '首次提交时间@', (r, s) => s.at(r.firstSubmittedAt)],
  ['on_time', '按时提交', (r, s) => s.yesNo(r.firstSubmittedAt ? r.firstSubmittedAt <= r.dueAt : null)],
  ['approved', '批准时间@', (r, s) => s.at(r.approvedAt)],
  ['revision_rounds', '退回修改次数', (r) => r.revisionRounds],
  ['rating', '评价等次', (r) => r.rating],
  ['final_grade', '综合评价', (r) => r.finalGrade],
  ['final_grade_basis', '评定依据', (r, s) => s.basis(r.finalGradeJson)],
  ['rectification_items', '整改事项', (r) => r.rectification.items],
  ['rectification_accepted', '已销号', (r) => r.rectification.accepted],
  ['rectification_overdue', '整改逾期', (r) => r.rectification.overdue],
  ['escalations', '催办升级记录@', (r, s) => s.escalations(r.escalations)],
];

export function seasonCsv(data: SeasonExportData, columns: CsvColumns = 'zh'): string {
  const style = columns === 'en' ? machineStyle(data.timeZone) : personStyle(data.timeZone);
  const header = COLUMNS.map(([name, zh]) => (columns === 'en' ? name : zh.replace('@', `（${data.timeZone}）`)));
  return toCsv(
    header,
    data.rows.map((row) => COLUMNS.map(([, , value]) => value(row, style))),
  );
}
