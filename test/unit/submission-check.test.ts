import { checkReport } from '../../domain/submission-check';
import { at } from '../helpers/at';

const COMPLETE = `# 第一中学党支部书记2026年度抓党建工作述职报告

2026年，我认真履行党建工作第一责任人职责，现述职如下。

## 一、主要工作
（一）加强政治建设。全年发展预备党员 3 名，预备党员转正 2 名，培养入党积极分子 5 名，确定发展对象 4 名。
支部现有在职党员 42 名、退休党员 17 名，收缴党费 12345.5 元。

## 二、存在的主要问题及原因
理论学习的深度还不够。

## 三、下步工作思路和主要措施
持续推进“三会一课”规范化。
`;

describe('the submission check', () => {
  test('a complete report passes and its figures are extracted', () => {
    const result = checkReport(COMPLETE);
    expect(result.errors).toEqual([]);
    expect(result.warnings).toEqual([]);
    expect(result.figures).toEqual({
      probationaryMembersRecruited: 3,
      membersConfirmed: 2,
      activistsTrained: 5,
      developmentTargets: 4,
      inServiceMembers: 42,
      retiredMembers: 17,
      duesCollectedYuan: 12345.5,
    });
  });

  test('a missing section and an empty section are errors, all reported at once', () => {
    const body = COMPLETE.replace('## 二、存在的主要问题及原因\n理论学习的深度还不够。\n', '').replace(
      '持续推进“三会一课”规范化。',
      '',
    );
    const result = checkReport(body);
    expect(result.errors.map((f) => [f.code, f.section])).toEqual([
      ['missing_section', '二、存在的主要问题及原因'],
      ['empty_section', '三、下步工作思路和主要措施'],
    ]);
  });

  test('each of the three sections is required: the first, and the last as well as the middle', () => {
    const without = (heading: string, text: string) => checkReport(COMPLETE.replace(`## ${heading}\n${text}\n`, '')).errors.map((f) => [f.code, f.section]);
    expect(without('一、主要工作', at(COMPLETE.split('## 一、主要工作\n'), 1).split('\n\n')[0] as string)).toEqual([['missing_section', '一、主要工作']]);
    expect(without('三、下步工作思路和主要措施', '持续推进“三会一课”规范化。')).toEqual([['missing_section', '三、下步工作思路和主要措施']]);
  });

  test('unfilled placeholders are warnings with their line', () => {
    const body = COMPLETE.replace('发展预备党员 3 名', '发展预备党员X人').replace('12345.5 元', 'XX元');
    const result = checkReport(body);
    expect(result.errors).toEqual([]);
    expect(result.warnings.map((f) => f.line)).toEqual([6, 7]);
    expect(at(result.warnings, 0, 'warning').message['zh-CN']).toContain('X人');
  });

  test('ordinary Latin text is not mistaken for a placeholder', () => {
    expect(checkReport(COMPLETE + '\n参加 Excel 与 XML 培训。\n').warnings).toEqual([]);
  });

  test('an empty report and an over-long report are errors', () => {
    expect(checkReport('  \n ').errors.map((f) => f.code)).toEqual(['empty_report']);
    const long = checkReport(COMPLETE, { sections: [], maxCharacters: 20 });
    expect(long.errors.map((f) => f.code)).toEqual(['too_long']);
  });
});
