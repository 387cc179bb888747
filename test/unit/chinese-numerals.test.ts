// Numbers as reports write them in Chinese (发展党员三名, 党费五万元): what counts as one, and what
// is refused rather than read as a wrong figure.
import { parseChineseNumber } from '../../domain/chinese-numerals';

describe('a Chinese numeral with 万', () => {
  test.each([
    ['五万', 50_000],
    ['十二万', 120_000],
  ])('%s, with nothing after the 万, is %d', (text, value) => {
    expect(parseChineseNumber(text)).toBe(value);
  });

  test('a 万 followed by digits that form no number is no number, not a figure with a hole in it', () => {
    expect(parseChineseNumber('五万三三')).toBeUndefined();
  });
});

describe('what is not a Chinese numeral', () => {
  test.each([
    ['三〇', 'a digit before a zero, as in a year'],
    ['三十五百', 'a smaller place before a larger one'],
    ['三百五百', 'the same place twice'],
    ['一百十', 'a ten after a hundred without its digit (一百一十 is written)'],
    ['三个', 'a character that is neither digit nor place'],
  ])('%s: %s', (text) => {
    expect(parseChineseNumber(text)).toBeUndefined();
  });
});
