import { formatInZone, zonedEndOfDay } from '../../domain/time';
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
});
