// A closed season's export data as the exports receive it: three approved reports of different
// lengths (two realistic ones of several pages, from test/fixtures/exports/), and the record's head.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { ApprovedReport, SeasonExportData } from '../../exports/season-data';

const fixture = (name: string) => readFileSync(join(__dirname, '..', 'fixtures', 'exports', name), 'utf8');
const APPROVED_AT = new Date('2026-12-20T02:00:00Z');

const SHORT_REPORT = [
  '# 实验小学党支部述职报告',
  '现述职如下。',
  '一、主要工作',
  '全年发展预备党员2名。',
  '二、存在的主要问题及原因',
  '学习不够深入。',
  '三、下步工作思路和主要措施',
  '加强学习。',
].join('\n');

export const REPORTS: ApprovedReport[] = [
  {
    branchId: 'bureau-office',
    branchName: '局机关党支部',
    secretaryEmail: 'shuji.jiguan@bureau.example',
    secretaryName: '张书记',
    body: fixture('report-bureau-office.md'),
  },
  {
    branchId: 'experimental-primary',
    branchName: '实验小学党支部',
    secretaryEmail: 'shuji.shiyan@school.example',
    secretaryName: '李书记',
    body: SHORT_REPORT,
  },
  {
    branchId: 'no1-middle-school',
    branchName: '第一中学党支部',
    secretaryEmail: 'shuji.yizhong@school.example',
    secretaryName: '周书记',
    body: fixture('report-no1-middle-school.md'),
  },
].map((r) => ({ ...r, rating: '较好', finalGrade: null, approvedAt: APPROVED_AT }));

export const RECORD_HEAD = 'c0ffee'.repeat(10) + 'beef';

export function closedSeasonData(overrides: Partial<SeasonExportData> = {}): SeasonExportData {
  return {
    seasonId: 'demo-2026',
    children: [],
    recordHead: RECORD_HEAD,
    title: '2026年度基层党组织书记抓党建工作述职评议',
    year: 2026,
    timeZone: 'Asia/Shanghai',
    rows: [],
    approved: REPORTS,
    ...overrides,
  };
}
