// Files as offices save them: Excel and Notepad on Chinese Windows, Word, and things that are not text.
import iconv from 'iconv-lite';
import JSZip from 'jszip';
import { Document, Packer, Paragraph } from 'docx';
import { decodeReportBytes, decodeText, NotTextError } from '../../app/text-file';

const TEXT = '一、主要工作\r\n发展预备党员3人，支部书记张三。\r\n';
const LF_TEXT = TEXT.replace(/\r\n/g, '\n');

function notText(bytes: Buffer, name = 'x.txt', purpose?: 'text' | 'report'): NotTextError {
  try {
    decodeText(bytes, name, purpose);
  } catch (error) {
    if (error instanceof NotTextError) return error;
    throw error;
  }
  throw new Error('decoded as text');
}

describe('reading a file a person gives us', () => {
  test('UTF-8 is read as it is, with line ends made LF and no notice', () => {
    expect(decodeText(Buffer.from(TEXT, 'utf8'), 'a.txt')).toEqual({ text: LF_TEXT, encoding: 'utf-8' });
  });

  test('a UTF-8 BOM is dropped', () => {
    expect(decodeText(Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(TEXT)]), 'a.txt')).toEqual({ text: LF_TEXT, encoding: 'utf-8' });
  });

  test.each([
    ['utf-16le', Buffer.concat([Buffer.from([0xff, 0xfe]), iconv.encode(TEXT, 'utf-16le')])],
    ['utf-16be', Buffer.concat([Buffer.from([0xfe, 0xff]), iconv.encode(TEXT, 'utf-16be')])],
  ])('%s with its BOM is read, with a notice naming UTF-16', (encoding, bytes) => {
    const decoded = decodeText(bytes, 'list.csv');
    expect(decoded.text).toBe(LF_TEXT);
    expect(decoded.encoding).toBe(encoding);
    expect(decoded.notice?.['zh-CN']).toBe('list.csv 按 UTF-16 编码读取；建议另存为 UTF-8。');
  });

  test('a GBK file from Excel is read as GB18030, with a notice naming it', () => {
    const decoded = decodeText(iconv.encode(TEXT, 'gbk'), 'people.csv');
    expect(decoded.text).toBe(LF_TEXT);
    expect(decoded.encoding).toBe('gb18030');
    expect(decoded.notice?.en).toBe('people.csv was read as GB18030 (GBK); saving it as UTF-8 is recommended.');
  });

  test.each([
    ['a PDF', Buffer.from('%PDF-1.7\n%âãÏÓ\n'), 'pdf'],
    ['a PNG image', Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0]), 'image'],
    ['an old .doc', Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]), 'old-office'],
    ['bytes with NULs', Buffer.from([0x41, 0x00, 0x42, 0x00, 0x07, 0x01]), 'binary'],
    ['random bytes', Buffer.from(Array.from({ length: 256 }, (_, i) => (i * 97 + 13) % 256)), 'binary'],
  ])('%s is named, not read as text', (_, bytes, kind) => {
    expect(notText(bytes).kind).toBe(kind);
  });

  test('the error names the file, what it is and what to do, in both languages', () => {
    const error = notText(Buffer.from('%PDF-1.4'), '/home/a/season.yaml');
    expect(error.words['zh-CN']).toBe('season.yaml 是PDF 文件，不是文本文件。请用文本编辑器另存为 UTF-8 文本文件后再试。');
    expect(error.words.en).toBe('season.yaml is a PDF file, not a text file. Save it as a UTF-8 text file in a text editor and try again.');
    expect(notText(Buffer.from('%PDF-1.4'), 'people.csv').words['zh-CN']).toBe(
      'people.csv 是PDF 文件，不是文本文件。请在 Excel 中另存为“CSV UTF-8（逗号分隔）”后再试。',
    );
  });

  test('an Excel workbook and a plain zip are told apart from a Word document', async () => {
    const xlsx = new JSZip();
    xlsx.file('xl/workbook.xml', '<workbook/>');
    expect(notText(await xlsx.generateAsync({ type: 'nodebuffer' })).kind).toBe('xlsx');
    const zip = new JSZip();
    zip.file('notes.txt', 'hello');
    expect(notText(await zip.generateAsync({ type: 'nodebuffer' })).kind).toBe('zip');
  });

  test('a Word report is read paragraph by paragraph; as a season file it is refused', async () => {
    const doc = new Document({ sections: [{ children: [new Paragraph('一、主要工作'), new Paragraph('发展预备党员3人。')] }] });
    const bytes = await Packer.toBuffer(doc);
    expect(await decodeReportBytes(bytes, 'r.docx')).toEqual({ text: '一、主要工作\n发展预备党员3人。\n', encoding: 'docx' });
    expect(notText(bytes, 'season.yaml').kind).toBe('docx');
  });

  test('a report that is not text says to save it as Word or text', async () => {
    await expect(decodeReportBytes(Buffer.from('%PDF-1.4'), 'r.pdf')).rejects.toMatchObject({
      words: { 'zh-CN': 'r.pdf 是PDF 文件，不是文本文件。请另存为 Word 文档（.docx）或 UTF-8 文本文件后再试。' },
    });
  });

  test('a file named .docx that Word cannot have written is said to be unreadable as Word, whatever is inside', async () => {
    const unreadable = 'cannot be read as a Word document (it may be damaged, or not really a .docx)';
    for (const bytes of [
      Buffer.from([0, 1, 2, 200, 255]),
      Buffer.from('%PDF-1.4'),
      Buffer.from([0x50, 0x4b, 0x03, 0x04, 1, 2, 3, 0x77, 0x6f, 0x72, 0x64, 0x2f]),
    ]) {
      await expect(decodeReportBytes(bytes, '述职.docx')).rejects.toMatchObject({
        message: `述职.docx ${unreadable}. Open it in Word and save it as "Word Document (.docx)", then upload it again, or paste its text into the editor.`,
      });
    }
    // The same bytes under another name are named for what they are.
    await expect(decodeReportBytes(Buffer.from([0, 1, 2, 200, 255]), 'r.txt')).rejects.toMatchObject({
      words: { en: expect.stringContaining('r.txt is a binary file') },
    });
  });

  test('a small .docx that unpacks to more than 40 MB is refused before it is read', async () => {
    const doc = await JSZip.loadAsync(await Packer.toBuffer(new Document({ sections: [{ children: [new Paragraph('一、主要工作')] }] })));
    // Word's own text part, padded with 41 MB of one character: a few hundred KB once packed.
    const xml = await doc.file('word/document.xml')?.async('string');
    doc.file('word/document.xml', (xml ?? '').replace('</w:body>', `<!--${'a'.repeat(41 * 1024 * 1024)}--></w:body>`));
    const bomb = await doc.generateAsync({ type: 'nodebuffer', compression: 'DEFLATE', compressionOptions: { level: 9 } });
    expect(bomb.length).toBeLessThan(1024 * 1024);
    await expect(decodeReportBytes(bomb, '述职.docx')).rejects.toMatchObject({
      words: { 'zh-CN': expect.stringContaining('述职.docx 解压后超过 40 MB，不像是一份述职报告，未读取') },
    });
  });

  test('a Word report longer than any report may be is refused with the limit, not handed to the editor', async () => {
    const long = new Paragraph('党'.repeat(100_001));
    const bytes = await Packer.toBuffer(new Document({ sections: [{ children: [long] }] }));
    await expect(decodeReportBytes(bytes, '述职.docx')).rejects.toMatchObject({
      words: { 'zh-CN': expect.stringMatching(/^述职\.docx：报告过大（100,002 字/) },
    });
  });
});
