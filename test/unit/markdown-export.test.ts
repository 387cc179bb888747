// The season's reports as one Markdown file: whatever a secretary typed is shown as typed by a
// Markdown viewer (markdown-it with HTML on, as many viewers run), never run or loaded.
import MarkdownIt from 'markdown-it';
import { seasonMarkdown } from '../../exports/markdown-export';
import type { SeasonExportData } from '../../exports/season-data';

const typed = [
  '一、主要工作',
  '全年发展党员 3 名。<script>alert("x")</script>',
  '<img src="http://evil.example/track.png" onerror="alert(1)">',
  '![看图](http://evil.example/pixel.png) 与 [点这里](javascript:alert(1))',
  'a & b < c > d，`代码` *强调* _下划线_ | 竖线 \\ 反斜杠',
].join('\n');

const data: SeasonExportData = {
  seasonId: 'demo-2026',
  children: [],
  recordHead: null,
  title: '2026 年度述职 <b>评议</b>',
  year: 2026,
  timeZone: 'Asia/Shanghai',
  rows: [],
  approved: [
    {
      branchId: 'x',
      branchName: '第一中学党支部<iframe src="http://evil.example">',
      secretaryEmail: 's@school.example',
      secretaryName: '周书记（第一中学）',
      rating: '好',
      finalGrade: null,
      approvedAt: null,
      body: typed,
    },
  ],
};

describe('the Markdown export', () => {
  const rendered = new MarkdownIt({ html: true, linkify: true }).render(seasonMarkdown(data, new Date('2026-12-01T00:00:00Z')));

  test('markup in a report, its title or a branch name renders as text: no element, no image, no script link', () => {
    expect(rendered).not.toMatch(/<(script|img|iframe|b)\b/i);
    expect(rendered).not.toMatch(/<[a-z]+\s[^>]*(src|on[a-z]+)=/i);
    // A viewer may make a typed web address clickable, as typed; nothing else becomes a link.
    const links = [...rendered.matchAll(/<a href="([^"]*)">([^<]*)<\/a>/g)].map(([, href, text]) => ({ href, text }));
    for (const link of links) expect(link.href).toBe(link.text);
    expect(links.map((link) => link.href)).toEqual(links.map(() => expect.stringMatching(/^http:\/\/evil\.example/)));
  });

  test('the words read as typed', () => {
    const text = rendered
      .replace(/<[^>]+>/g, '')
      .replace(/&lt;/g, '<')
      .replace(/&gt;/g, '>')
      .replace(/&quot;/g, '"')
      .replace(/&amp;/g, '&');
    expect(text).toContain('全年发展党员 3 名。<script>alert("x")</script>');
    expect(text).toContain('![看图](http://evil.example/pixel.png) 与 [点这里](javascript:alert(1))');
    expect(text).toContain('a & b < c > d，`代码` *强调* _下划线_ | 竖线 \\ 反斜杠');
    expect(text).toContain('2026 年度述职 <b>评议</b>');
    expect(text).toContain('周书记（第一中学）');
  });
});
