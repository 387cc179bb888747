// 综合评价: the season's rule, first match wins, with the reporter's figures said back; and the
// season file's rule refused at its line when it is not one.
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { validateSeasonFile, formatProblem } from '../../app/season-file-loader';
import { finalGradeBasis, finalGradeOf, finalGradeProblems, parseShare, type FinalGradeRules } from '../../domain/final-grade';
import type { Rating } from '../../domain/vocabulary';
import { DEMO_SEASON_FILE } from '../helpers/seasons';

// The example: 好 needs ≥ 70 % 好 votes and a leadership 好; a 差 share over 1/3 means 差.
const RULES: FinalGradeRules = {
  rules: [
    { grade: '差', votes: { 差: '> 1/3' } },
    { grade: '好', votes: { 好: '>= 70%' }, leadership: ['好'] },
    { grade: '较好', votes: { '好+较好': '>= 60%' } },
    { grade: '一般' },
  ],
};
const counts = (好: number, 较好: number, 一般: number, 差: number): Record<Rating, number> => ({ 好, 较好, 一般, 差 });

describe('the final grade (综合评价)', () => {
  test('好 takes both 70 % 好 votes and a leadership 好; the reasons name the figures', () => {
    const graded = finalGradeOf(RULES, { counts: counts(7, 2, 1, 0), weightedScore: 90, leadership: '好' });
    expect(graded).toEqual({
      grade: '好',
      rule: 2,
      because: { 'zh-CN': '好票占 70.0%（>= 70%），党组评价 好', en: '好 votes 70.0% (>= 70%), leadership rated 好' },
    });
    expect(finalGradeOf(RULES, { counts: counts(7, 2, 1, 0), weightedScore: 90, leadership: '较好' })).toMatchObject({ grade: '较好', rule: 3 });
    expect(finalGradeOf(RULES, { counts: counts(69, 21, 10, 0), weightedScore: 90, leadership: '好' })).toMatchObject({ grade: '较好' });
  });

  test('a 差 share over a third means 差 whatever leadership said; exactly a third does not', () => {
    expect(finalGradeOf(RULES, { counts: counts(6, 0, 0, 4), weightedScore: 60, leadership: '好' })).toMatchObject({ grade: '差', rule: 1 });
    expect(finalGradeOf(RULES, { counts: counts(6, 0, 0, 3), weightedScore: 60, leadership: '好' })).toMatchObject({ grade: '较好', rule: 3 });
  });

  test('the last rule grades everyone else, and says so; no votes at all is no 差 and no 好', () => {
    expect(finalGradeOf(RULES, { counts: counts(1, 1, 5, 1), weightedScore: 60, leadership: '好' })).toMatchObject({
      grade: '一般',
      rule: 4,
      because: { en: 'none of the rules above held: the last rule applies' },
    });
    expect(finalGradeOf(RULES, { counts: counts(0, 0, 0, 0), weightedScore: null, leadership: '好' })).toMatchObject({ grade: '一般' });
  });

  test('a score rule compares the weighted score', () => {
    const rules: FinalGradeRules = { rules: [{ grade: '好', score: '>= 85' }, { grade: '一般' }] };
    expect(finalGradeOf(rules, { counts: counts(1, 0, 0, 0), weightedScore: 85, leadership: '差' })).toMatchObject({
      grade: '好',
      because: { en: 'weighted score 85 (>= 85)' },
    });
    expect(finalGradeOf(rules, { counts: counts(1, 0, 0, 0), weightedScore: 84.9, leadership: '好' }).grade).toBe('一般');
  });

  test('shares are read as a person writes them', () => {
    expect(parseShare('>= 70%')).toMatchObject({ op: '>=', value: 0.7 });
    expect(parseShare('> 1/3')?.value).toBeCloseTo(1 / 3);
    expect(parseShare('≥ 0.5')).toMatchObject({ op: '>=', value: 0.5 });
    expect(parseShare('> 120%')).toBeUndefined();
    expect(parseShare('> 1/0')).toBeUndefined();
    expect(parseShare('70%')).toBeUndefined();
  });

  test('the record says how the grade was reached, for the export', () => {
    const graded = finalGradeOf(RULES, { counts: counts(7, 2, 1, 0), weightedScore: 90, leadership: '好' });
    const json = JSON.stringify({ ...graded, meetingId: 'm', leadership: '好', counts: counts(7, 2, 1, 0), weightedScore: 90 });
    expect(finalGradeBasis(json, 'zh-CN')).toBe('好票占 70.0%（>= 70%），党组评价 好（第 2 条；测评票 好 7、较好 2、一般 1、差 0）');
  });

  test('a rule that is not one is named; the last rule must have no condition', () => {
    expect(finalGradeProblems({ rules: [{ grade: '好', votes: { 好: '>= 170%' } }] }).map((p) => [p.path.join('.'), p.message.en])).toEqual([
      ['finalGrade.rules.0.votes.好', '“>= 170%” is not a share from 0 to 100%, such as ">= 70%" or "> 1/3".'],
      ['finalGrade.rules.0', 'The last rule must have no condition (a grade alone), so that every reporter gets a final grade.'],
    ]);
  });
});

describe('the final grade rule in the season file', () => {
  const dir = mkdtempSync(join(tmpdir(), 'final-grade-'));
  const withRule = (rule: string) => {
    const path = join(dir, `season-${Math.random().toString(36).slice(2)}.yaml`);
    const demo = readFileSync(DEMO_SEASON_FILE, 'utf8').replace(/finalGrade:\n( {2}.*\n)+/, rule);
    writeFileSync(path, demo);
    return path;
  };
  const said = (path: string) => validateSeasonFile(path, { allowPastDueDate: true }).problems.map((p) => formatProblem(p, 'en'));

  test('the demo season has a rule, and it is valid', () => {
    const validated = validateSeasonFile(DEMO_SEASON_FILE, { allowPastDueDate: true });
    expect(validated.problems).toEqual([]);
    expect(validated.file?.finalGrade?.rules).toHaveLength(4);
  });

  test('a share without its comparison, an unknown grade and a conditional last rule are named at their lines', () => {
    const path = withRule(['finalGrade:', '  rules:', "    - { grade: 优, votes: { 好: '70%' } }", '    - { grade: 一般, leadership: [好] }', ''].join('\n'));
    const problems = said(path);
    expect(problems.join('\n')).toMatch(/finalGrade\.rules\[0\]\.grade: a grade is one of 好, 较好, 一般, 差 \(this says 优\)/);
    expect(problems.join('\n')).toMatch(/finalGrade\.rules\[0\]\.votes\.好: write a comparison and a share in quotes/);
    const last = said(withRule(['finalGrade:', '  rules:', '    - { grade: 一般, leadership: [好] }', ''].join('\n')));
    expect(last).toEqual([expect.stringMatching(/:\d+: finalGrade\.rules\[0\]: The last rule must have no condition/)]);
  });
});
