// How large a report may be. Drafts and submissions share one limit, checked before anything is
// stored: by the CLI and the web app before the text is saved, by the workflow's validator on the
// size the request declares, and by the activity on the stored text itself. A real report is a few
// thousand characters; the limit leaves room for long ones and keeps every workflow payload small.
// Workflow-safe.

export interface ReportSize {
  /** Unicode characters (code points), whitespace included. */
  characters: number;
  /** UTF-8 bytes. */
  bytes: number;
}

export const REPORT_SIZE_LIMIT: ReportSize = { characters: 100_000, bytes: 256 * 1024 };

/** At most this many findings travel back in a request's answer; the rest are counted. */
export const MAX_FINDINGS_RETURNED = 50;

export function measureReport(text: string): ReportSize {
  let characters = 0;
  let bytes = 0;
  for (const char of text) {
    const code = char.codePointAt(0) ?? 0;
    characters += 1;
    bytes += code < 0x80 ? 1 : code < 0x800 ? 2 : code < 0x10000 ? 3 : 4;
  }
  return { characters, bytes };
}

export function isWithinLimit(size: ReportSize): boolean {
  return size.characters <= REPORT_SIZE_LIMIT.characters && size.bytes <= REPORT_SIZE_LIMIT.bytes;
}

const thousands = (n: number) => n.toLocaleString('en-US');

/** Why a text of this size is refused, in both languages. */
export function tooLargeMessage(size: ReportSize): { 'zh-CN': string; en: string } {
  const limit = REPORT_SIZE_LIMIT;
  const kib = (bytes: number) => `${thousands(Math.ceil(bytes / 1024))} KB`;
  return {
    'zh-CN': `报告过大（${thousands(size.characters)} 字，${kib(size.bytes)}），未保存。报告最多 ${thousands(limit.characters)} 字、${kib(limit.bytes)}，请删减后再保存。`,
    en: `The report is too large (${thousands(size.characters)} characters, ${kib(size.bytes)}) and was not saved. A report may have at most ${thousands(limit.characters)} characters and ${kib(limit.bytes)}; shorten it and save again.`,
  };
}

/**
 * A report is text. A NUL character means a binary file (a .doc, an image, a UTF-16 file read as
 * UTF-8): databases cut text at it, so what is stored would differ from what was checked.
 */
export const isPlainText = (text: string): boolean => !text.includes('\u0000');

export const NOT_TEXT_MESSAGE: { 'zh-CN': string; en: string } = {
  'zh-CN': '文件不是纯文本（含有二进制内容），未保存。请另存为 UTF-8 文本（.txt/.md）或使用 Word（.docx）文件后再试。',
  en: 'The file is not plain text (it holds binary content) and was not saved. Save it as UTF-8 text (.txt/.md) or use a Word (.docx) file, and try again.',
};
