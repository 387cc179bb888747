import { sqlWordList } from '../../db/sql-text';
import { REPORT_STATES } from '../../domain/vocabulary';

describe('plain SQL text', () => {
  test('report states become a list of SQL string literals', () => {
    expect(sqlWordList(['submitted', 'reviewed'])).toBe("'submitted', 'reviewed'");
    expect(() => sqlWordList(REPORT_STATES)).not.toThrow();
  });

  test('anything but a plain word is refused, so nothing can break out of its quotes', () => {
    expect(() => sqlWordList(["x' OR '1'='1"])).toThrow('not a plain word for SQL');
    expect(() => sqlWordList([''])).toThrow('not a plain word for SQL');
  });
});
