// Dates and counts as pages show them, in the season's time zone.
import { formatInZone } from '../domain/time';
import type { Locale } from '../domain/vocabulary';
import { html } from './html';
import { stateName } from './i18n';

const DAY = 86_400_000;

export const dateIn = (date: Date | null | undefined, timeZone: string) => (date ? formatInZone(date, timeZone) : '—');

/** Whole days from now to the date: negative once it has passed. */
export const daysUntil = (date: Date, now = new Date()) => Math.ceil((date.getTime() - now.getTime()) / DAY);

export const stateBadge = (state: string, locale: Locale) => html`<span class="state state-${state}" data-state="${state}">${stateName(state, locale)}</span>`;

export const reportHref = (reportId: string) => `/reports/${encodeURIComponent(reportId)}`;
