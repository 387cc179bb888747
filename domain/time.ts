// Dates in a season's time zone. Workflow-safe (Intl only, no clock reads).

/** The instant a day ends (23:59:59.999) in the given IANA time zone. */
export function zonedEndOfDay(date: string, timeZone: string): Date {
  const [year = NaN, month = NaN, day = NaN] = date.split('-').map(Number);
  const utcGuess = Date.UTC(year, month - 1, day, 23, 59, 59, 999);
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
// and a season has one zone: keep one per zone. The worker loads this module
// once for all its workflows (SHARED_WORKFLOW_MODULES in worker/workflow-bundle.ts); a formatter
// depends only on its zone, so sharing them leaks nothing. Keep no other state here.
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

/** A due date as season files and the CLI write it: a day (ends at midnight in the zone) or an instant. */
export function parseDueDate(text: string, timeZone: string): Date {
  return /^\d{4}-\d{2}-\d{2}$/.test(text) ? zonedEndOfDay(text, timeZone) : new Date(text);
}
