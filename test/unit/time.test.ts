import { formatInZone, zonedEndOfDay } from '../../domain/time';

describe('season time', () => {
  test('a due date ends at midnight in the season time zone', () => {
    expect(zonedEndOfDay('2026-12-31', 'Asia/Shanghai').toISOString()).toBe('2026-12-31T15:59:59.999Z');
    expect(zonedEndOfDay('2026-07-01', 'Europe/Berlin').toISOString()).toBe('2026-07-01T21:59:59.999Z');
  });

  test('dates are shown in the season time zone', () => {
    expect(formatInZone(new Date('2026-12-31T15:59:59.999Z'), 'Asia/Shanghai')).toBe('2026-12-31 23:59');
  });
});
