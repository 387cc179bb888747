// Dates in a season's time zone. Workflow-safe (Intl only, no clock reads).

/** The instant a day ends (23:59:59.999) in the given IANA time zone. */
export function zonedEndOfDay(date: string, timeZone: string): Date {
  const [year = NaN, month = NaN, day = NaN] = date.split('-').map(Number);
  return zonedWallTime([year, month, day, 23, 59, 59, 999], timeZone);
}

/** The instant a wall-clock time (year, month 1-12, day, hour, minute, second, ms) has in the zone. */
function zonedWallTime([year, month, day, hour, minute, second, ms]: number[], timeZone: string): Date {
  const utcGuess = Date.UTC(year ?? NaN, (month ?? NaN) - 1, day ?? NaN, hour ?? 0, minute ?? 0, second ?? 0, ms ?? 0);
  return new Date(utcGuess - offsetMinutes(new Date(utcGuess), timeZone) * 60_000);
}

/** How far the zone is ahead of UTC at that instant, in minutes (Asia/Shanghai: 480). */
export function offsetMinutes(at: Date, timeZone: string): number {
  const parts = zoneFormatter(timeZone).formatToParts(at);
  const get = (type: string) => Number(parts.find((p) => p.type === type)?.value);
  const asUtc = Date.UTC(get('year'), get('month') - 1, get('day'), get('hour'), get('minute'), get('second'));
  return Math.round((asUtc - Math.floor(at.getTime() / 1000) * 1000) / 60_000);
}

// Building an Intl.DateTimeFormat costs far more than using one (bench/README.md, dashboard),
// and a season has one zone: keep one per zone. Each workflow loads this module for itself
// (worker/workflow-bundle.ts); a formatter depends only on its zone. Keep no other state here.
// eslint-disable-next-line no-restricted-syntax
const formatters = new Map<string, Intl.DateTimeFormat>();
function zoneFormatter(timeZone: string): Intl.DateTimeFormat {
  let formatter = formatters.get(timeZone);
  if (!formatter) {
    formatter = new Intl.DateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      second: '2-digit',
    });
    formatters.set(timeZone, formatter);
  }
  return formatter;
}

/** "2026-12-31 23:59" in the zone, for mails and pages. */
export function formatInZone(at: Date, timeZone: string): string {
  const local = new Date(at.getTime() + offsetMinutes(at, timeZone) * 60_000);
  return local.toISOString().slice(0, 16).replace('T', ' ');
}

/**
 * A day or a date-time as season files and the CLI write it: 2026-12-31, 2026-12-31T18:00+08:00,
 * or 2026-12-31T18:00 (wall time in the season's zone). `T` may be a space, the offset Z or +0800.
 */
const WRITTEN_DATE = /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(\.\d+)?)?(Z|([+-])(\d{2}):?(\d{2}))?)?$/;

/** Why a written date names no real moment; Date would roll 2027-02-30 over into March instead. */
export type DateFault = { part: 'format' } | { part: 'month' } | { part: 'day'; daysInMonth: number } | { part: 'time' } | { part: 'offset' };

interface WrittenDate {
  /** year, month (1-12), day, hour, minute, second, millisecond */
  wall: number[];
  /** Minutes ahead of UTC as written; undefined when the text gives no offset. */
  offset?: number;
  hasTime: boolean;
}

function readWrittenDate(text: string): WrittenDate | DateFault {
  const match = WRITTEN_DATE.exec(text);
  if (!match) return { part: 'format' };
  const [year = 0, month = 0, day = 0, hour = 0, minute = 0, second = 0] = match.slice(1, 7).map((part) => Number(part ?? 0));
  if (month < 1 || month > 12) return { part: 'month' };
  const daysInMonth = new Date(Date.UTC(year, month, 0)).getUTCDate();
  if (day < 1 || day > daysInMonth) return { part: 'day', daysInMonth };
  if (hour > 23 || minute > 59 || second > 59) return { part: 'time' };
  const [sign, offsetHours, offsetMinutes] = [match[9], Number(match[10] ?? 0), Number(match[11] ?? 0)];
  if (offsetHours > 14 || offsetMinutes > 59) return { part: 'offset' };
  const wall = [year, month, day, hour, minute, second, Math.floor(Number(match[7] ?? 0) * 1000)];
  const offset = match[8] === undefined ? undefined : (sign === '-' ? -1 : 1) * (offsetHours * 60 + offsetMinutes);
  return { wall, offset, hasTime: match[4] !== undefined };
}

/** What is impossible about a written date (a 13th month, a 30 February, 25:00), if anything. */
export function dateFault(text: string): DateFault | undefined {
  const read = readWrittenDate(text);
  return 'part' in read ? read : undefined;
}

/** A due date as season files and the CLI write it: a day (ends at midnight in the zone) or an instant; an impossible one is Invalid Date. */
export function parseDueDate(text: string, timeZone: string): Date {
  const read = readWrittenDate(text);
  if ('part' in read) return new Date(NaN);
  if (!read.hasTime) return zonedWallTime([...read.wall.slice(0, 3), 23, 59, 59, 999], timeZone);
  if (read.offset === undefined) return zonedWallTime(read.wall, timeZone);
  const [year = 0, month = 0, day = 0, hour = 0, minute = 0, second = 0, ms = 0] = read.wall;
  return new Date(Date.UTC(year, month - 1, day, hour, minute, second, ms) - read.offset * 60_000);
}
