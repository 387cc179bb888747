// A bench ratio at N=1,000 counts as the median of three runs; the table shows the three and
// their spread, and the median run's own time and baseline.
import { summarize, type RunResult } from '../../bench/run';

const run = (scenario: string, run: number, timeMs: number, baselineMs: number, n = 1000): RunResult => ({
  database: 'postgresql',
  scenario,
  n,
  run,
  timed: 't',
  baseline: 'b',
  timeMs,
  baselineMs,
  ratio: +(baselineMs / timeMs).toFixed(3),
});

test('three runs count as their median ratio, with every ratio and the spread', () => {
  const rows = summarize([run('season fan-out', 1, 100, 90), run('season fan-out', 2, 100, 130), run('season fan-out', 3, 100, 70)]);
  expect(rows).toEqual([
    { database: 'postgresql', scenario: 'season fan-out', n: 1000, timeMs: 100, baselineMs: 90, ratio: 0.9, ratios: [0.9, 1.3, 0.7], spread: 0.6 },
  ]);
});

test('each scenario and size is summarized apart; one run is its own median', () => {
  const rows = summarize([run('bulk approval', 1, 10, 5), run('bulk approval', 1, 40, 40, 10_000), run('bulk approval', 2, 10, 20)]);
  expect(rows.map((r) => [r.scenario, r.n, r.ratio, r.spread])).toEqual([
    ['bulk approval', 1000, 0.5, 1.5],
    ['bulk approval', 10_000, 1, 0],
  ]);
});
