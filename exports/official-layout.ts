// The official document layout (GB/T 9704—2012 党政机关公文格式) as far as a compilation of reports
// goes: A4 with margins of 37 mm (top), 35 (bottom), 28 (left) and 26 (right); 22 lines of 28
// characters in 三号 (16 pt) to a page; titles in 二号; 一级标题 (一、) in 黑体, 二级 (（一）) in 楷体,
// the text in 仿宋; page numbers "— 1 —" in 四号 宋体 below the text, odd pages right, even left.
// All black. Fonts are named as Windows names them (黑体, 楷体, 仿宋, 宋体 ship with it); 方正小标宋
// and the _GB2312 fonts do not, so titles are in bold 宋体, the usual stand-in.
import { AlignmentType, Footer, LineRuleType, PageNumber, Paragraph, TextRun, type IParagraphOptions, type IStylesOptions, type ParagraphChild } from 'docx';
import type { MeasuredParagraph } from './page-estimate';

const TWIPS_PER_MM = 1440 / 25.4;
const mm = (value: number) => Math.round(value * TWIPS_PER_MM);

export const PAGE = {
  width: mm(210),
  height: mm(297),
  margin: { top: mm(37), bottom: mm(35), left: mm(28), right: mm(26), header: mm(15), footer: mm(25) },
};
/** Every line exactly 28.95 pt: the 225 mm of text holds 22 of them, as the standard asks. */
const LINE_TWIPS = 579;
export const LINES_PER_PAGE = Math.floor((PAGE.height - PAGE.margin.top - PAGE.margin.bottom) / LINE_TWIPS);
export const TEXT_WIDTH_PT = (PAGE.width - PAGE.margin.left - PAGE.margin.right) / 20;
export const TEXT_WIDTH_TWIPS = PAGE.width - PAGE.margin.left - PAGE.margin.right;

/** Each kind of paragraph: font, size (pt), bold, spacing added to each character (pt), first-line indent (pt). */
interface Kind {
  font: string;
  size: number;
  bold?: boolean;
  spacing: number;
  firstIndent: number;
  alignment: (typeof AlignmentType)[keyof typeof AlignmentType];
  keepNext: boolean;
  /** The heading style, for the outline, the 目录's bookmarks and readers such as mammoth. */
  style?: 'Heading1' | 'Heading2' | 'Heading3';
  latinAdvance?: number;
}

// -0.25 pt on each 16 pt character: 28 of them fill the 156 mm line (without it, 27 do).
const CONDENSED = -0.25;
const TEXT = { size: 16, spacing: CONDENSED, keepNext: false, alignment: AlignmentType.JUSTIFIED };

export const KINDS = {
  title: { font: '宋体', size: 22, bold: true, spacing: 0, firstIndent: 0, alignment: AlignmentType.CENTER, keepNext: true, style: 'Heading1' },
  /** A title that is not a heading: the cover's, the 目录's. */
  banner: { font: '宋体', size: 22, bold: true, spacing: 0, firstIndent: 0, alignment: AlignmentType.CENTER, keepNext: true },
  subtitle: { font: '楷体', ...TEXT, firstIndent: 0, alignment: AlignmentType.CENTER, keepNext: true },
  first: { font: '黑体', ...TEXT, firstIndent: 32, keepNext: true, style: 'Heading2' },
  second: { font: '楷体', ...TEXT, firstIndent: 32, keepNext: true, style: 'Heading3' },
  body: { font: '仿宋', ...TEXT, firstIndent: 32 },
  plain: { font: '仿宋', ...TEXT, firstIndent: 0, alignment: AlignmentType.LEFT },
  mono: { font: 'Courier New', size: 10.5, spacing: 0, firstIndent: 0, alignment: AlignmentType.LEFT, keepNext: false, latinAdvance: 0.6 },
} satisfies Record<string, Kind>;
export type KindName = keyof typeof KINDS;

/**
 * A run of text in the kind's font, size and colour, set directly so every reader shows it so; a
 * heading's boldness is its style's, so that readers such as mammoth see a plain heading.
 */
export function runOf(kind: KindName, text: string): TextRun {
  const k: Kind = KINDS[kind];
  const bold = k.style ? {} : { bold: k.bold ?? false };
  return new TextRun({ text, font: k.font, size: k.size * 2, ...bold, color: '000000', characterSpacing: Math.round(k.spacing * 20) });
}

/** A paragraph of the kind: one exact 28.95 pt line per line, no widow control (the page estimate counts on both). */
export function paragraphOf(kind: KindName, children: ParagraphChild[], extra: Partial<IParagraphOptions> = {}): Paragraph {
  const k: Kind = KINDS[kind];
  return new Paragraph({
    style: k.style,
    alignment: k.alignment,
    indent: k.firstIndent ? { firstLine: k.firstIndent * 20 } : undefined,
    spacing: { line: LINE_TWIPS, lineRule: LineRuleType.EXACT, before: 0, after: 0 },
    keepNext: k.keepNext,
    widowControl: false,
    overflowPunctuation: true,
    children,
    ...extra,
  });
}

export const measured = (kind: KindName, text: string): MeasuredParagraph => {
  const k: Kind = KINDS[kind];
  return { text, size: k.size, spacing: k.spacing, firstIndent: k.firstIndent, keepNext: k.keepNext, latinAdvance: k.latinAdvance };
};

/** The heading styles, black, in the standard's fonts (Word's own are blue and in its theme's fonts). */
export function officialStyles(): IStylesOptions {
  const heading = (level: 1 | 2 | 3, kind: KindName) => {
    const k: Kind = KINDS[kind];
    return {
      id: `Heading${level}`,
      name: `Heading ${level}`,
      basedOn: 'Normal',
      next: 'Normal',
      quickFormat: true,
      run: { font: k.font, size: k.size * 2, bold: k.bold ?? false, italics: false, color: '000000', characterSpacing: Math.round(k.spacing * 20) },
      paragraph: {
        alignment: k.alignment,
        keepNext: true,
        outlineLevel: level - 1,
        spacing: { line: LINE_TWIPS, lineRule: LineRuleType.EXACT, before: 0, after: 0 },
      },
    };
  };
  return {
    default: { document: { run: { font: KINDS.body.font, size: KINDS.body.size * 2, color: '000000' } } },
    paragraphStyles: [heading(1, 'title'), heading(2, 'first'), heading(3, 'second')],
  };
}

/** "— 1 —" in 四号 宋体, a character in from the right on odd pages and from the left on even ones. */
export function pageNumberFooters(): { default: Footer; even: Footer } {
  const footer = (alignment: (typeof AlignmentType)[keyof typeof AlignmentType], indent: { left?: number; right?: number }) =>
    new Footer({
      children: [
        new Paragraph({
          alignment,
          indent,
          spacing: { line: 280, lineRule: LineRuleType.EXACT },
          children: [new TextRun({ children: ['— ', PageNumber.CURRENT, ' —'], font: '宋体', size: 28, color: '000000' })],
        }),
      ],
    });
  return { default: footer(AlignmentType.RIGHT, { right: 280 }), even: footer(AlignmentType.LEFT, { left: 280 }) };
}
