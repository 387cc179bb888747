// Dates and counts as pages show them, in the season's time zone.
import { DAY_MS, HOUR_MS, MINUTE_MS } from '../domain/duration';
import { formatInZone } from '../domain/time';
import type { Locale } from '../domain/vocabulary';
import { html } from './html';
import { stateName } from './i18n';

// A page shows the same few dates on hundreds of rows (most reports share the season's due date),
// and formatting one in a zone costs more than rendering its row (bench/README.md, dashboard):
// format each once. Bounded,
// since the web server runs for a whole season.
const formattedDates = new Map<string, string>();
const FORMATTED_DATES_KEPT = 10_000;

export function dateIn(date: Date | null | undefined, timeZone: string): string {
  if (!date) return '—';
  const key = `${timeZone} ${date.getTime()}`;
  let text = formattedDates.get(key);
  if (text === undefined) {
    if (formattedDates.size >= FORMATTED_DATES_KEPT) formattedDates.clear();
    text = formatInZone(date, timeZone);
    formattedDates.set(key, text);
  }
  return text;
}

const SPAN_UNITS = [
  { ms: DAY_MS, zh: '天', en: ['day', 'days'] },
  { ms: HOUR_MS, zh: '小时', en: ['hour', 'hours'] },
  { ms: MINUTE_MS, zh: '分钟', en: ['minute', 'minutes'] },
] as const;
const MINUTES = SPAN_UNITS[2];

/**
 * "还有 5 天" / "还有 3 小时" / "已逾期 2 天": in days, or in hours or minutes under a day, so that
 * a date an hour away never reads "1 day left" and one an hour past never reads "due today".
 * Time left rounds up (a day and a half is 2 days left), time overdue down (1 day overdue).
 */
export function timeLeft(due: Date, locale: Locale, now = new Date()): string {
  const ms = due.getTime() - now.getTime();
  const span = Math.abs(ms);
  const unit = SPAN_UNITS.find((u) => span >= u.ms) ?? MINUTES;
  const count = Math.max(1, ms >= 0 ? Math.ceil(span / unit.ms) : Math.floor(span / unit.ms));
  if (locale === 'zh-CN') return ms >= 0 ? `还有 ${count} ${unit.zh}` : `已逾期 ${count} ${unit.zh}`;
  const words = `${count} ${unit.en[count === 1 ? 0 : 1]}`;
  return ms >= 0 ? `${words} left` : `${words} overdue`;
}

export const stateBadge = (state: string, locale: Locale) => html`<span class="state state-${state}" data-state="${state}">${stateName(state, locale)}</span>`;

/** "标签：内容" / "label: text". */
export const colon = (locale: Locale) => (locale === 'zh-CN' ? '：' : ': ');

export const reportHref = (reportId: string) => `/reports/${encodeURIComponent(reportId)}`;
