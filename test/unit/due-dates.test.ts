// A due date names a day or a moment that exists: Date would roll 2027-02-30 over into March, and a
// season (or an extension typed at the CLI) would quietly end on a day nobody wrote.
import { dateFault, parseDueDate } from '../../domain/time';

const SHANGHAI = 'Asia/Shanghai';
const iso = (text: string, zone = SHANGHAI) => {
  const date = parseDueDate(text, zone);
  return Number.isNaN(date.getTime()) ? 'Invalid Date' : date.toISOString();
};

describe('due dates as people write them', () => {
  test.each([
    ['2027-02-30', { part: 'day', daysInMonth: 28 }],
    ['2027-02-29', { part: 'day', daysInMonth: 28 }],
    ['2027-04-31', { part: 'day', daysInMonth: 30 }],
    ['2027-13-45', { part: 'month' }],
    ['2027-00-10', { part: 'month' }],
    ['2027-01-00', { part: 'day', daysInMonth: 31 }],
    ['2027-02-30T18:00+08:00', { part: 'day', daysInMonth: 28 }],
    ['2027-01-10T24:00Z', { part: 'time' }],
    ['2027-01-10T23:60+08:00', { part: 'time' }],
    ['2027-01-10T18:00+15:00', { part: 'offset' }],
    ['next friday', { part: 'format' }],
  ])('%s names no real moment and is Invalid Date, never a day it rolls over into', (text, fault) => {
    expect(dateFault(text)).toEqual(fault);
    expect(iso(text)).toBe('Invalid Date');
  });

  test('a leap day exists in a leap year', () => {
    expect(dateFault('2028-02-29')).toBeUndefined();
    expect(iso('2028-02-29')).toBe('2028-02-29T15:59:59.999Z');
  });

  test('a date-time with an offset is that instant, in any zone', () => {
    expect(iso('2027-01-10T18:00+08:00', 'Europe/Berlin')).toBe('2027-01-10T10:00:00.000Z');
    expect(iso('2027-01-10T18:00:30.5-05:00')).toBe('2027-01-10T23:00:30.500Z');
    expect(iso('2027-01-10 18:00+0800')).toBe('2027-01-10T10:00:00.000Z');
  });

  test("a date-time without an offset is wall time in the season's zone, not the machine's", () => {
    expect(iso('2027-01-10T18:00')).toBe('2027-01-10T10:00:00.000Z');
    expect(iso('2027-07-10T18:00', 'Europe/Berlin')).toBe('2027-07-10T16:00:00.000Z');
  });
});
