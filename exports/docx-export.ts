// The approved reports compiled as an official document (公文 style): a cover, a table of
// contents, then each report on its own pages, in FangSong with headings in SimHei.
import { AlignmentType, Document, HeadingLevel, Packer, PageBreak, Paragraph, TableOfContents, TextRun } from 'docx';
import { formatInZone } from '../domain/time';
import { outline } from './report-outline';
import type { SeasonExportData } from './season-data';

const BODY_FONT = 'FangSong';
const TITLE_FONT = 'SimHei';
const SIZE_3 = 32; // 三号, in half-points
const SIZE_2 = 44; // 二号

function cover(data: SeasonExportData, generatedAt: Date): Paragraph[] {
  const centered = (text: string, size: number, font = TITLE_FONT, before = 0) =>
    new Paragraph({ alignment: AlignmentType.CENTER, spacing: { before }, children: [new TextRun({ text, size, font, bold: font === TITLE_FONT })] });
  return [
    centered(data.title, SIZE_2, TITLE_FONT, 3600),
    centered('述职报告汇编', SIZE_2, TITLE_FONT, 400),
    centered(`共 ${data.approved.length} 篇`, SIZE_3, BODY_FONT, 1200),
    centered(formatInZone(generatedAt, data.timeZone).slice(0, 10), SIZE_3, BODY_FONT, 400),
    new Paragraph({ children: [new PageBreak()] }),
  ];
}

function reportSection(report: SeasonExportData['approved'][number], timeZone: string): Paragraph[] {
  const paragraphs = [
    new Paragraph({
      heading: HeadingLevel.HEADING_1,
      pageBreakBefore: true,
      alignment: AlignmentType.CENTER,
      children: [new TextRun({ text: report.branchName, font: TITLE_FONT })],
    }),
    new Paragraph({
      alignment: AlignmentType.CENTER,
      children: [
        new TextRun({
          text: `书记：${report.secretaryEmail}\u3000评价等次：${report.rating ?? '—'}${report.approvedAt ? `\u3000审批：${formatInZone(report.approvedAt, timeZone)}` : ''}`,
          font: BODY_FONT,
          size: 24,
        }),
      ],
    }),
  ];
  for (const block of outline(report.body)) {
    if (block.kind === 'heading') {
      if (block.level === 1) continue; // the branch heading stands for the report's own title
      paragraphs.push(
        new Paragraph({
          heading: block.level === 2 ? HeadingLevel.HEADING_2 : HeadingLevel.HEADING_3,
          children: [new TextRun({ text: block.text, font: TITLE_FONT })],
        }),
      );
    } else {
      paragraphs.push(
        new Paragraph({ indent: { firstLine: 640 }, spacing: { line: 560 }, children: [new TextRun({ text: block.text, font: BODY_FONT, size: SIZE_3 })] }),
      );
    }
  }
  return paragraphs;
}

/** The last page: the record's head at close, so a paper copy can check the record later. */
function recordHeadPage(data: SeasonExportData): Paragraph[] {
  if (!data.recordHead) return [];
  const line = (text: string, font = BODY_FONT) => new Paragraph({ spacing: { line: 560 }, children: [new TextRun({ text, font, size: SIZE_3 })] });
  return [
    new Paragraph({
      heading: HeadingLevel.HEADING_1,
      pageBreakBefore: true,
      alignment: AlignmentType.CENTER,
      children: [new TextRun({ text: '本台账校验值', font: TITLE_FONT })],
    }),
    line('本季度结束时，全部述职记录的校验值为：'),
    line(data.recordHead, 'Courier New'),
    line(`日后运行 shuzhi audit verify ${data.seasonId}，输出的 head 应与此一致；不一致即说明记录在结束后被改动。`),
  ];
}

export async function seasonDocx(data: SeasonExportData, generatedAt = new Date()): Promise<Buffer> {
  const document = new Document({
    creator: 'Shuzhi 述职评议',
    title: data.title,
    features: { updateFields: true }, // Word fills in the table of contents on opening
    styles: { default: { document: { run: { font: BODY_FONT, size: SIZE_3 } } } },
    sections: [
      {
        children: [
          ...cover(data, generatedAt),
          new Paragraph({ alignment: AlignmentType.CENTER, children: [new TextRun({ text: '目　录', font: TITLE_FONT, size: SIZE_3, bold: true })] }),
          new TableOfContents('目录', { hyperlink: true, headingStyleRange: '1-1' }),
          ...data.approved.flatMap((report) => reportSection(report, data.timeZone)),
          ...recordHeadPage(data),
        ],
      },
    ],
  });
  return Packer.toBuffer(document);
}
