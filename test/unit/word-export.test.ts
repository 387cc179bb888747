// The Word compilation's layout, read from the file itself: GB/T 9704 page and fonts, black
// headings, page numbers, the secretary's name, and a 目录 that carries its page numbers.
import JSZip from 'jszip';
import mammoth from 'mammoth';
import { coverTitleSize, seasonDocx } from '../../exports/docx-export';
import { closedSeasonData, RECORD_HEAD, REPORTS } from '../helpers/export-data';

const GENERATED_AT = new Date('2027-01-10T02:00:00Z');

describe('the Word compilation', () => {
  let docx: Buffer;
  let part: (name: string) => Promise<string>;
  beforeAll(async () => {
    docx = await seasonDocx(closedSeasonData(), GENERATED_AT);
    const zip = await JSZip.loadAsync(docx);
    part = async (name) => (await zip.file(name)?.async('string')) ?? '';
  });

  const styleOf = (styles: string, id: string) => new RegExp(`<w:style [^>]*w:styleId="${id}".*?</w:style>`).exec(styles)?.[0] ?? '';
  const attr = (xml: string, element: string, name: string) => [...xml.matchAll(new RegExp(`<${element} [^>]*w:${name}="([^"]*)"`, 'g'))].map((m) => m[1]);

  test('headings are black and in the standard’s fonts: titles bold 宋体 二号, 一级 黑体, 二级 楷体, in 三号', async () => {
    const styles = await part('word/styles.xml');
    const headings = ['Heading1', 'Heading2', 'Heading3'].map((id) => styleOf(styles, id));
    expect(headings.map((s) => [attr(s, 'w:rFonts', 'eastAsia')[0], attr(s, 'w:sz', 'val')[0], attr(s, 'w:color', 'val')[0], /<w:b\/>/.test(s)])).toEqual([
      ['宋体', '44', '000000', true],
      ['黑体', '32', '000000', false],
      ['楷体', '32', '000000', false],
    ]);
    // Every run in the body is black too, whatever style Word or LibreOffice would give it.
    const document = await part('word/document.xml');
    expect(new Set(attr(document, 'w:color', 'val'))).toEqual(new Set(['000000']));
  });

  test('pages are A4 with margins of 37, 35, 28 and 26 mm; the text is 仿宋 三号 on lines of exactly 28.95 pt', async () => {
    const document = await part('word/document.xml');
    expect(new Set(attr(document, 'w:pgSz', 'w'))).toEqual(new Set(['11906']));
    expect(new Set(attr(document, 'w:pgSz', 'h'))).toEqual(new Set(['16838']));
    for (const [side, twips] of [
      ['top', '2098'],
      ['bottom', '1984'],
      ['left', '1587'],
      ['right', '1474'],
    ]) {
      expect(new Set(attr(document, 'w:pgMar', side ?? ''))).toEqual(new Set([twips]));
    }
    const paragraph = /<w:p>(?:(?!<\/w:p>).)*全年开展集中学习16次(?:(?!<\/w:p>).)*<\/w:p>/.exec(document)?.[0] ?? '';
    expect([
      attr(paragraph, 'w:rFonts', 'eastAsia'),
      attr(paragraph, 'w:sz', 'val'),
      attr(paragraph, 'w:spacing', 'line'),
      attr(paragraph, 'w:spacing', 'lineRule'),
    ]).toEqual([['仿宋'], ['32'], ['579'], ['exact']]);
  });

  test('pages are numbered "— 1 —" from the first report, odd pages on the right and even on the left; the cover and 目录 have none', async () => {
    const document = await part('word/document.xml');
    const sections = document.match(/<w:sectPr.*?<\/w:sectPr>/g) ?? [];
    expect(sections.map((s) => [(s.match(/<w:footerReference /g) ?? []).length, attr(s, 'w:pgNumType', 'start')[0]])).toEqual([
      [0, undefined],
      [0, undefined],
      [2, '1'],
    ]);
    expect(await part('word/settings.xml')).toContain('<w:evenAndOddHeaders/>');
    const footers = await Promise.all(
      attr(sections[2] ?? '', 'w:footerReference', 'type').map(async (type) => {
        const id = new RegExp(`<w:footerReference w:type="${type}" r:id="([^"]+)"`).exec(sections[2] ?? '')?.[1];
        const target = new RegExp(`Id="${id}"[^>]*Target="([^"]+)"`).exec(await part('word/_rels/document.xml.rels'))?.[1];
        const xml = await part(`word/${target}`);
        return [type, attr(xml, 'w:jc', 'val')[0], xml.replace(/<[^>]+>/g, '')];
      }),
    );
    expect(footers.sort()).toEqual([
      ['default', 'right', '— PAGE —'],
      ['even', 'left', '— PAGE —'],
    ]);
  });

  test('the 目录 links every report and the record’s head, each with the page it starts on written in', async () => {
    const document = await part('word/document.xml');
    const entries = [
      ...document.matchAll(
        /<w:hyperlink [^>]*w:anchor="(_Toc\d+)"[^>]*>.*?<w:t[^>]*>([^<]*)<\/w:t>.*?<w:fldSimple w:instr="PAGEREF (_Toc\d+) \\h"><w:r><w:t[^>]*>(\d*)</g,
      ),
    ];
    expect(entries.map((m) => [m[2], m[1] === m[3]])).toEqual([...REPORTS.map((r) => [r.branchName, true]), ['本台账校验值', true]]);
    const pages = entries.map((m) => Number(m[4]));
    expect(pages[0]).toBe(1);
    expect(pages.every((page, i) => i === 0 || page > (pages[i - 1] ?? 0))).toBe(true);
    // Each entry's bookmark is on its title, where the page reference points.
    for (const m of entries) expect(document).toMatch(new RegExp(`<w:bookmarkStart w:name="${m[1]}" w:id="\\d+"/>.{0,400}${m[2]}`));
  });

  test('the cover’s title is set on one line: in 二号, or 小二 or 三号 when 二号 would wrap it', () => {
    expect(['述职评议', '2026年度基层党组织书记抓党建工作述职评议', '2026年度基层党组织书记抓党建工作述职评议（演示）'].map(coverTitleSize)).toEqual([
      22, 18, 16,
    ]);
  });

  test('names the secretary, not their address, and keeps the report’s outline as headings', async () => {
    const html = (await mammoth.convertToHtml({ buffer: docx })).value;
    const headings = (level: number) => [...html.matchAll(new RegExp(`<h${level}>(?:<a id="[^"]*"></a>)?([^<]*)</h${level}>`, 'g'))].map((m) => m[1]);
    expect(headings(1)).toEqual([...REPORTS.map((r) => r.branchName), '本台账校验值']);
    expect(headings(2)).toEqual(Array(3).fill(['一、主要工作', '二、存在的主要问题及原因', '三、下步工作思路和主要措施']).flat());
    expect(headings(3)).toContain('（一）坚持政治统领，始终做到“两个维护”');
    expect(html).toContain('书记：张书记\u3000评价等次：较好\u3000批准日期：2026-12-20');
    for (const report of REPORTS) expect(html).not.toContain(report.secretaryEmail);
    expect(html).toContain(RECORD_HEAD);
  });
});
