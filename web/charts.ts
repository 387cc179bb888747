// Small inline SVG charts: no script, no build step, rendered with the page.
import { html } from './html';

/** A step line of cumulative counts per day. */
export function cumulativeChart(series: { label: string; className: string; days: Map<string, number> }[], total: number) {
  const allDays = [...new Set(series.flatMap((s) => [...s.days.keys()]))].sort();
  if (!allDays.length) return html`<p class="muted">—</p>`;
  const width = 480;
  const height = 160;
  const x = (i: number) => (allDays.length === 1 ? width / 2 : (i / (allDays.length - 1)) * (width - 40) + 30);
  const y = (n: number) => height - 20 - (total ? n / total : 0) * (height - 40);
  const lines = series.map((s) => {
    let running = 0;
    const points = allDays.map((day, i) => {
      running += s.days.get(day) ?? 0;
      return [x(i).toFixed(1), y(running).toFixed(1)] as const;
    });
    return html`<polyline class="${s.className}" fill="none" stroke-width="2" points="${points.map((p) => p.join(',')).join(' ')}"><title>${s.label}: ${running}</title></polyline>
      ${points.map(([px, py]) => html`<circle class="${s.className}" cx="${px}" cy="${py}" r="3"></circle>`)}`;
  });
  return html`<svg class="chart" viewBox="0 0 ${width} ${height}" role="img" data-testid="progress-chart">
    <line x1="30" y1="${height - 20}" x2="${width - 10}" y2="${height - 20}" stroke="#999"/>
    <text x="30" y="${height - 4}" font-size="10">${allDays[0]}</text>
    <text x="${width - 10}" y="${height - 4}" font-size="10" text-anchor="end">${allDays.at(-1)}</text>
    <text x="2" y="${y(total) + 4}" font-size="10">${total}</text>
    ${lines}
  </svg>
  <p class="legend">${series.map((s) => html`<span class="${s.className}">■ ${s.label}</span> `)}</p>`;
}

/** Horizontal bars, one per label. */
export function barChart(bars: { label: string; value: number }[], testId: string) {
  const max = Math.max(1, ...bars.map((b) => b.value));
  const rowHeight = 22;
  return html`<svg class="chart" viewBox="0 0 480 ${bars.length * rowHeight + 4}" role="img" data-testid="${testId}">
    ${bars.map(
      (b, i) => html`<g transform="translate(0 ${i * rowHeight})">
        <text x="0" y="15" font-size="12">${b.label}</text>
        <rect x="110" y="3" height="16" width="${((b.value / max) * 320).toFixed(1)}" class="bar"></rect>
        <text x="${(115 + (b.value / max) * 320).toFixed(1)}" y="15" font-size="12" data-bar="${b.label}">${b.value}</text>
      </g>`,
    )}
  </svg>`;
}
