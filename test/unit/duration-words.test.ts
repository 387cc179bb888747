// What a mail says about time left or time overdue must be true: cut down, never rounded up.
import { isZeroDuration } from '../../domain/duration';
import { durationInWords } from '../../domain/duration-words';

const MIN = 60_000;
const HOUR = 60 * MIN;
const DAY = 24 * HOUR;

describe('a span of time in words', () => {
  test.each([
    [5 * MIN, '5分钟', '5 minutes'],
    [1 * MIN, '1分钟', '1 minute'],
    [59 * 1000, '不到1分钟', 'less than a minute'],
    [0, '不到1分钟', 'less than a minute'],
    [-5 * MIN, '不到1分钟', 'less than a minute'],
    [59 * MIN + 59 * 1000, '59分钟', '59 minutes'],
    [HOUR, '1小时', '1 hour'],
    [2 * HOUR + 5 * MIN, '2小时5分钟', '2 hours 5 minutes'],
    [12 * HOUR, '12小时', '12 hours'],
    [DAY - 1, '23小时59分钟', '23 hours 59 minutes'],
    [DAY, '1天', '1 day'],
    [DAY + 12 * HOUR + 30 * MIN, '1天12小时', '1 day 12 hours'],
    [3 * DAY + 5 * MIN, '3天', '3 days'],
    [7 * DAY, '7天', '7 days'],
  ])('%d ms reads "%s" / "%s"', (ms, zh, en) => {
    expect(durationInWords(ms, 'zh-CN')).toBe(zh);
    expect(durationInWords(ms, 'en')).toBe(en);
  });
});

describe('a duration of nothing, which no schedule may use', () => {
  test.each(['0d', '00h', '0m', '0s'])('%s is nothing', (text) => {
    expect(isZeroDuration(text)).toBe(true);
  });

  test.each(['10m', '01h', '0h30m'])('%s is not nothing', (text) => {
    expect(isZeroDuration(text)).toBe(false);
  });
});
