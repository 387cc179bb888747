// The approved reports compiled as an official document (official-layout.ts): a cover, a 目录 whose
// page numbers are in the document, then each report on pages of its own, numbered from 1.
//
// The 目录 is one line per report, each a link to the report's title and a page reference (PAGEREF)
// to it, not a Word TOC field: LibreOffice shows a TOC field's stored text as it is (empty, when
// nothing filled it in), but works page references out from its own layout. Each reference also
// carries the page this file's estimate gives (page-estimate.ts) for viewers that show stored
// values, and Word offers to update the fields on opening, as it then lays the pages out itself.
import { Bookmark, Document, InternalHyperlink, LeaderType, Packer, Paragraph, SimpleField, TabStopType, TextRun, type ISectionOptions } from 'docx';
import { formatInZone } from '../domain/time';
import { outline } from './report-outline';
import {
  KINDS,
  LINES_PER_PAGE,
  measured,
  officialStyles,
  PAGE,
  pageNumberFooters,
  paragraphOf,
  runOf,
  TEXT_WIDTH_PT,
  TEXT_WIDTH_TWIPS,
  type KindName,
} from './official-layout';
import { pagesOf, type MeasuredParagraph } from './page-estimate';
import { reportCount, type SeasonExportData } from './season-data';

/** A titled part of the compilation (a report, the record's head) as kinds of paragraph and their text. */
interface Part {
  title: string;
  lines: { kind: KindName; text: string }[];
}

const dateIn = (at: Date, timeZone: string) => formatInZone(at, timeZone).slice(0, 10);

/** Every approved report of the season, then those of each level below it, titled with the unit above. */
function reportParts(data: SeasonExportData, unit = ''): Part[] {
  return [
    ...data.approved.map((report) => {
      const part = reportPart(report, data.timeZone);
      return unit ? { ...part, title: `${unit} · ${part.title}` } : part;
    }),
    ...data.children.flatMap((child) => reportParts(child.data, unit ? `${unit} · ${child.branchName}` : child.branchName)),
  ];
}

function reportPart(report: SeasonExportData['approved'][number], timeZone: string): Part {
  const about = [
    `书记：${report.secretaryName}`,
    `评价等次：${report.rating ?? '—'}`,
    ...(report.finalGrade ? [`综合评价：${report.finalGrade}`] : []),
    ...(report.approvedAt ? [`批准日期：${dateIn(report.approvedAt, timeZone)}`] : []),
  ];
  const lines: Part['lines'] = [
    { kind: 'subtitle', text: about.join('\u3000') },
    { kind: 'plain', text: '' },
  ];
  for (const block of outline(report.body)) {
    if (block.kind === 'heading' && block.level === 1) continue; // the branch's title stands for the report's own
    lines.push({ kind: block.kind === 'paragraph' ? 'body' : block.level === 2 ? 'first' : 'second', text: block.text });
  }
  return { title: report.branchName, lines };
}

/** The last part: the record's head at close, so a paper copy can check the record later. */
function recordHeadPart(data: SeasonExportData): Part[] {
  if (!data.recordHead) return [];
  return [
    {
      title: '本台账校验值',
      lines: [
        { kind: 'plain', text: '' },
        { kind: 'body', text: '本季度结束时，全部述职记录的校验值为：' },
        { kind: 'mono', text: data.recordHead },
        { kind: 'body', text: `日后运行 shuzhi audit verify ${data.seasonId}，输出的 head 应与此一致；不一致即说明记录在结束后被改动。` },
      ],
    },
  ];
}

/** The page each part starts on, counted from 1 at the first report: each starts a new page. */
function startPages(parts: Part[]): number[] {
  let next = 1;
  return parts.map((part) => {
    const start = next;
    const paragraphs: MeasuredParagraph[] = [measured('title', part.title), ...part.lines.map((l) => measured(l.kind, l.text))];
    next += pagesOf(paragraphs, TEXT_WIDTH_PT, LINES_PER_PAGE);
    return start;
  });
}

const bookmarkOf = (index: number) => `_Toc${index + 1}`; // hidden in Word, as its own 目录 bookmarks are

function partParagraphs(part: Part, index: number): Paragraph[] {
  return [
    paragraphOf('title', [new Bookmark({ id: bookmarkOf(index), children: [runOf('title', part.title)] })], { pageBreakBefore: index > 0 }),
    ...part.lines.map((line) => paragraphOf(line.kind, [runOf(line.kind, line.text)])),
  ];
}

function contents(parts: Part[]): Paragraph[] {
  const starts = startPages(parts);
  const tabStops = [{ type: TabStopType.RIGHT, position: TEXT_WIDTH_TWIPS, leader: LeaderType.DOT }];
  return [
    paragraphOf('banner', [runOf('banner', '目\u3000录')]),
    paragraphOf('plain', []),
    ...parts.map((part, i) =>
      paragraphOf(
        'plain',
        [
          new InternalHyperlink({ anchor: bookmarkOf(i), children: [runOf('plain', part.title)] }),
          runOf('plain', '\t'),
          new SimpleField(`PAGEREF ${bookmarkOf(i)} \\h`, String(starts[i])),
        ],
        { tabStops },
      ),
    ),
  ];
}

/**
 * The cover title's size: 二号 as titles are, or 小二 or 三号 when that keeps it on one line (a
 * greedy wrap leaves a character or two on a line of their own, and breaks words).
 */
export function coverTitleSize(title: string): number {
  const cells = [...title].reduce((sum, c) => sum + (/[\x20-\x7e]/.test(c) ? 0.5 : 1), 0);
  // With room to spare: a renderer whose digits are wider than half a character would still wrap it.
  return [22, 18].find((size) => cells * size <= TEXT_WIDTH_PT * 0.9) ?? 16;
}

function cover(data: SeasonExportData, generatedAt: Date): Paragraph[] {
  const line = (kind: KindName, text: string) => paragraphOf(kind, [runOf(kind, text)]);
  const space = (lines: number) => Array.from({ length: lines }, () => paragraphOf('plain', []));
  return [
    ...space(4),
    paragraphOf('banner', [new TextRun({ text: data.title, font: KINDS.banner.font, size: coverTitleSize(data.title) * 2, bold: true, color: '000000' })]),
    ...space(1),
    line('banner', '述职报告汇编'),
    ...space(4),
    line('subtitle', `共 ${reportCount(data)} 篇`),
    line('subtitle', dateIn(generatedAt, data.timeZone)),
  ];
}

const page = { size: { width: PAGE.width, height: PAGE.height }, margin: PAGE.margin };

export async function seasonDocx(data: SeasonExportData, generatedAt = new Date()): Promise<Buffer> {
  const parts = [...reportParts(data), ...recordHeadPart(data)];
  const sections: ISectionOptions[] = [
    { properties: { page }, children: cover(data, generatedAt) },
    { properties: { page }, children: contents(parts) },
    { properties: { page: { ...page, pageNumbers: { start: 1 } } }, footers: pageNumberFooters(), children: parts.flatMap(partParagraphs) },
  ];
  const document = new Document({
    creator: 'Shuzhi 述职评议',
    title: data.title,
    features: { updateFields: true },
    evenAndOddHeaderAndFooters: true,
    styles: officialStyles(),
    sections,
  });
  return Packer.toBuffer(document);
}
