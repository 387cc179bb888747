// Numbers as reports write them in Chinese: 三, 两, 十二, 一百零五, 五万二千三百六十. Pure.

const DIGITS: Record<string, number> = { 零: 0, 〇: 0, 一: 1, 二: 2, 两: 2, 三: 3, 四: 4, 五: 5, 六: 6, 七: 7, 八: 8, 九: 9 };
const PLACES: Record<string, number> = { 十: 10, 百: 100, 千: 1000 };

export const CHINESE_NUMERAL_CHARS = '零〇一二两三四五六七八九十百千万';

/** The value of a Chinese numeral, or undefined when the characters do not form one (二〇二六, 一一). */
export function parseChineseNumber(text: string): number | undefined {
  const parts = text.split('万');
  if (parts.length > 2) return undefined;
  const [high = '', low] = parts;
  if (low === undefined) return belowTenThousand(high, 1);
  const myriads = belowTenThousand(high, 1);
  const rest = low === '' ? 0 : belowTenThousand(low, 1000);
  return myriads === undefined || rest === undefined ? undefined : myriads * 10_000 + rest;
}

/**
 * 0–9999 from characters like 三百五十六. A lone digit after a place counts a tenth of it, as
 * people say 三百五 for 350 and 一万五 for 15,000; `impliedPlace` is that place when there is none.
 */
function belowTenThousand(text: string, impliedPlace: number): number | undefined {
  if (text === '') return undefined;
  let total = 0;
  let digit: number | undefined;
  let lastPlace = 10_000;
  let afterZero = false;
  for (const char of text) {
    const value = DIGITS[char];
    if (value === 0) {
      if (digit !== undefined) return undefined;
      afterZero = true;
    } else if (value !== undefined) {
      if (digit !== undefined) return undefined;
      digit = value;
    } else {
      const place = PLACES[char];
      if (place === undefined || place >= lastPlace) return undefined;
      // 十二 is twelve: a leading 十 needs no digit.
      const times = digit ?? (place === 10 && total === 0 ? 1 : undefined);
      if (times === undefined) return undefined;
      total += times * place;
      digit = undefined;
      lastPlace = place;
      afterZero = false;
    }
  }
  if (digit === undefined) return total;
  if (afterZero || lastPlace === 10) return total + digit;
  return total + digit * (lastPlace === 10_000 ? impliedPlace : lastPlace / 10);
}
