// Findings where the person writes (issue #24, defect 6): each of the check's findings is placed in
// the editor box it is about, at the spot to select there, counted in the box's own paragraphs,
// and shown once.
import { checkReport, DEFAULT_TEMPLATE, type Finding } from '../../domain/submission-check';
import { translator } from '../../web/i18n';
import type { PageContext } from '../../web/layout';
import { boxFindings, generalFindings } from '../../web/pages/finding-list';
import { placeFindings } from '../../web/report-findings';
import { joinSections, placeInBox, splitSections } from '../../web/report-sections';

const NAMES = DEFAULT_TEMPLATE.sections;
const report = (preamble: string, ...sections: string[]) => joinSections({ preamble, sections: NAMES.map((name, i) => ({ name, text: sections[i] ?? '' })) });
const placed = (body: string) => placeFindings([...checkReport(body).errors, ...checkReport(body).warnings], body, NAMES, 'zh-CN');
/** What a finding selects in its box, as the editor shows the box. */
const selected = (body: string, field: string, start = 0, end = 0) => {
  const split = splitSections(body, NAMES);
  const text = field === 'preamble' ? split.preamble : (split.sections[Number(field.slice('section-'.length))]?.text ?? '');
  return text.slice(start, end);
};

describe('a finding in its box', () => {
  test("a placeholder in the second section is placed there, at its own paragraph, not the joined text's line", () => {
    const body = report('第一中学党支部书记述职报告', '发展党员2名。', '学习不够深入。\n\n调研还有XX处不足。', '加强学习。');
    const [finding, ...rest] = placed(body);
    expect(rest).toEqual([]);
    expect(finding).toMatchObject({ severity: 'warning', code: 'placeholder', field: 'section-1', message: '第 2 段有未填写的占位符：“调研还有XX处不足。”' });
    expect(selected(body, 'section-1', finding?.start, finding?.end)).toBe('XX');
  });

  test('a placeholder in the opening words is placed in the preamble box', () => {
    const body = report('X区第一中学党支部', '发展党员2名。', '不足。', '改进。');
    const [finding] = placed(body);
    expect(finding).toMatchObject({ field: 'preamble', start: 0, end: 1 });
  });

  test('characters outside the BMP before the spot are counted as the editor counts them (UTF-16)', () => {
    const body = report('标题', '𠀋𠀋发展预备党员X名。', '不足。', '改进。');
    const [finding] = placed(body);
    expect(finding?.field).toBe('section-0');
    expect(selected(body, 'section-0', finding?.start, finding?.end)).toBe('X');
  });

  test('a text written elsewhere, with blank lines and spaces before a section, is placed in the box as the editor trims it', () => {
    const body = '标题\n## 一、主要工作\n\n\n   发展党员X名。\n## 二、存在的主要问题及原因\n不足。\n## 三、下步工作思路和主要措施\n改进。\n';
    const place = placeInBox(body, NAMES, 5, 8);
    expect(place).toMatchObject({ field: 'section-0', paragraph: 1 });
    expect(place?.text.slice(place.start, place.start + 1)).toBe('X');
  });

  test('an empty section is said at its box, in words about that box', () => {
    const body = report('标题', '发展党员2名。', '', '改进。');
    expect(placed(body)).toEqual([{ severity: 'error', code: 'empty_section', field: 'section-1', start: 0, end: 0, message: '这一部分还没有内容。' }]);
  });

  test('a finding about the whole report has no box', () => {
    expect(placed('')).toEqual([{ severity: 'error', code: 'empty_report', message: '报告内容为空。' }]);
  });

  test('the same finding given twice is shown once', () => {
    const body = report('标题', '发展党员X名。', '不足。', '改进。');
    const findings: Finding[] = checkReport(body).warnings;
    expect(placeFindings([...findings, ...findings], body, NAMES, 'zh-CN')).toHaveLength(1);
  });
});

describe('the lists the editor shows', () => {
  const ctx: PageContext = { locale: 'zh-CN', t: translator('zh-CN'), mailbox: false, path: '/' };

  test("each box's list holds its findings as links to the place; the general list the rest", () => {
    const findings = placed(report('标题', '发展党员X名。', '', '改进。'));
    const first = boxFindings(ctx, 'section-0', findings).value;
    expect(first).toContain('id="findings-section-0"');
    expect(first).toMatch(/<a href="#field-section-0" class="finding-place" data-field="section-0"\s+data-start="4" data-end="5"/);
    expect(first).toContain('! 第 1 段有未填写的占位符：“发展党员X名。”');
    expect(boxFindings(ctx, 'section-1', findings).value).toContain('✗ 这一部分还没有内容。');
    expect(boxFindings(ctx, 'section-2', findings).value).not.toContain('<li');
    expect(generalFindings(ctx, findings).value).not.toContain('<li');
  });
});
