// The cycle's words: every state has a name in both languages, every mail kind a text in both, and
// the names that running workflows and their callers share do not change under them.
import { ALL_SEARCH_ATTRIBUTES, SEARCH_ATTRIBUTES, TASK_QUEUE } from '../../domain/constants';
import { durationMs } from '../../domain/duration';
import { reportId, reportWorkflowId, seasonWorkflowId } from '../../domain/ids';
import * as reportApi from '../../domain/report-api';
import { closeSeasonSignal, seasonProgressQuery } from '../../domain/season-api';
import {
  eventName,
  LOCALES,
  MAIL_KINDS,
  RATINGS,
  REPORT_STATES,
  REVIEW_STATES,
  roleName,
  SETTLED_STATES,
  STATE_NAMES,
  STEP_NAMES,
  stateName,
  versionKindName,
  WRITING_STATES,
} from '../../domain/vocabulary';
import { words } from '../../domain/words';
import { renderMail } from '../../mail/templates';

describe("the cycle's words", () => {
  test('a report goes through nine states, each named in Chinese and English', () => {
    expect(REPORT_STATES).toEqual(['assigned', 'drafting', 'submitted', 'revision_requested', 'reviewed', 'approved', 'exempted', 'withdrawn', 'closed']);
    expect(Object.keys(STATE_NAMES)).toEqual(REPORT_STATES);
    expect(REPORT_STATES.map((s) => stateName(s, 'zh-CN'))).toEqual([
      '已分配',
      '撰写中',
      '已提交待审阅',
      '退回修改',
      '已审阅待批准',
      '已批准',
      '免于述职',
      '已撤销',
      '已结束',
    ]);
    expect(REPORT_STATES.map((s) => stateName(s, 'en'))).toEqual([
      'assigned',
      'drafting',
      'submitted',
      'revision requested',
      'reviewed, awaiting approval',
      'approved',
      'exempted',
      'withdrawn',
      'closed',
    ]);
  });

  test('a state the app does not know is shown as it was written', () => {
    expect(stateName('archived', 'zh-CN')).toBe('archived');
  });

  test('the secretary writes while assigned, drafting or sent back; the reviewer has it once submitted; four states settle it', () => {
    expect(WRITING_STATES).toEqual(['assigned', 'drafting', 'revision_requested']);
    expect(REVIEW_STATES).toEqual(['submitted']);
    expect(SETTLED_STATES).toEqual(['approved', 'exempted', 'withdrawn', 'closed']);
  });

  test('leadership rates a report 好, 较好, 一般 or 差, best first', () => {
    expect(RATINGS).toEqual(['好', '较好', '一般', '差']);
  });

  test('every kind of mail has a subject and a text in each of the two languages', () => {
    expect(LOCALES).toEqual(['zh-CN', 'en']);
    expect(MAIL_KINDS).toHaveLength(16);
    for (const kind of MAIL_KINDS) {
      for (const locale of LOCALES) {
        const mail = renderMail(kind, locale, {
          seasonTitle: '2026年度述职评议',
          branchName: '第一中学党支部',
          dueDate: '2026-12-31 23:59',
          link: 'https://x.example/r',
        });
        expect(mail.subject).not.toBe('');
        expect(mail.text).not.toBe('');
      }
    }
  });

  test('the overdue list says who was told: the liaison, the Party group secretary or the organization office', () => {
    const told = ['liaison', 'party_group_secretary', 'admins'];
    expect(told.map((who) => roleName(who, 'zh-CN'))).toEqual(['联系领导', '党组书记', '组织办']);
    expect(told.map((who) => roleName(who, 'en'))).toEqual(['liaison', 'Party group secretary', 'organization office']);
  });

  test('a role or a kind of version the app does not know is shown as it was written', () => {
    expect(roleName('auditor', 'en')).toBe('auditor');
    expect(versionKindName('autosave', 'en')).toBe('autosave');
    expect(versionKindName('submission', 'en')).toBe('submission');
  });

  test('in English the record names its acts in plain words, as `shuzhi audit` prints them', () => {
    expect(['report.assigned', 'report.draft_saved', 'report.submitted', 'season.closed'].map((action) => eventName(action, 'en'))).toEqual([
      'report assigned',
      'draft saved',
      'report submitted',
      'season closed',
    ]);
  });

  test("in English a report's page shows its steps as Writing, Review, Approval and Done", () => {
    expect(Object.values(STEP_NAMES).map((n) => n.en)).toEqual(['Writing', 'Review', 'Approval', 'Done']);
  });

  test('a word in both languages', () => {
    expect(words('已批准', 'approved')).toEqual({ 'zh-CN': '已批准', en: 'approved' });
  });
});

describe('durations as season files write them', () => {
  test('days, hours, minutes and seconds', () => {
    expect(['7d', '12h', '30m', '45s', '0d'].map(durationMs)).toEqual([7 * 86_400_000, 12 * 3_600_000, 30 * 60_000, 45_000, 0]);
  });

  test('anything else is refused, naming what was written and how to write it', () => {
    for (const text of ['7', 'd', '7w', '1.5d', '-1d', ' 7d', '7d ', '7dd', 'x7d']) {
      expect(() => durationMs(text)).toThrow(`not a duration: "${text}" (use e.g. 7d, 12h, 30m, 45s)`);
    }
  });
});

describe('names shared with running workflows', () => {
  // A running season's workflows, the CLI and the web app meet on these names: renaming one breaks
  // every season already started (and the search attributes registered on the server).
  test("a report's and a season's workflow ids follow from the season and branch alone", () => {
    expect(reportId('demo-2026', 'no1')).toBe('demo-2026/no1');
    expect(reportWorkflowId('demo-2026', 'no1')).toBe('report/demo-2026/no1');
    expect(seasonWorkflowId('demo-2026')).toBe('season/demo-2026');
  });

  test("the report workflow's updates, signal and query, and the failures it answers with", () => {
    const {
      saveDraftUpdate,
      submitUpdate,
      reviewUpdate,
      extendUpdate,
      reassignUpdate,
      exemptUpdate,
      changeRoleUpdate,
      delegateUpdate,
      remindNowUpdate,
      closeSignal,
      reportQuery,
    } = reportApi;
    expect(
      [saveDraftUpdate, submitUpdate, reviewUpdate, extendUpdate, reassignUpdate, exemptUpdate, changeRoleUpdate, delegateUpdate, remindNowUpdate].map(
        (u) => u.name,
      ),
    ).toEqual(['saveDraft', 'submit', 'review', 'extendDueDate', 'reassign', 'exempt', 'changeRole', 'delegate', 'remindNow']);
    expect([closeSignal.name, reportQuery.name]).toEqual(['close', 'report']);
    expect([reportApi.REJECTION, reportApi.CHECK_FAILED, reportApi.WARNINGS_NOT_ACCEPTED, reportApi.AUDIT_KEY_CONFLICT]).toEqual([
      'ReportRequestRejected',
      'SubmissionCheckFailed',
      'SubmissionWarningsNotAccepted',
      'AuditKeyConflict',
    ]);
  });

  test("the season workflow's signal and query, the task queue and the search attributes", () => {
    expect([closeSeasonSignal.name, seasonProgressQuery.name]).toEqual(['closeSeason', 'progress']);
    expect(TASK_QUEUE).toBe('shuzhi');
    expect(ALL_SEARCH_ATTRIBUTES.map((a) => [a.name, a.type])).toEqual([
      ['ShuzhiSeasonId', 'KEYWORD'],
      ['ShuzhiBranchId', 'KEYWORD'],
      ['ShuzhiReportState', 'KEYWORD'],
    ]);
    expect(SEARCH_ATTRIBUTES.reportState.name).toBe('ShuzhiReportState');
  });
});
