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
    const body = COMPLETE.replace('## 二、存在的主要问题及原因\n理论学习的深度还不够。\n', '').replace('持续推进“三会一课”规范化。', '');
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

  test('a blank with an invisible character after it, as Word pastes it, or in lower case, is a placeholder too', () => {
    for (const blank of ['X\u200b名', 'X\u00ad人', 'x人', 'ｘ名', '某\u200b某']) {
      const found = checkReport(COMPLETE.replace('发展预备党员 3 名', `发展预备党员${blank}`)).warnings;
      expect({ blank, codes: found.map((f) => f.code) }).toEqual({ blank, codes: ['placeholder'] });
    }
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

describe('what the check tells the secretary', () => {
  const messages = (body: string, template?: Parameters<typeof checkReport>[1]) => {
    const { errors, warnings } = checkReport(body, template);
    return [...errors, ...warnings].map((f) => [f.code, f.line, f.message['zh-CN'], f.message.en]);
  };

  test('each finding says what is wrong in both languages, and where', () => {
    const body = COMPLETE.replace('## 二、存在的主要问题及原因\n理论学习的深度还不够。\n', '')
      .replace('持续推进“三会一课”规范化。', '')
      .replace('12345.5 元', 'XX元');
    expect(messages(body)).toEqual([
      ['missing_section', undefined, '缺少必需的部分“二、存在的主要问题及原因”。', 'The required section "二、存在的主要问题及原因" is missing.'],
      ['empty_section', 10, '“三、下步工作思路和主要措施”部分没有内容。', 'The section "三、下步工作思路和主要措施" is empty.'],
      [
        'placeholder',
        7,
        '“一、主要工作”第 7 行第 30 列有未填写的占位符“XX元”：……17 名，收缴党费 XX元。',
        '"一、主要工作", line 7, column 30: unfilled placeholder "XX元" in "……17 名，收缴党费 XX元。"',
      ],
    ]);
    expect(messages(' \n')).toEqual([['empty_report', undefined, '报告内容为空。', 'The report is empty.']]);
    expect(messages(COMPLETE, { sections: [], maxCharacters: 20 })).toEqual([
      [
        'too_long',
        undefined,
        `报告共 ${checkReport(COMPLETE).characters} 字，超过上限 20 字。`,
        `The report has ${checkReport(COMPLETE).characters} characters, more than the limit of 20.`,
      ],
    ]);
  });

  test('characters are counted without whitespace, and a report at the limit is not too long', () => {
    expect(checkReport('述 职\n\t报告 ', { sections: [], maxCharacters: 4 })).toMatchObject({ characters: 4, errors: [] });
    expect(checkReport('述职报告。', { sections: [], maxCharacters: 4 }).errors.map((f) => f.code)).toEqual(['too_long']);
  });

  test('a heading may stand with or without # and indentation, and Windows line ends are lines too', () => {
    const plain = '一、主要工作\r\n内容\r\n  ### 二、存在的主要问题及原因\r\n内容\r\n三、下步工作思路和主要措施：\r\n内容';
    expect(checkReport(plain).errors).toEqual([]);
    expect(checkReport(plain.replace('  ### 二、', '  ###二、')).errors).toEqual([]);
  });

  test('errors refuse the report and placeholders only warn: each finding says which it is', () => {
    const severities = (body: string, template?: Parameters<typeof checkReport>[1]) => {
      const { errors, warnings } = checkReport(body, template);
      return [...errors, ...warnings].map((f) => [f.code, f.severity]);
    };
    expect(severities(' \n')).toEqual([['empty_report', 'error']]);
    expect(severities(COMPLETE, { sections: [], maxCharacters: 20 })).toEqual([['too_long', 'error']]);
    const body = COMPLETE.replace('## 二、存在的主要问题及原因\n理论学习的深度还不够。\n', '')
      .replace('持续推进“三会一课”规范化。', '')
      .replace('12345.5 元', 'XX元');
    expect(severities(body)).toEqual([
      ['missing_section', 'error'],
      ['empty_section', 'error'],
      ['placeholder', 'warning'],
    ]);
  });

  test('a heading indented with full-width spaces, as word processors do, is still a heading', () => {
    const indented = COMPLETE.replace('## 二、存在的主要问题及原因', '\u3000\u3000二、存在的主要问题及原因');
    expect(checkReport(indented).errors).toEqual([]);
  });

  test('a section whose name holds a #, such as 1#楼 for building 1, is found as written', () => {
    const template = { sections: ['一、1#教学楼改造', '二、2# 宿舍楼'], maxCharacters: 100 };
    expect(checkReport('一、1#教学楼改造\n已完工。\n二、2# 宿舍楼\n在建。\n', template).errors).toEqual([]);
  });

  test('a section holding only spaces is empty', () => {
    const body = COMPLETE.replace('理论学习的深度还不够。', ' \u3000\t');
    expect(checkReport(body).errors.map((f) => [f.code, f.section])).toEqual([['empty_section', '二、存在的主要问题及原因']]);
  });

  test('a heading is not found in the middle of a line', () => {
    const body = COMPLETE.replace('## 三、下步工作思路和主要措施', '下面是三、下步工作思路和主要措施');
    expect(checkReport(body).errors.map((f) => [f.code, f.section])).toEqual([['missing_section', '三、下步工作思路和主要措施']]);
  });

  test('a section runs to the next heading, whichever order the sections come in', () => {
    const reordered = '## 三、下步工作思路和主要措施\n\n## 一、主要工作\n内容\n## 二、存在的主要问题及原因\n内容\n';
    expect(checkReport(reordered).errors.map((f) => [f.code, f.section, f.line])).toEqual([['empty_section', '三、下步工作思路和主要措施', 1]]);
    const repeated = '## 一、主要工作\n\n## 二、存在的主要问题及原因\n内容\n## 三、下步工作思路和主要措施\n内容\n## 一、主要工作（续）\n更多内容\n';
    expect(checkReport(repeated).errors.map((f) => [f.code, f.line])).toEqual([['empty_section', 1]]);
  });

  test('placeholders: X before a Chinese character or a percent sign, XX anywhere, full-width Ｘ, and 某某', () => {
    const lines = ['发展X人', '完成率X%', '完成率Ｘ％', '编号XX', '由Ｘ同志', '某某同志', 'X 人', 'Excel', 'MAX', 'TX人'];
    const found = checkReport(`${COMPLETE}\n${lines.join('\n')}\n`).warnings.map((f) => f.message['zh-CN'].replace(/^.*有未填写的占位符/, ''));
    expect(found).toEqual(['“X人”：发展X人', '“X%”：完成率X%', '“Ｘ％”：完成率Ｘ％', '“XX”：编号XX', '“Ｘ同”：由Ｘ同志', '“某某同”：某某同志']);
  });

  test('two different placeholders on a line are two warnings on that line, each at its column', () => {
    const warnings = checkReport(`${COMPLETE}\n发展X人，党费XX元\n`).warnings;
    expect(warnings.map((f) => [f.line, f.column, f.context])).toEqual([
      [15, 3, '发展X人，党费XX元'],
      [15, 8, '发展X人，党费XX元'],
    ]);
  });

  test('the same placeholder repeated on a line is one warning, at its first place, saying how often', () => {
    const warnings = checkReport(`${COMPLETE}\n组织X人参加，其中教师X人、学生X人、家长X人\n`).warnings;
    expect(warnings.map((f) => [f.line, f.column])).toEqual([[15, 3]]);
    expect(at(warnings, 0, 'warning').message['zh-CN']).toMatch(/（本行共 4 处）$/);
    expect(at(warnings, 0, 'warning').message.en).toMatch(/\(4 times on this line\)$/);
  });

  test('a placeholder names its section, line and column, with the words around it cut by ……', () => {
    const body = COMPLETE.replace('理论学习的深度还不够。', '部分支部集中学习参学率仅为X%，理论学习的深度还不够。');
    const [warning] = checkReport(body).warnings;
    expect(warning).toMatchObject({ section: '二、存在的主要问题及原因', line: 10, column: 14, context: '……部集中学习参学率仅为X%，理论学习的深度还不……' });
    expect(warning?.message).toEqual({
      'zh-CN': '“二、存在的主要问题及原因”第 10 行第 14 列有未填写的占位符“X%”：……部集中学习参学率仅为X%，理论学习的深度还不……',
      en: '"二、存在的主要问题及原因", line 10, column 14: unfilled placeholder "X%" in "……部集中学习参学率仅为X%，理论学习的深度还不……"',
    });
  });

  test('a placeholder before the first section names no section, and columns count characters, not bytes', () => {
    const [warning] = checkReport(COMPLETE.replace('2026年，我认真', '𠮷2026年，某某同志认真')).warnings;
    // 𠮷 is one character (two UTF-16 units): the 某某 after 𠮷2026年， is at column 8.
    expect(warning).toMatchObject({ line: 3, column: 8, context: '𠮷2026年，某某同志认真履行党建工作第……' });
    expect(warning?.section).toBeUndefined();
    expect(warning?.message['zh-CN']).toMatch(/^第 3 行第 8 列有/);
    expect(warning?.message.en).toMatch(/^Line 3, column 8: /);
  });

  test('a placeholder in a heading line is in the section that heading begins', () => {
    const [warning] = checkReport(COMPLETE.replace('## 二、存在的主要问题及原因', '## 二、存在的主要问题及原因（XX年）')).warnings;
    expect(warning).toMatchObject({ line: 9, section: '二、存在的主要问题及原因' });
  });

  test('a placeholder with just ten characters either side shows the whole line, with no ……', () => {
    const [warning] = checkReport(`${COMPLETE}\n本支部今年共发展党员X人，其中青年党员三名。\n`).warnings;
    expect(warning).toMatchObject({ column: 11, context: '本支部今年共发展党员X人，其中青年党员三名。' });
  });

  test('the words around a placeholder keep their spaces inside and drop those at the end of the line', () => {
    const [context] = checkReport(`${COMPLETE}\n编号XX  号，发展X人。  \n`).warnings.map((f) => f.context);
    expect(context).toBe('编号XX  号，发展X人。');
  });

  test('a long run of X as a blank still shows the ten characters after it', () => {
    const [warning] = checkReport(`${COMPLETE}\n党费XXXXXXXXXXXXXXXX元，已全部上缴区委组织部党费专户。\n`).warnings;
    expect(warning?.context).toBe('党费XXXXXXXXXXXXXXXX元，已全部上缴区委组织……');
  });
});

describe('the figures a report states', () => {
  const figures = (text: string) => checkReport(`${COMPLETE}\n${text}\n`.replace(/全年发展预备党员.*\n支部现有.*\n/, '')).figures;

  test('each figure in the words reports use, with 名 or 人', () => {
    expect(figures('发展了新党员 6 人，按期转正 5 名，入党积极分子 9 人，发展对象 2人，在职党员 30人，退休党员 8 名，党费合计 3.5万元')).toEqual({
      probationaryMembersRecruited: 6,
      membersConfirmed: 5,
      activistsTrained: 9,
      developmentTargets: 2,
      inServiceMembers: 30,
      retiredMembers: 8,
      duesCollectedYuan: 35_000,
    });
  });

  test('dues in yuan as written, 共计 or not', () => {
    expect(figures('党费共计 1200 元').duesCollectedYuan).toBe(1200);
    expect(figures('党费 99.5元').duesCollectedYuan).toBe(99.5);
  });

  test('a figure not stated, or stated without a number, is left out', () => {
    expect(figures('发展党员若干名，党费按时收缴。')).toEqual({});
  });
});
