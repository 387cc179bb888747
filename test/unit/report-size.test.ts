// How large a report may be, measured as the databases and payloads see it.
import { isPlainText, isWithinLimit, measureReport, NOT_TEXT_MESSAGE, REPORT_SIZE_LIMIT, tooLargeMessage } from '../../domain/report-limits';

describe("a report's size", () => {
  test('characters are code points; bytes are UTF-8, one to four per character', () => {
    expect(measureReport('')).toEqual({ characters: 0, bytes: 0 });
    expect(measureReport('a\u007f')).toEqual({ characters: 2, bytes: 2 });
    expect(measureReport('\u0080\u07ff')).toEqual({ characters: 2, bytes: 4 });
    expect(measureReport('\u0800党\uffff')).toEqual({ characters: 3, bytes: 9 });
    expect(measureReport('\u{10000}😀')).toEqual({ characters: 2, bytes: 8 });
    const mixed = '述职 report 😀';
    expect(measureReport(mixed)).toEqual({ characters: [...mixed].length, bytes: Buffer.byteLength(mixed, 'utf8') });
  });

  test('a report may have up to 100,000 characters and 256 KB, and not one more of either', () => {
    expect(REPORT_SIZE_LIMIT).toEqual({ characters: 100_000, bytes: 262_144 });
    expect(isWithinLimit({ characters: 100_000, bytes: 262_144 })).toBe(true);
    expect(isWithinLimit({ characters: 100_001, bytes: 1 })).toBe(false);
    expect(isWithinLimit({ characters: 1, bytes: 262_145 })).toBe(false);
  });

  test('a refusal says how large the text is and what the limit is, in both languages, with KB rounded up', () => {
    expect(tooLargeMessage({ characters: 123_456, bytes: 300_001 })).toEqual({
      'zh-CN': '报告过大（123,456 字，293 KB），未保存。报告最多 100,000 字、256 KB，请删减后再保存。',
      en: 'The report is too large (123,456 characters, 293 KB) and was not saved. A report may have at most 100,000 characters and 256 KB; shorten it and save again.',
    });
  });

  test('a text with a NUL character is a binary file, refused with a message in both languages', () => {
    expect(isPlainText('述职报告\n')).toBe(true);
    expect(isPlainText('PK\u0003\u0004\u0000')).toBe(false);
    expect(NOT_TEXT_MESSAGE['zh-CN']).toContain('UTF-8');
    expect(NOT_TEXT_MESSAGE.en).toContain('UTF-8');
  });
});
