// The figures reviewers check and roll up, read the ways secretaries really write them. The corpus
// (test/fixtures/reports/figures.json) grows with every phrasing found missed or misread.
import { parseChineseNumber } from '../../domain/chinese-numerals';
import { checkReport, extractFigures, FIGURE_FIELDS, FIGURE_LABELS, type ReportFigures } from '../../domain/submission-check';
import corpus from '../fixtures/reports/figures.json';

interface Phrasing {
  text: string;
  figures: ReportFigures;
  why?: string;
}

const PHRASINGS = corpus as Phrasing[];

describe('the figures corpus', () => {
  test('holds at least 30 real phrasings, among them ones that state no figure at all', () => {
    expect(PHRASINGS.filter((p) => Object.keys(p.figures).length > 0).length).toBeGreaterThanOrEqual(30);
    expect(PHRASINGS.filter((p) => Object.keys(p.figures).length === 0).length).toBeGreaterThanOrEqual(8);
  });

  test.each(PHRASINGS.map((p) => [p.text, p.why ?? '', p.figures] as const))('%s %s', (text, _why, figures) => {
    expect(extractFigures(text)).toEqual(figures);
  });

  test('every kind of figure is in the corpus, stated both before and after its noun', () => {
    const stated = new Set(PHRASINGS.flatMap((p) => Object.keys(p.figures)));
    expect([...stated].sort()).toEqual([...FIGURE_FIELDS].sort());
  });
});

describe('reading figures', () => {
  test('the phrasings issue #23 found missed are each found', () => {
    expect(extractFigures('转正预备党员2人')).toEqual({ membersConfirmed: 2 });
    expect(extractFigures('356名在职党员')).toEqual({ inServiceMembers: 356 });
    expect(extractFigures('87名退休党员')).toEqual({ retiredMembers: 87 });
    expect(extractFigures('党费52,360元')).toEqual({ duesCollectedYuan: 52_360 });
    expect(extractFigures('积极分子培养4人')).toEqual({ activistsTrained: 4 });
  });

  test('a development target (发展对象) is never counted as a member recruited (发展党员)', () => {
    for (const text of ['确定发展对象4名', '发展对象4人', '4名发展对象', '列为发展对象4人']) {
      expect(extractFigures(text)).toEqual({ developmentTargets: 4 });
    }
  });

  test('a year, a quarter or a rank is no figure', () => {
    expect(extractFigures('2026年第3季度，第2名')).toEqual({});
    expect(extractFigures('2026年在职党员356名')).toEqual({ inServiceMembers: 356 });
    expect(extractFigures('第3季度转正2名')).toEqual({ membersConfirmed: 2 });
  });

  test('the first statement of a figure counts: later ones are details or plans', () => {
    expect(extractFigures('全年发展党员3名。其中青年教师发展党员2名。')).toEqual({ probationaryMembersRecruited: 3 });
  });

  test('a plan for next year (下年度) states no result of this one', () => {
    expect(extractFigures('下年度发展党员2名。')).toEqual({});
  });

  test('a thousands separator in a head count does not cut the figure from its noun', () => {
    expect(extractFigures('在职党员1,056名')).toEqual({ inServiceMembers: 1056 });
  });

  test('a figure in the report body is found by the submission check, as the reviewer sees it', () => {
    const body = '一、主要工作\n全年共发展3名预备党员，转正预备党员2人。\n二、存在的主要问题及原因\n无\n三、下步工作思路和主要措施\n计划明年发展党员5名。\n';
    expect(checkReport(body).figures).toEqual({ probationaryMembersRecruited: 3, membersConfirmed: 2 });
  });

  test('each figure has a Chinese label and an English one', () => {
    expect(FIGURE_FIELDS.map((field) => FIGURE_LABELS[field]['zh-CN'])).toEqual([
      '发展预备党员',
      '预备党员转正',
      '培养入党积极分子',
      '发展对象',
      '在职党员',
      '退休党员',
      '党费',
    ]);
    for (const field of FIGURE_FIELDS) expect(FIGURE_LABELS[field].en).toMatch(/^[a-zA-Z ]+$/);
  });
});

describe('Chinese numerals', () => {
  test.each([
    ['三', 3],
    ['两', 2],
    ['十', 10],
    ['十二', 12],
    ['二十', 20],
    ['一百零五', 105],
    ['三百五十六', 356],
    ['三百五', 350],
    ['一千零五十', 1050],
    ['五万二千三百六十', 52_360],
    ['五万零三百', 50_300],
    ['一万五', 15_000],
    ['一万零五', 10_005],
  ])('%s is %d', (text, value) => {
    expect(parseChineseNumber(text)).toBe(value);
  });

  test.each(['二〇二六', '一一', '百', '万', '十十', '三万万'])('%s is not a number', (text) => {
    expect(parseChineseNumber(text)).toBeUndefined();
  });
});
