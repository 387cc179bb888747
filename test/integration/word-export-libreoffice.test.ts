// The Word compilation as LibreOffice (headless, from Debian) renders it to PDF, read back page by
// page: the 目录 lists every report with the page it starts on, those are the pages it starts on,
// pages are numbered "— n —" from the first report, and a page holds 22 lines of 28 characters.
import JSZip from 'jszip';
import { seasonDocx } from '../../exports/docx-export';
import { closedSeasonData, REPORTS } from '../helpers/export-data';
import { renderedPages } from '../helpers/libreoffice';

const GENERATED_AT = new Date('2027-01-10T02:00:00Z');
const TITLES = [...REPORTS.map((r) => r.branchName), '本台账校验值'];
const PAGE_NUMBER = /^— (\d+) —$/;

/** The 目录's entries: each title and the page number shown after its dotted leader. */
const contentsOf = (page: string[] = []) =>
  page.flatMap((line) => {
    const m = /^(.+?)[.…·]{3,}\s*(\d+)$/.exec(line);
    return m ? [{ title: m[1] ?? '', page: Number(m[2]) }] : [];
  });

/** The number in a page's footer, if it has one. */
const numberOf = (page: string[]) => Number(PAGE_NUMBER.exec(page[page.length - 1] ?? '')?.[1] ?? NaN);

/** The same document with the page numbers written in its 目录 taken out. */
async function withoutWrittenPageNumbers(docx: Buffer): Promise<Buffer> {
  const zip = await JSZip.loadAsync(docx);
  const xml = (await zip.file('word/document.xml')?.async('string')) ?? '';
  const blanked = xml.replace(/(<w:fldSimple w:instr="PAGEREF [^"]*"><w:r><w:t[^>]*>)\d+(<\/w:t>)/g, '$1$2');
  if (blanked === xml) throw new Error('the 目录 has no page references to blank');
  zip.file('word/document.xml', blanked);
  return zip.generateAsync({ type: 'nodebuffer' });
}

describe('the Word compilation rendered by LibreOffice', () => {
  let docx: Buffer;
  let pages: string[][];
  beforeAll(async () => {
    docx = await seasonDocx(closedSeasonData(), GENERATED_AT);
    pages = await renderedPages(docx, 'season.docx');
  }, 180_000);

  test('the cover, then a 目录 listing every report and the record’s head with a page number', () => {
    expect(pages[0]).toEqual(expect.arrayContaining(['述职报告汇编', '共 3 篇', '2027-01-10']));
    expect(pages[1]?.[0]?.replace(/\s/g, '')).toBe('目录');
    expect(contentsOf(pages[1]).map((e) => e.title)).toEqual(TITLES);
  });

  test('each 目录 entry’s page number is the numbered page its title heads', () => {
    const contents = contentsOf(pages[1]);
    expect(contents[0]?.page).toBe(1);
    for (const { title, page } of contents) {
      const headed = pages.find((p) => numberOf(p) === page);
      expect([title, headed?.[0]]).toEqual([title, title]);
    }
  });

  test('pages are numbered "— 1 —" onwards from the first report; the cover and the 目录 have no number', () => {
    expect(pages.slice(0, 2).map(numberOf)).toEqual([NaN, NaN]);
    expect(pages.slice(2).map(numberOf)).toEqual(pages.slice(2).map((_, i) => i + 1));
  });

  test('a page holds at most 22 lines of at most 28 characters, and full pages hold exactly that', () => {
    // A character is one cell, a digit or Latin letter half of one; the PDF's text has spaces around numbers.
    const cells = (line: string) => [...line.replace(/\s/g, '')].reduce((sum, c) => sum + (/[\x20-\x7e]/.test(c) ? 0.5 : 1), 0);
    const bodies = pages.slice(2).map((p) => p.slice(0, -1).filter((line) => !/^[0-9a-f]{64}$/.test(line)));
    expect(Math.max(...bodies.map((lines) => lines.length))).toBe(22);
    expect(Math.max(...bodies.flat().map(cells))).toBeLessThanOrEqual(28);
    expect(bodies.flat().filter((line) => cells(line) >= 27).length).toBeGreaterThan(20);
  });

  test('LibreOffice works the 目录’s page numbers out from its own layout: without the written ones it shows the same', async () => {
    const blank = await renderedPages(await withoutWrittenPageNumbers(docx), 'blank.docx');
    expect(contentsOf(blank[1])).toEqual(contentsOf(pages[1]));
  }, 180_000);

  test('the page numbers written in the file (for viewers that show them as written) are the ones LibreOffice lays out', async () => {
    const xml = (await (await JSZip.loadAsync(docx)).file('word/document.xml')?.async('string')) ?? '';
    const written = [...xml.matchAll(/<w:fldSimple w:instr="PAGEREF [^"]*"><w:r><w:t[^>]*>(\d+)<\/w:t>/g)].map((m) => Number(m[1]));
    expect(written).toHaveLength(TITLES.length);
    expect(written).toEqual(contentsOf(pages[1]).map((e) => e.page));
  });
});
