// The web app's building blocks: escaping in every page, and a report's sections split from and
// joined into its text without losing a line.
import { checkReport, DEFAULT_TEMPLATE } from '../../domain/submission-check';
import { html, raw } from '../../web/html';
import { joinSections, splitSections } from '../../web/report-sections';

describe('html', () => {
  test('escapes every interpolated value, including inside lists', () => {
    const comment = '<script>alert("x")</script> & \'quotes\'';
    expect(html`<p>${comment}</p><ul>${[comment].map((c) => html`<li>${c}</li>`)}</ul>`.value).toBe(
      '<p>&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; &#39;quotes&#39;</p>' +
        '<ul><li>&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; &#39;quotes&#39;</li></ul>',
    );
  });

  test('leaves our own markup alone and drops empty values', () => {
    expect(html`<div>${raw('<b>ok</b>')}${undefined}${null}${false}${0}</div>`.value).toBe('<div><b>ok</b>0</div>');
  });
});

describe('report sections', () => {
  const body = '# 述职报告\n现述职如下。\n\n## 一、主要工作\n发展党员2名。\n\n## 二、存在的主要问题及原因\n不足。\n\n## 三、下步工作思路和主要措施\n改进。\n';

  test('splits a report into the template sections and joins it back to a report that passes the check', () => {
    const split = splitSections(body, DEFAULT_TEMPLATE.sections);
    expect(split).toEqual({
      preamble: '# 述职报告\n现述职如下。',
      sections: [
        { name: '一、主要工作', text: '发展党员2名。' },
        { name: '二、存在的主要问题及原因', text: '不足。' },
        { name: '三、下步工作思路和主要措施', text: '改进。' },
      ],
    });
    const joined = joinSections(split);
    expect(checkReport(joined).errors).toEqual([]);
    expect(splitSections(joined, DEFAULT_TEMPLATE.sections)).toEqual(split);
  });

  test('a Word draft without Markdown marks splits on its heading lines; sections it lacks come back empty', () => {
    const split = splitSections('标题\n一、主要工作\n做了工作。\n更多工作。', DEFAULT_TEMPLATE.sections);
    expect(split.preamble).toBe('标题');
    expect(split.sections.map((s) => s.text)).toEqual(['做了工作。\n更多工作。', '', '']);
  });
});
