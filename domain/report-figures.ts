// The figures a report states, read the many ways secretaries write them: Arabic or Chinese
// numerals (3名, 三人, 两名, 一百零五名), thousands separators (52,360元, 52，360元), 万元, and the
// figure before or after its noun (在职党员356名, 356名在职党员). Pure and workflow-safe.
import { CHINESE_NUMERAL_CHARS, parseChineseNumber } from './chinese-numerals';
import { words, type Words } from './words';

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

export type FigureField = keyof ReportFigures;

/** Each figure's name as reports and reviewers say it, in the order reports list them. */
export const FIGURE_LABELS: Record<FigureField, Words> = {
  probationaryMembersRecruited: words('发展预备党员', 'probationary members recruited'),
  membersConfirmed: words('预备党员转正', 'members confirmed'),
  activistsTrained: words('培养入党积极分子', 'activists trained'),
  developmentTargets: words('发展对象', 'development targets'),
  inServiceMembers: words('在职党员', 'members in service'),
  retiredMembers: words('退休党员', 'retired members'),
  duesCollectedYuan: words('党费', 'Party dues'),
};

export const FIGURE_FIELDS = Object.keys(FIGURE_LABELS) as FigureField[];

// A number with its unit. Not 第3名 or 第十二名 (a rank), not 3人次 or 人均 (not a head count), not
// 名单 or 名额, not 人民币, and not 一人一档 (a slogan, where a numeral follows the unit).
const FIGURE = new RegExp(
  String.raw`(?<![第\d.A-Za-z${CHINESE_NUMERAL_CHARS}])(\d{1,3}(?:[,，]\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?|[${CHINESE_NUMERAL_CHARS}]+)\s*(万?)\s*` +
    String.raw`(元|名(?![次单额册义])|人(?![次均民大])|位|个)(?![\d${CHINESE_NUMERAL_CHARS}])`,
  'g',
);

/** Where a clause ends: what is before one of these does not describe a figure after it. */
const CLAUSE_ENDS = '，,。；;！？!?、\n（）()“”"《》';

const SENTENCE_ENDS = '。；;！？!?\n';
const TOTAL_ONLY = /^[\s:：]*(?:全年|共计|合计|总计|累计|共|计|达|金额|总额|人民币)*[\s:：]*$/;

/** A clause about plans states no result: 计划发展党员2名 is not a figure of the year reported. */
const PLAN = /计划|拟|预计|力争|争取|目标|明年|下一?年/;

// The noun before a figure, and what may stand between them (共计, 有, 达, a colon …).
const PEOPLE_GAP = /^(?:[\s:：共计合总累达到为有已了]|人数|总数)*$/;
const DUES_GAP = /^[^\d]{0,10}$/;

interface Noun {
  field: FigureField;
  pattern: RegExp;
}

// Before the figure: the noun nearest the number names it. Compounds such as 转正预备党员 are one
// noun, so the 预备党员 in them is not read as a recruitment.
const NOUN_BEFORE: Noun[] = [
  { field: 'developmentTargets', pattern: /发展对象/g },
  { field: 'activistsTrained', pattern: /(?:入党)?积极分子(?:培养|培训)?/g },
  { field: 'membersConfirmed', pattern: /(?:转正|转为正式党员)(?:的)?(?:预备党员)?/g },
  { field: 'retiredMembers', pattern: /(?:离)?退休(?:的)?(?:老)?党员/g },
  { field: 'inServiceMembers', pattern: /在职(?:的)?党员/g },
  { field: 'probationaryMembersRecruited', pattern: /(?:(?:发展|吸收|吸纳|新增)(?:了)?(?:新)?(?:的)?(?:预备)?党员|党员发展)/g },
  { field: 'duesCollectedYuan', pattern: /党费(?:收缴|缴纳|收入)?/g },
];

// After the figure: 356名在职党员, 2名预备党员按期转正, 3名发展对象被吸收为预备党员. Checked in
// this order, so a conversion is read before the noun it starts with.
const NOUN_AFTER: Noun[] = [
  { field: 'probationaryMembersRecruited', pattern: /^[^，。；\n]{0,8}?(?:发展|吸收)(?:为|成为)(?:中共)?预备党员/ },
  { field: 'membersConfirmed', pattern: /^(?:同志|预备党员)?(?:按期|按时|如期|顺利)?(?:转正|转为正式党员)/ },
  { field: 'developmentTargets', pattern: /^(?:同志)?(?:被)?(?:确定|列)?为?发展对象/ },
  { field: 'activistsTrained', pattern: /^(?:同志)?(?:被)?(?:确定|列)?为?(?:入党)?积极分子/ },
  { field: 'retiredMembers', pattern: /^(?:离)?退休(?:老)?党员/ },
  { field: 'inServiceMembers', pattern: /^在职党员/ },
  { field: 'duesCollectedYuan', pattern: /^党费/ },
];

/** 发展3名预备党员: the verb before the figure and the noun after it. */
const RECRUIT_VERB = /(?:发展|吸收|吸纳)(?:了)?(?:新)?$/;
const RECRUIT_NOUN = /^(?:新|预备)?党员/;

export function extractFigures(body: string): ReportFigures {
  const text = body.replace(/[０-９]/g, (d) => String.fromCharCode(d.charCodeAt(0) - 0xfee0));
  const figures: ReportFigures = {};
  let previousEnd = 0;
  for (const match of text.matchAll(FIGURE)) {
    const start = match.index ?? 0;
    const end = start + match[0].length;
    const clauseStart = lastClauseEnd(text, start);
    const lead = text.slice(Math.max(clauseStart, previousEnd), start);
    const read =
      readFigure(match, lead, tailAfter(text, end), text.slice(clauseStart, start)) ??
      duesSummed(match, lead, text.slice(sentenceStart(text, clauseStart), clauseStart));
    previousEnd = end;
    if (read && figures[read.field] === undefined) figures[read.field] = read.value;
  }
  return figures;
}

function readFigure(match: RegExpMatchArray, lead: string, tail: string, clause: string): { field: FigureField; value: number } | undefined {
  if (PLAN.test(clause)) return undefined;
  const value = valueOf(match[1] ?? '', match[2] === '万');
  if (value === undefined) return undefined;
  const field = fieldOf(lead, tail);
  if (!field || (field === 'duesCollectedYuan') !== (match[3] === '元')) return undefined;
  if (field !== 'duesCollectedYuan' && !Number.isInteger(value)) return undefined;
  return { field, value };
}

function valueOf(number: string, tenThousands: boolean): number | undefined {
  const value = /\d/.test(number) ? Number(number.replace(/[,，]/g, '')) : parseChineseNumber(number);
  if (value === undefined || !Number.isFinite(value)) return undefined;
  // Rounded to the fen: 5.236万 is 52,360, not 52,360.000000000004.
  return Math.round(value * (tenThousands ? 10_000 : 1) * 100) / 100;
}

function fieldOf(lead: string, tail: string): FigureField | undefined {
  const before = nearestNounBefore(lead);
  if (before) return before;
  if (RECRUIT_VERB.test(lead.trimEnd()) && RECRUIT_NOUN.test(tail)) return 'probationaryMembersRecruited';
  return NOUN_AFTER.find((noun) => noun.pattern.test(tail))?.field;
}

/** The noun that ends nearest the figure, if only a few connecting words stand between them. */
function nearestNounBefore(lead: string): FigureField | undefined {
  let best: { field: FigureField; end: number } | undefined;
  for (const { field, pattern } of NOUN_BEFORE) {
    for (const found of lead.matchAll(pattern)) {
      const end = (found.index ?? 0) + found[0].length;
      if (!best || end > best.end) best = { field, end };
    }
  }
  if (!best) return undefined;
  const gap = lead.slice(best.end);
  return (best.field === 'duesCollectedYuan' ? DUES_GAP : PEOPLE_GAP).test(gap) ? best.field : undefined;
}

/** 党费按时足额收缴，共计52,360元: a total in yuan whose clause names nothing, after one about dues. */
function duesSummed(match: RegExpMatchArray, lead: string, sentenceBefore: string): { field: FigureField; value: number } | undefined {
  if (match[3] !== '元' || !TOTAL_ONLY.test(lead) || !/党费/.test(sentenceBefore) || PLAN.test(sentenceBefore)) return undefined;
  const value = valueOf(match[1] ?? '', match[2] === '万');
  return value === undefined ? undefined : { field: 'duesCollectedYuan', value };
}

// A clause or sentence longer than this is no sentence a person wrote: looking further back would
// only make a long text without punctuation slow to check.
const LOOK_BACK = 160;

const startAfter = (ends: string) => (text: string, before: number) => {
  const limit = Math.max(0, before - LOOK_BACK);
  for (let i = before - 1; i >= limit; i--) if (ends.includes(text.charAt(i))) return i + 1;
  return limit;
};
const sentenceStart = startAfter(SENTENCE_ENDS);
const lastClauseEnd = startAfter(CLAUSE_ENDS);

function tailAfter(text: string, from: number): string {
  let end = from;
  while (end < text.length && end < from + 40 && !CLAUSE_ENDS.includes(text.charAt(end))) end++;
  return text.slice(from, end);
}
