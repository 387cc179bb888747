import { dateFault, formatInZone, offsetMinutes, parseDueDate, zonedEndOfDay } from '../../domain/time';
import { dateIn } from '../../web/format';

describe('season time', () => {
  test('a due date ends at midnight in the season time zone', () => {
    expect(zonedEndOfDay('2026-12-31', 'Asia/Shanghai').toISOString()).toBe('2026-12-31T15:59:59.999Z');
    expect(zonedEndOfDay('2026-07-01', 'Europe/Berlin').toISOString()).toBe('2026-07-01T21:59:59.999Z');
  });

  test('dates are shown in the season time zone', () => {
    expect(formatInZone(new Date('2026-12-31T15:59:59.999Z'), 'Asia/Shanghai')).toBe('2026-12-31 23:59');
  });

  test('a page shows the same instant in each season time zone it is asked for, and a missing date as a dash', () => {
    const at = new Date('2026-12-31T15:59:59.999Z');
    expect(dateIn(at, 'Asia/Shanghai')).toBe('2026-12-31 23:59');
    expect(dateIn(new Date(at.getTime()), 'Europe/Berlin')).toBe('2026-12-31 16:59');
    expect(dateIn(at, 'Asia/Shanghai')).toBe('2026-12-31 23:59');
    expect(dateIn(null, 'Asia/Shanghai')).toBe('—');
  });

  test('a zone is ahead of UTC by its offset at that instant, summer time included', () => {
    expect(offsetMinutes(new Date('2026-12-31T15:59:59.999Z'), 'Asia/Shanghai')).toBe(480);
    expect(offsetMinutes(new Date('2026-01-15T12:00:00.000Z'), 'Europe/Berlin')).toBe(60);
    expect(offsetMinutes(new Date('2026-07-15T12:00:00.000Z'), 'Europe/Berlin')).toBe(120);
    expect(offsetMinutes(new Date('2026-07-15T12:00:00.000Z'), 'America/New_York')).toBe(-240);
    expect(offsetMinutes(new Date('2026-07-15T12:00:00.999Z'), 'Asia/Kolkata')).toBe(330);
  });

  test('a due date is a day, ending at midnight in the zone, or an instant as written', () => {
    expect(parseDueDate('2026-12-31', 'Asia/Shanghai').toISOString()).toBe('2026-12-31T15:59:59.999Z');
    expect(parseDueDate('2026-12-31T18:00+08:00', 'Europe/Berlin').toISOString()).toBe('2026-12-31T10:00:00.000Z');
    expect(parseDueDate('2026-12-31T18:00:00Z', 'Asia/Shanghai').toISOString()).toBe('2026-12-31T18:00:00.000Z');
  });

  test('a day ends in its own zone on a day when summer time begins', () => {
    expect(zonedEndOfDay('2026-03-29', 'Europe/Berlin').toISOString()).toBe('2026-03-29T21:59:59.999Z');
    expect(formatInZone(new Date('2026-03-29T21:59:59.999Z'), 'Europe/Berlin')).toBe('2026-03-29 23:59');
  });

  test("a zone's clock is built once and used for every later time in that zone", () => {
    const built = jest.spyOn(Intl, 'DateTimeFormat');
    try {
      offsetMinutes(new Date('2026-07-15T12:00:00.000Z'), 'Pacific/Auckland');
      formatInZone(new Date('2026-12-31T15:59:59.999Z'), 'Pacific/Auckland');
      zonedEndOfDay('2026-12-31', 'Pacific/Auckland');
      expect(built.mock.calls.filter(([, options]) => options?.timeZone === 'Pacific/Auckland')).toHaveLength(1);
    } finally {
      built.mockRestore();
    }
  });
});

describe('a date as season files and the CLI write it', () => {
  test('the last second of a day, and offsets up to 14 hours and 59 minutes, are real moments', () => {
    expect(dateFault('2026-12-31T23:59:59')).toBeUndefined();
    expect(dateFault('2026-12-31T18:00+14:00')).toBeUndefined();
    expect(dateFault('2026-12-31T18:00-03:59')).toBeUndefined();
  });

  test('a 60th second and a 60th minute of offset are not', () => {
    expect(dateFault('2026-12-31T18:00:60')).toEqual({ part: 'time' });
    expect(dateFault('2026-12-31T18:00+05:60')).toEqual({ part: 'offset' });
  });

  test('a date with words before or after it is no date', () => {
    expect(dateFault('by 2026-12-31')).toEqual({ part: 'format' });
    expect(dateFault('2026-12-31 noon')).toEqual({ part: 'format' });
  });

  test('an offset counts its minutes with its hours, and fractions of a second are kept to the millisecond', () => {
    expect(parseDueDate('2026-12-31T18:00+05:30', 'Asia/Shanghai').toISOString()).toBe('2026-12-31T12:30:00.000Z');
    expect(parseDueDate('2026-12-31T18:00-03:30', 'Asia/Shanghai').toISOString()).toBe('2026-12-31T21:30:00.000Z');
    expect(parseDueDate('2026-12-31T18:00:00.250Z', 'Asia/Shanghai').toISOString()).toBe('2026-12-31T18:00:00.250Z');
  });
});
