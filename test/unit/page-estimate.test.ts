// The Word compilation's page estimate: 28 characters of 三号 to a 156 mm line, 22 lines to a page,
// Chinese line-breaking rules, and headings kept with what follows them.
import { LINES_PER_PAGE, measured, TEXT_WIDTH_PT } from '../../exports/official-layout';
import { linesOf, pagesOf } from '../../exports/page-estimate';

const lines = (text: string) => linesOf(measured('body', text), TEXT_WIDTH_PT);
const chars = (n: number) => '党'.repeat(n);

describe('the page estimate', () => {
  test('a line holds 28 characters of 三号, the first 26 after its two-character indent', () => {
    expect(LINES_PER_PAGE).toBe(22);
    expect([lines(chars(26)), lines(chars(27)), lines(chars(26 + 28)), lines(chars(26 + 29))]).toEqual([1, 2, 2, 3]);
    expect(linesOf(measured('plain', chars(28)), TEXT_WIDTH_PT)).toBe(1);
    expect(linesOf(measured('plain', chars(29)), TEXT_WIDTH_PT)).toBe(2);
  });

  test('a full stop or comma that does not fit hangs at the end of the line instead of starting the next', () => {
    expect([lines(`${chars(26)}。`), lines(`${chars(26)}，${chars(1)}`)]).toEqual([1, 2]);
  });

  test('an opening quotation mark goes down to the next line with the word it opens', () => {
    expect(lines(`${chars(25)}“${chars(28)}`)).toBe(3);
    expect(lines(`${chars(25)}党${chars(28)}`)).toBe(2);
  });

  test('digits and Latin letters are half as wide, and a number is not broken across lines', () => {
    expect(lines(`${chars(24)}2026`)).toBe(1);
    expect(lines(`${chars(25)}2026`)).toBe(2);
    expect(lines(`${chars(25)}52,360${chars(26)}`)).toBe(3);
  });

  test('22 lines fill a page; a heading at its foot goes to the next page with the first line after it', () => {
    const body = (n: number) => Array.from({ length: n }, () => measured('body', chars(10)));
    const pages = (...paragraphs: ReturnType<typeof measured>[]) => pagesOf(paragraphs, TEXT_WIDTH_PT, LINES_PER_PAGE);
    expect([pages(...body(22)), pages(...body(23))]).toEqual([1, 2]);
    expect(pages(...body(20), measured('first', '一、主要工作'), ...body(1))).toBe(1);
    expect(pages(...body(21), measured('first', '一、主要工作'), ...body(1))).toBe(2);
    expect(pages(...body(20), measured('first', '一、主要工作'), measured('second', '（一）强化政治引领'), ...body(1))).toBe(2);
  });
});
