// The submission check: is the report complete, and what figures does it state? Pure and
// workflow-safe, so the CLI and web app show the same findings the activity enforces.
import { extractFigures, type ReportFigures } from './report-figures';

export { extractFigures, FIGURE_FIELDS, FIGURE_LABELS, type FigureField, type ReportFigures } from './report-figures';

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
  /** 1-based column (in characters) on that line, when the finding is a spot in it. */
  column?: number;
  /** The words around that spot, as the line has them (…… where it is cut). */
  context?: string;
  section?: string;
  message: { 'zh-CN': string; en: string };
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

// "X人", "X元", "X区", "X教授", "XX" and the like: unfilled blanks copied from a template. Text
// pasted from Word may hide an invisible character (zero-width space, soft hyphen) between the blank
// and what follows it. A visible space ("X 人") is left alone, as Latin text next to Chinese is.
const GAP = '[\\u00ad\\u200b-\\u200d\\u2060\\ufeff]*';
const PLACEHOLDER = new RegExp(`(?<![A-Za-z])(?:[XＸ]{2,}|[XＸxｘ]${GAP}(?=[\\u4e00-\\u9fff%％])|某${GAP}某)`, 'g');

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
  warnings.push(...findPlaceholders(lines, template.sections));
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

/** The section each line is in: the nearest heading at or above it (none before the first). */
function sectionOfLine(lines: string[], sections: string[]): (index: number) => string | undefined {
  const starts = [...headingLines(lines, sections)].sort((a, b) => b[1] - a[1]);
  return (index) => starts.find(([, start]) => start <= index)?.[0];
}

/** One warning per placeholder per line, however often the line repeats it. */
function findPlaceholders(lines: string[], sections: string[]): Finding[] {
  const sectionOf = sectionOfLine(lines, sections);
  return lines.flatMap((line, index) => placeholdersOn(line).map((spot) => placeholderFinding(line, index + 1, spot, sectionOf(index))));
}

interface Spot {
  /** Where the placeholder first stands: its UTF-16 index, and its 1-based column in characters. */
  at: number;
  column: number;
  /** The placeholder with the character after it: X人, XX元, 某某同. */
  snippet: string;
  count: number;
}

/** Each placeholder on a line once, at its first place; columns counted as the line is walked, once. */
function placeholdersOn(line: string): Spot[] {
  const spots = new Map<string, Spot>();
  let column = 1;
  let counted = 0;
  for (const match of line.matchAll(PLACEHOLDER)) {
    const at = match.index ?? 0;
    column += [...line.slice(counted, at)].length;
    counted = at;
    const next = line.codePointAt(at + match[0].length);
    const snippet = match[0] + (next === undefined ? '' : String.fromCodePoint(next));
    const spot = spots.get(snippet);
    if (spot) spot.count += 1;
    else spots.set(snippet, { at, column, snippet, count: 1 });
  }
  return [...spots.values()];
}

function placeholderFinding(line: string, lineNumber: number, { at, column, snippet, count }: Spot, section: string | undefined): Finding {
  const context = contextAround(line, at, snippet.length, column);
  const whereZh = `${section ? `“${section}”` : ''}第 ${lineNumber} 行第 ${column} 列`;
  const whereEn = `${section ? `"${section}", line` : 'Line'} ${lineNumber}, column ${column}`;
  return {
    severity: 'warning',
    code: 'placeholder',
    line: lineNumber,
    column,
    context,
    ...(section ? { section } : {}),
    message: {
      'zh-CN': `${whereZh}有未填写的占位符“${snippet}”：${context}${count > 1 ? `（本行共 ${count} 处）` : ''}`,
      en: `${whereEn}: unfilled placeholder "${snippet}" in "${context}"${count > 1 ? ` (${count} times on this line)` : ''}`,
    },
  };
}

const CONTEXT_CHARACTERS = 10;

/** Up to ten characters either side of a spot, with …… where the line goes on. */
function contextAround(line: string, at: number, length: number, column: number): string {
  // Four UTF-16 units a character is room enough for ten characters of any kind either side.
  const reach = 4 * CONTEXT_CHARACTERS;
  const head = [...line.slice(Math.max(0, at - reach), at)].slice(-CONTEXT_CHARACTERS).join('').trimStart();
  const after = [...line.slice(at + length, at + length + reach)];
  const tail = after.slice(0, CONTEXT_CHARACTERS).join('').trimEnd();
  return `${column - 1 > CONTEXT_CHARACTERS ? '……' : ''}${head}${line.slice(at, at + length)}${tail}${after.length > CONTEXT_CHARACTERS ? '……' : ''}`;
}
