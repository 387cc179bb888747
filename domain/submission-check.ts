// The submission check: is the report complete, and what figures does it state? Pure and
// workflow-safe, so the CLI and web app show the same findings the activity enforces.

export interface ReportTemplate {
  sections: string[];
  maxCharacters: number;
}

export type FindingSeverity = 'error' | 'warning';
export type FindingCode = 'empty_report' | 'missing_section' | 'empty_section' | 'too_long' | 'placeholder';

export interface Finding {
  severity: FindingSeverity;
  code: FindingCode;
  /** 1-based line in the submitted text, when the finding has a place. */
  line?: number;
  section?: string;
  message: { 'zh-CN': string; en: string };
}

/** Figures a report states, extracted when they can be read; absent when not found. */
export interface ReportFigures {
  probationaryMembersRecruited?: number; // 发展预备党员
  membersConfirmed?: number; // 转正
  activistsTrained?: number; // 入党积极分子
  developmentTargets?: number; // 发展对象
  inServiceMembers?: number; // 在职党员
  retiredMembers?: number; // 退休党员
  duesCollectedYuan?: number; // 党费（元）
}

export interface CheckResult {
  errors: Finding[];
  warnings: Finding[];
  figures: ReportFigures;
  characters: number;
}

export const DEFAULT_TEMPLATE: ReportTemplate = {
  sections: ['一、主要工作', '二、存在的主要问题及原因', '三、下步工作思路和主要措施'],
  maxCharacters: 20000,
};

// "X人", "X元", "X区", "X教授", "XX" and the like: unfilled blanks copied from a template.
const PLACEHOLDER = /(?<![A-Za-z])(?:[XＸ]{2,}|[XＸ](?=[\u4e00-\u9fff%％])|某某)/g;

export function checkReport(body: string, template: ReportTemplate = DEFAULT_TEMPLATE): CheckResult {
  const lines = body.split(/\r?\n/);
  const errors: Finding[] = [];
  const warnings: Finding[] = [];
  const characters = [...body.replace(/\s/g, '')].length;

  if (characters === 0) {
    errors.push({
      severity: 'error',
      code: 'empty_report',
      message: { 'zh-CN': '报告内容为空。', en: 'The report is empty.' },
    });
    return { errors, warnings, figures: {}, characters };
  }
  if (characters > template.maxCharacters) {
    errors.push({
      severity: 'error',
      code: 'too_long',
      message: {
        'zh-CN': `报告共 ${characters} 字，超过上限 ${template.maxCharacters} 字。`,
        en: `The report has ${characters} characters, more than the limit of ${template.maxCharacters}.`,
      },
    });
  }
  errors.push(...checkSections(lines, template.sections));
  warnings.push(...findPlaceholders(lines));
  return { errors, warnings, figures: extractFigures(body), characters };
}

/** The line index of each heading, matched at the start of a line (Markdown # allowed). */
function headingLines(lines: string[], sections: string[]): Map<string, number> {
  const found = new Map<string, number>();
  lines.forEach((line, index) => {
    const text = line.replace(/^\s*#+\s*/, '').trim();
    for (const section of sections) {
      if (!found.has(section) && text.startsWith(section)) found.set(section, index);
    }
  });
  return found;
}

function checkSections(lines: string[], sections: string[]): Finding[] {
  const found = headingLines(lines, sections);
  const starts = [...found.values()].sort((a, b) => a - b);
  const findings: Finding[] = [];
  for (const section of sections) {
    const start = found.get(section);
    if (start === undefined) {
      findings.push({
        severity: 'error',
        code: 'missing_section',
        section,
        message: { 'zh-CN': `缺少必需的部分“${section}”。`, en: `The required section "${section}" is missing.` },
      });
      continue;
    }
    const end = starts.find((s) => s > start) ?? lines.length;
    const content = lines
      .slice(start + 1, end)
      .join('')
      .trim();
    if (!content) {
      findings.push({
        severity: 'error',
        code: 'empty_section',
        section,
        line: start + 1,
        message: { 'zh-CN': `“${section}”部分没有内容。`, en: `The section "${section}" is empty.` },
      });
    }
  }
  return findings;
}

function findPlaceholders(lines: string[]): Finding[] {
  const findings: Finding[] = [];
  lines.forEach((line, index) => {
    for (const match of line.matchAll(PLACEHOLDER)) {
      const snippet = line.slice(match.index ?? 0, (match.index ?? 0) + match[0].length + 1);
      findings.push({
        severity: 'warning',
        code: 'placeholder',
        line: index + 1,
        message: {
          'zh-CN': `第 ${index + 1} 行有未填写的占位符“${snippet}”。`,
          en: `Line ${index + 1} has an unfilled placeholder "${snippet}".`,
        },
      });
    }
  });
  return findings;
}

const FIGURE_PATTERNS: [keyof ReportFigures, RegExp][] = [
  ['probationaryMembersRecruited', /发展(?:了)?(?:新)?(?:预备)?党员\s*(\d+)\s*[名人]/],
  ['membersConfirmed', /(?:预备党员)?(?:按期)?转正\s*(\d+)\s*[名人]/],
  ['activistsTrained', /(?:入党)?积极分子\s*(\d+)\s*[名人]/],
  ['developmentTargets', /发展对象\s*(\d+)\s*[名人]/],
  ['inServiceMembers', /在职党员\s*(\d+)\s*[名人]/],
  ['retiredMembers', /退休党员\s*(\d+)\s*[名人]/],
  ['duesCollectedYuan', /党费\s*(?:共计|合计)?\s*(\d+(?:\.\d+)?)\s*(万)?元/],
];

export function extractFigures(body: string): ReportFigures {
  const figures: ReportFigures = {};
  for (const [field, pattern] of FIGURE_PATTERNS) {
    const match = pattern.exec(body);
    if (!match) continue;
    const value = Number(match[1]) * (match[2] === '万' ? 10_000 : 1);
    if (Number.isFinite(value)) figures[field] = value;
  }
  return figures;
}
