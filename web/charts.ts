// Charts rendered with the page, no script and no library: every word and number is HTML text
// (readable at any width, never shrunk with a drawing), and the numbers behind each chart are a
// table a screen reader reads. Only the lines of the progress chart are SVG, and it hides itself
// from assistive technology, since its caption and table say all it shows.
import { html, type Html } from './html';
import type { Translate } from './i18n';

/** Horizontal bars as a table: label, bar, value; the table is its own text alternative. */
export function barChart(bars: { label: string; value: number; state?: string }[], testId: string): Html {
  const max = Math.max(1, ...bars.map((b) => b.value));
  return html`<table class="bars" data-testid="${testId}"><tbody>${bars.map(
    (b) => html`<tr${b.state ? html` data-state="${b.state}"` : ''}><th scope="row">${b.label}</th>
      <td class="bar-cell">${bar(b.value / max)}</td>
      <td class="num" data-bar="${b.label}">${b.value}</td></tr>`,
  )}</tbody></table>`;
}

/**
 * One bar, drawn as SVG: its length is an attribute, not a style, so the pages' Content Security
 * Policy needs no inline styles. A value above zero shows at least a sliver.
 */
function bar(share: number): Html {
  const length = share > 0 ? Math.max(share * 100, 0.5) : 0;
  return html`<svg class="bar" viewBox="0 0 100 1" preserveAspectRatio="none" aria-hidden="true" focusable="false"><rect width="${length.toFixed(1)}" height="1"></rect></svg>`;
}

interface Series {
  label: string;
  className: string;
  /** Reports on each day, by UTC day (YYYY-MM-DD). */
  days: Map<string, number>;
}

/** Days drawn at most: a season runs for weeks or months, never years. */
const MAX_DAYS = 400;
const DAY_MS = 86_400_000;
const WIDTH = 300;
const HEIGHT = 100;

/**
 * Running totals over the days from the first report to the last, out of `total`: one line per
 * series from 0 at the start of the first day to its total at the end of the last, so even a
 * single busy day draws a line. Below it the legend with each total, and the figures by day.
 */
export function cumulativeChart(series: Series[], total: number, t: Translate): Html {
  const days = dayRange(series.flatMap((s) => [...s.days.keys()]));
  if (!days.length) return html`<p class="muted" data-testid="progress-chart">${t('nothingHere')}</p>`;
  const y = (n: number) => (HEIGHT - (total ? Math.min(n / total, 1) : 0) * HEIGHT).toFixed(1);
  const x = (boundary: number) => ((boundary / days.length) * WIDTH).toFixed(1);
  const runs = series.map((s) => ({ ...s, running: runningTotals(days, s.days) }));
  return html`<figure class="line-chart" data-testid="progress-chart">
    <div class="plot">
      <span class="y-top">${total}</span><span class="y-bottom">0</span>
      <svg viewBox="0 0 ${WIDTH} ${HEIGHT}" preserveAspectRatio="none" aria-hidden="true" focusable="false">
        ${runs.map((s) => html`<polyline class="${s.className}" fill="none" vector-effect="non-scaling-stroke" points="${[0, ...s.running].map((n, i) => `${x(i)},${y(n)}`).join(' ')}"></polyline>`)}
      </svg>
      <span class="x-first">${days[0]}</span>${days.length > 1 ? html`<span class="x-last">${days.at(-1)}</span>` : ''}
    </div>
    <figcaption class="legend">${runs.map((s) => html`<span class="${s.className}"><span class="key" aria-hidden="true"></span>${s.label}: ${s.running.at(-1) ?? 0} / ${total}</span> `)}</figcaption>
    <details><summary>${t('chartFigures')}</summary>
      <table class="figures-by-day"><thead><tr><th>${t('day')}</th>${runs.map((s) => html`<th>${s.label}</th>`)}</tr></thead><tbody>
      ${days.flatMap((day, i) =>
        runs.some((s) => s.days.has(day)) ? [html`<tr><td>${day}</td>${runs.map((s) => html`<td class="num">${s.running[i] ?? 0}</td>`)}</tr>`] : [],
      )}</tbody></table>
    </details>
  </figure>`;
}

/** Every day from the earliest to the latest given, so the line's slope follows time. */
function dayRange(keys: string[]): string[] {
  if (!keys.length) return [];
  const sorted = [...new Set(keys)].sort();
  const first = Date.parse(`${sorted[0]}T00:00:00Z`);
  const last = Date.parse(`${sorted.at(-1)}T00:00:00Z`);
  if (Number.isNaN(first) || Number.isNaN(last)) return sorted;
  const count = Math.round((last - first) / DAY_MS) + 1;
  if (count > MAX_DAYS) return sorted;
  return Array.from({ length: count }, (_, i) => new Date(first + i * DAY_MS).toISOString().slice(0, 10));
}

/** The running total at the end of each day. */
function runningTotals(days: string[], counts: Map<string, number>): number[] {
  let running = 0;
  return days.map((day) => (running += counts.get(day) ?? 0));
}
