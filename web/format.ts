// Dates and counts as pages show them, in the season's time zone.
import { formatInZone } from '../domain/time';
import type { Locale } from '../domain/vocabulary';
import { html } from './html';
import { stateName } from './i18n';

const DAY = 86_400_000;

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

/** Whole days from now to the date: negative once it has passed. */
export const daysUntil = (date: Date, now = new Date()) => Math.ceil((date.getTime() - now.getTime()) / DAY);

export const stateBadge = (state: string, locale: Locale) => html`<span class="state state-${state}" data-state="${state}">${stateName(state, locale)}</span>`;

/** "标签：内容" / "label: text". */
export const colon = (locale: Locale) => (locale === 'zh-CN' ? '：' : ': ');

export const reportHref = (reportId: string) => `/reports/${encodeURIComponent(reportId)}`;
