// 综合评价: the final grade a season's rule gives each reporter from the meeting's vote (民主测评)
// and leadership's rating. The rule is written in the season file, e.g.
//
//   finalGrade:
//     rules:                      # the first that holds gives the grade
//       - grade: 差
//         votes: { 差: "> 1/3" }  # more than a third of the votes 差
//       - grade: 好
//         votes: { 好: ">= 70%" }
//         leadership: [好]
//       - grade: 较好
//         votes: { 好+较好: ">= 60%" }
//       - grade: 一般             # no condition: everyone else (the last rule must be this)
//
// Shares are of the reporter's votes across every group (abstentions left out); `score` compares
// the groups' weighted score. Pure and workflow-safe.
import { RATINGS, type Rating } from './vocabulary';
import { words, type Words } from './words';

/** `>= 70%`, `> 1/3`, `< 0.5`: a comparison and a share, as a person writes it. */
export const SHARE_PATTERN = /^\s*(>=|>|<=|<|≥|≤)\s*(\d+(?:\.\d+)?%|\d+\s*\/\s*\d+|0(?:\.\d+)?|1(?:\.0+)?)\s*$/;
/** `>= 85`: a comparison and a score out of 100. */
export const SCORE_PATTERN = /^\s*(>=|>|<=|<|≥|≤)\s*(\d+(?:\.\d+)?)\s*$/;
/** `好`, `好+较好`: the grades whose votes are counted together. */
export const GRADE_SET_PATTERN = new RegExp(`^(${RATINGS.join('|')})(\\+(${RATINGS.join('|')}))*$`);

/** One rule of the season file's `finalGrade.rules` (its schema: domain/season-file.ts). */
export interface FinalGradeRule {
  grade: Rating;
  /** Grade set (好, 好+较好) → share condition. */
  votes?: Record<string, string>;
  score?: string;
  leadership?: Rating[];
}

export interface FinalGradeRules {
  rules: FinalGradeRule[];
}

type Comparison = '>=' | '>' | '<=' | '<';

interface Threshold {
  op: Comparison;
  value: number;
  written: string;
}

function comparisonOf(op: string): Comparison {
  return op === '≥' ? '>=' : op === '≤' ? '<=' : (op as Comparison);
}

/** A share condition as a fraction 0–1; undefined when not one (a share over 1, a zero denominator). */
export function parseShare(written: string): Threshold | undefined {
  const match = SHARE_PATTERN.exec(written);
  if (!match) return undefined;
  const [, op = '', amount = ''] = match;
  let value: number;
  if (amount.endsWith('%')) value = Number(amount.slice(0, -1)) / 100;
  else if (amount.includes('/')) {
    const [top = 0, bottom = 0] = amount.split('/').map((part) => Number(part.trim()));
    if (!bottom) return undefined;
    value = top / bottom;
  } else value = Number(amount);
  return value >= 0 && value <= 1 ? { op: comparisonOf(op), value, written: written.trim() } : undefined;
}

export function parseScore(written: string): Threshold | undefined {
  const match = SCORE_PATTERN.exec(written);
  if (!match) return undefined;
  const value = Number(match[2]);
  return value <= 100 ? { op: comparisonOf(match[1] ?? ''), value, written: written.trim() } : undefined;
}

// A share is compared as the tally rounds it for a person (one decimal of a per cent), so a rule
// written ">= 70%" holds for the 70.0 % a person reads, and 2 of 3 is not below "2/3".
const EPSILON = 1e-9;
function holds(actual: number, threshold: Threshold): boolean {
  switch (threshold.op) {
    case '>=':
      return actual >= threshold.value - EPSILON;
    case '>':
      return actual > threshold.value + EPSILON;
    case '<=':
      return actual <= threshold.value + EPSILON;
    case '<':
      return actual < threshold.value - EPSILON;
  }
}

/** What a reporter's final grade is computed from. */
export interface GradeInputs {
  /** Votes per grade across every group. */
  counts: Record<Rating, number>;
  /** The groups' weighted score, or null without votes. */
  weightedScore: number | null;
  /** Leadership's rating at approval. */
  leadership: Rating;
}

export interface FinalGrade {
  grade: Rating;
  /** The rule that gave it, counted from 1 as a person reads the file. */
  rule: number;
  /** Why, in both languages: each condition of that rule with the reporter's figure. */
  because: Words;
}

/** The grade the first rule that holds gives; the last rule has no condition, so one always does. */
export function finalGradeOf(rules: FinalGradeRules, inputs: GradeInputs): FinalGrade {
  for (const [i, rule] of rules.rules.entries()) {
    const reasons = reasonsIfHolds(rule, inputs);
    if (reasons) {
      const because = reasons.length
        ? words(reasons.map((r) => r['zh-CN']).join('，'), reasons.map((r) => r.en).join(', '))
        : words('不符合以上各条，按最后一条评定', 'none of the rules above held: the last rule applies');
      return { grade: rule.grade, rule: i + 1, because };
    }
  }
  throw new Error('final grade rules end without a rule for everyone else');
}

/** The rule's conditions said with the reporter's figures, or undefined when one does not hold. */
function reasonsIfHolds(rule: FinalGradeRule, inputs: GradeInputs): Words[] | undefined {
  const reasons: Words[] = [];
  const total = RATINGS.reduce((sum, grade) => sum + inputs.counts[grade], 0);
  for (const [set, written] of Object.entries(rule.votes ?? {})) {
    const threshold = parseShare(written);
    const grades = set.split('+') as Rating[];
    const share = total ? grades.reduce((sum, grade) => sum + inputs.counts[grade], 0) / total : 0;
    if (!threshold || !holds(share, threshold)) return undefined;
    const percent = (Math.round(share * 1000) / 10).toFixed(1);
    reasons.push(words(`${set}票占 ${percent}%（${threshold.written}）`, `${set} votes ${percent}% (${threshold.written})`));
  }
  if (rule.score) {
    const threshold = parseScore(rule.score);
    if (!threshold || inputs.weightedScore === null || !holds(inputs.weightedScore, threshold)) return undefined;
    reasons.push(words(`加权得分 ${inputs.weightedScore}（${threshold.written}）`, `weighted score ${inputs.weightedScore} (${threshold.written})`));
  }
  if (rule.leadership) {
    if (!rule.leadership.includes(inputs.leadership)) return undefined;
    reasons.push(words(`党组评价 ${inputs.leadership}`, `leadership rated ${inputs.leadership}`));
  }
  return reasons;
}

/** What the schema cannot say: shares that are not shares, and a last rule that leaves someone out. */
export function finalGradeProblems(rules: FinalGradeRules): { path: (string | number)[]; message: Words }[] {
  const problems: { path: (string | number)[]; message: Words }[] = [];
  rules.rules.forEach((rule, i) => {
    for (const [set, written] of Object.entries(rule.votes ?? {})) {
      if (!parseShare(written)) {
        problems.push({
          path: ['finalGrade', 'rules', i, 'votes', set],
          message: words(
            `“${written}”不是 0 到 100% 之间的比例，如 ">= 70%" 或 "> 1/3"。`,
            `“${written}” is not a share from 0 to 100%, such as ">= 70%" or "> 1/3".`,
          ),
        });
      }
      const grades = set.split('+');
      if (new Set(grades).size !== grades.length) {
        problems.push({ path: ['finalGrade', 'rules', i, 'votes', set], message: words(`“${set}”中有重复的等次。`, `“${set}” names a grade twice.`) });
      }
    }
    if (rule.score && !parseScore(rule.score)) {
      problems.push({
        path: ['finalGrade', 'rules', i, 'score'],
        message: words(`“${rule.score}”应为 0 到 100 之间的分数，如 ">= 85"。`, `“${rule.score}” should be a score from 0 to 100, such as ">= 85".`),
      });
    }
  });
  const last = rules.rules.length - 1;
  const final = rules.rules[last];
  if (final && (final.votes || final.score || final.leadership)) {
    problems.push({
      path: ['finalGrade', 'rules', last],
      message: words(
        '最后一条规则不能带条件（只写 grade），这样每位述职人都能得到一个综合评价。',
        'The last rule must have no condition (a grade alone), so that every reporter gets a final grade.',
      ),
    });
  }
  return problems;
}

/** What the record keeps of a final grade: enough to check it by hand. */
export interface FinalGradeRecord extends FinalGrade {
  meetingId: string;
  leadership: Rating;
  counts: Record<Rating, number>;
  weightedScore: number | null;
}

/** How a final grade was reached, as a person reads it in an export. */
export function finalGradeBasis(json: string | null, locale: 'zh-CN' | 'en'): string {
  if (!json) return '';
  const record = JSON.parse(json) as FinalGradeRecord;
  const votes = RATINGS.map((grade) => `${grade} ${record.counts[grade]}`).join(locale === 'zh-CN' ? '、' : ', ');
  return locale === 'zh-CN'
    ? `${record.because['zh-CN']}（第 ${record.rule} 条；测评票 ${votes}）`
    : `${record.because.en} (rule ${record.rule}; votes ${votes})`;
}
