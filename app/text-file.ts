// One reader for every file a person gives us: season YAML, CSV lists and reports. Offices save
// from Excel and Word on Chinese Windows, so a file may be UTF-8 (with or without a BOM), UTF-16
// with a BOM, or GB18030/GBK; reports may be Word .docx. Anything else is named, not guessed at.
import { readFileSync } from 'node:fs';
import { basename } from 'node:path';
import iconv from 'iconv-lite';
import mammoth from 'mammoth';
import { isWithinLimit, measureReport, tooLargeMessage } from '../domain/report-limits';
import { words, type Words } from '../domain/words';
import { MAX_UNPACKED_DOCX_BYTES, unpackedTextBytes } from './docx-size';

export type TextEncoding = 'utf-8' | 'utf-16le' | 'utf-16be' | 'gb18030' | 'docx';

export interface DecodedText {
  /** The text with line ends as LF, without a BOM. */
  text: string;
  encoding: TextEncoding;
  /** Set when the file was not plain UTF-8: worth telling the person, never blocking. */
  notice?: Words;
}

/** What a file that is not text looks like, by its first bytes. */
export type NotTextKind = 'docx' | 'xlsx' | 'zip' | 'old-office' | 'pdf' | 'image' | 'rtf' | 'binary';

const KIND_WORDS: Record<NotTextKind, Words> = {
  docx: words('Word 文档（.docx）', 'a Word document (.docx)'),
  xlsx: words('Excel 工作簿（.xlsx）', 'an Excel workbook (.xlsx)'),
  zip: words('压缩包（zip）', 'a zip archive'),
  'old-office': words('旧版 Word/Excel 文件（.doc/.xls）', 'an old Word/Excel file (.doc/.xls)'),
  pdf: words('PDF 文件', 'a PDF file'),
  image: words('图片', 'an image'),
  rtf: words('RTF 文档', 'an RTF document'),
  binary: words('二进制文件', 'a binary file'),
};

/** What the file is meant to be, for the advice the error gives. */
export type TextPurpose = 'text' | 'report';

export class NotTextError extends Error {
  readonly words: Words;
  constructor(
    readonly file: string,
    readonly kind: NotTextKind,
    purpose: TextPurpose,
    /** What to say instead of "is a …, not a text file", where that would mislead. */
    said?: Words,
  ) {
    const what = KIND_WORDS[kind];
    const advice =
      purpose === 'report'
        ? words('请另存为 Word 文档（.docx）或 UTF-8 文本文件后再试。', 'Save it as a Word document (.docx) or a UTF-8 text file and try again.')
        : kind === 'xlsx' || /\.csv$/i.test(file)
          ? words('请在 Excel 中另存为“CSV UTF-8（逗号分隔）”后再试。', 'In Excel, save it as "CSV UTF-8 (comma delimited)" and try again.')
          : words('请用文本编辑器另存为 UTF-8 文本文件后再试。', 'Save it as a UTF-8 text file in a text editor and try again.');
    const name = basename(file);
    const message = said ?? words(`${name} 是${what['zh-CN']}，不是文本文件。${advice['zh-CN']}`, `${name} is ${what.en}, not a text file. ${advice.en}`);
    super(message.en);
    this.name = 'NotTextError';
    this.words = message;
  }
}

const startsWith = (bytes: Buffer, ...prefix: number[]) => prefix.every((byte, i) => bytes[i] === byte);

function sniffNotText(bytes: Buffer): NotTextKind | undefined {
  if (startsWith(bytes, 0x50, 0x4b, 0x03, 0x04)) {
    const head = bytes.subarray(0, Math.min(bytes.length, 64 * 1024)).toString('latin1');
    if (head.includes('word/')) return 'docx';
    if (head.includes('xl/')) return 'xlsx';
    return 'zip';
  }
  if (startsWith(bytes, 0xd0, 0xcf, 0x11, 0xe0)) return 'old-office';
  if (startsWith(bytes, 0x25, 0x50, 0x44, 0x46)) return 'pdf';
  if (startsWith(bytes, 0x89, 0x50, 0x4e, 0x47) || startsWith(bytes, 0xff, 0xd8, 0xff) || startsWith(bytes, 0x47, 0x49, 0x46, 0x38)) return 'image';
  if (startsWith(bytes, 0x7b, 0x5c, 0x72, 0x74, 0x66)) return 'rtf';
  return undefined;
}

/** Control characters other than tab, line ends, form feed and escape: text editors do not write them. */
// eslint-disable-next-line no-control-regex -- finding control characters is the point
const looksBinary = (text: string) => /[\u0000-\u0008\u000e-\u001a\u001c-\u001f\ufffd]/.test(text);

const normalise = (text: string) => text.replace(/^\ufeff/, '').replace(/\r\n?/g, '\n');

const notice = (file: string, zh: string, en: string): Words =>
  words(`${basename(file)} 按 ${zh} 编码读取；建议另存为 UTF-8。`, `${basename(file)} was read as ${en}; saving it as UTF-8 is recommended.`);

/** Decodes a text file's bytes, or throws NotTextError naming what the file is instead. */
export function decodeText(bytes: Buffer, fileName: string, purpose: TextPurpose = 'text'): DecodedText {
  if (startsWith(bytes, 0xef, 0xbb, 0xbf)) return checked(bytes.subarray(3).toString('utf8'), 'utf-8', fileName, purpose);
  if (startsWith(bytes, 0xff, 0xfe)) {
    return checked(iconv.decode(bytes.subarray(2), 'utf-16le'), 'utf-16le', fileName, purpose, notice(fileName, 'UTF-16', 'UTF-16'));
  }
  if (startsWith(bytes, 0xfe, 0xff)) {
    return checked(iconv.decode(bytes.subarray(2), 'utf-16be'), 'utf-16be', fileName, purpose, notice(fileName, 'UTF-16', 'UTF-16'));
  }
  const kind = sniffNotText(bytes);
  if (kind) throw new NotTextError(fileName, kind, purpose);
  try {
    return checked(new TextDecoder('utf-8', { fatal: true }).decode(bytes), 'utf-8', fileName, purpose);
  } catch (error) {
    if (error instanceof NotTextError) throw error;
  }
  // Not UTF-8: Excel's and Notepad's default on Chinese Windows is GB18030 (a superset of GBK).
  return checked(iconv.decode(bytes, 'gb18030'), 'gb18030', fileName, purpose, notice(fileName, 'GB18030（GBK）', 'GB18030 (GBK)'));
}

function checked(text: string, encoding: TextEncoding, fileName: string, purpose: TextPurpose, fileNotice?: Words): DecodedText {
  if (looksBinary(text)) throw new NotTextError(fileName, 'binary', purpose);
  return { text: normalise(text), encoding, ...(fileNotice ? { notice: fileNotice } : {}) };
}

/** A text file a person gave us (season file, CSV list). */
export function readTextFile(path: string): DecodedText {
  return decodeText(readFileSync(path), path);
}

/** A Word file refused as a report, in words that name it. */
const wordRefused = (file: string, said: (name: string) => Words) => new NotTextError(file, 'docx', 'report', said(basename(file)));

/** A file named .docx that cannot be read as one: damaged, or something else renamed. */
const unreadableWord = (file: string) =>
  wordRefused(file, (name) =>
    words(
      `${name} 无法作为 Word 文档读取（文件可能已损坏，或并不是 .docx）。请在 Word 中打开它，另存为“Word 文档（.docx）”后再上传，或把内容直接粘贴到编辑框。`,
      `${name} cannot be read as a Word document (it may be damaged, or not really a .docx). Open it in Word and save it as "Word Document (.docx)", then upload it again, or paste its text into the editor.`,
    ),
  );

/** A Word file that unpacks to far more than any report's text: a damaged file, or one made to do harm. */
const tooLargeWord = (file: string) =>
  wordRefused(file, (name) =>
    words(
      `${name} 解压后超过 ${MAX_UNPACKED_DOCX_BYTES / 1024 / 1024} MB，不像是一份述职报告，未读取。请检查文件，或把正文复制到新的 Word 文档另存后再上传。`,
      `${name} unpacks to more than ${MAX_UNPACKED_DOCX_BYTES / 1024 / 1024} MB, far more than a report, and was not read. Check the file, or copy its text into a new Word document and upload that.`,
    ),
  );

/** A report: a text file in any of the encodings above, or a Word .docx (its text, paragraph by paragraph). */
export async function decodeReportBytes(bytes: Buffer, fileName: string): Promise<DecodedText> {
  if (sniffNotText(bytes) !== 'docx') {
    try {
      return decodeText(bytes, fileName, 'report');
    } catch (error) {
      // Named .docx but neither Word's nor text: said as such, not "save it as .docx".
      if (error instanceof NotTextError && /\.docx$/i.test(fileName)) throw unreadableWord(fileName);
      throw error;
    }
  }
  const unpacked = await unpackedTextBytes(bytes);
  if (unpacked === undefined) throw unreadableWord(fileName);
  if (unpacked > MAX_UNPACKED_DOCX_BYTES) throw tooLargeWord(fileName);
  let raw: string;
  try {
    raw = (await mammoth.extractRawText({ buffer: bytes })).value;
  } catch {
    throw unreadableWord(fileName);
  }
  // mammoth separates paragraphs with a blank line; a report's lines are its paragraphs.
  const text = normalise(raw).replace(/\n\n/g, '\n').trim() + '\n';
  const size = measureReport(text);
  if (!isWithinLimit(size)) {
    const limit = tooLargeMessage(size);
    throw wordRefused(fileName, (name) => words(`${name}：${limit['zh-CN']}`, `${name}: ${limit.en}`));
  }
  return { text, encoding: 'docx' };
}

export function readReportFile(path: string): Promise<DecodedText> {
  return decodeReportBytes(readFileSync(path), path);
}
