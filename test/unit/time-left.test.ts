// How long until a date, as the to-do list, the step indicator and a report's facts say it.
import { timeLeft } from '../../web/format';

const NOW = new Date('2027-01-10T08:00:00Z');
const from = (ms: number) => new Date(NOW.getTime() + ms);
const MIN = 60_000;
const HOUR = 60 * MIN;
const DAY = 24 * HOUR;

describe('time left to a due date', () => {
  test('days while a day or more is left, a part day counting as a whole one', () => {
    expect(timeLeft(from(5 * DAY), 'zh-CN', NOW)).toBe('还有 5 天');
    expect(timeLeft(from(DAY + HOUR), 'zh-CN', NOW)).toBe('还有 2 天');
    expect(timeLeft(from(DAY), 'en', NOW)).toBe('1 day left');
  });

  test('under a day, hours; under an hour, minutes: an item due in 20 seconds is not "1 day left"', () => {
    expect(timeLeft(from(3 * HOUR), 'zh-CN', NOW)).toBe('还有 3 小时');
    expect(timeLeft(from(90 * MIN), 'en', NOW)).toBe('2 hours left');
    expect(timeLeft(from(20_000), 'zh-CN', NOW)).toBe('还有 1 分钟');
    expect(timeLeft(from(45 * MIN), 'en', NOW)).toBe('45 minutes left');
  });

  test('a date an hour past is overdue, not "due today"', () => {
    expect(timeLeft(from(-HOUR), 'zh-CN', NOW)).toBe('已逾期 1 小时');
    expect(timeLeft(from(-5 * MIN), 'en', NOW)).toBe('5 minutes overdue');
    expect(timeLeft(from(-1), 'zh-CN', NOW)).toBe('已逾期 1 分钟');
  });

  test('overdue days count whole days past', () => {
    expect(timeLeft(from(-DAY - 5 * HOUR), 'zh-CN', NOW)).toBe('已逾期 1 天');
    expect(timeLeft(from(-3 * DAY), 'en', NOW)).toBe('3 days overdue');
  });
});
