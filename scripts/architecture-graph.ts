// Draws the folders' import graph into docs/architecture.md from the code's own imports
// (dependency-cruiser), and with --check fails when the page is stale, a folder graph has a circle,
// or dependency-cruiser finds a circle between files. `npm test` runs it with --check.
import { spawnSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { PROJECT_ROOT } from '../config/env';

const FOLDERS = ['domain', 'config', 'temporal', 'db', 'mail', 'exports', 'workflows', 'activities', 'app', 'client', 'web', 'worker', 'stack', 'scripts'];
const PAGE = join(PROJECT_ROOT, 'docs', 'architecture.md');
const START = '<!-- folder graph: scripts/architecture-graph.ts writes what follows -->';
const END = '<!-- end of folder graph -->';

interface Cruise {
  modules: { source: string; dependencies: { resolved: string; dependencyTypes: string[] }[] }[];
  summary: { violations: { rule: { name: string }; from: string; to: string; cycle?: { name: string }[] }[] };
}

function cruise(): Cruise {
  const run = spawnSync(
    process.execPath,
    ['node_modules/dependency-cruiser/bin/dependency-cruise.mjs', '--config', '.dependency-cruiser.cjs', '--output-type', 'json', ...FOLDERS],
    {
      cwd: PROJECT_ROOT,
      encoding: 'utf8',
      maxBuffer: 64 * 1024 * 1024,
    },
  );
  if (!run.stdout) throw new Error(`dependency-cruiser failed: ${run.stderr}`);
  return JSON.parse(run.stdout) as Cruise;
}

const folderOf = (path: string) => path.split('/')[0] as string;

/** Folder → folders it imports (type-only imports drawn dashed). */
function folderEdges(result: Cruise): Map<string, 'value' | 'type'> {
  const edges = new Map<string, 'value' | 'type'>();
  for (const module of result.modules) {
    const from = folderOf(module.source);
    if (!FOLDERS.includes(from)) continue;
    for (const dependency of module.dependencies) {
      const to = folderOf(dependency.resolved);
      if (to === from || !FOLDERS.includes(to)) continue;
      const kind = dependency.dependencyTypes.includes('type-only') ? 'type' : 'value';
      const key = `${from} ${to}`;
      if (edges.get(key) !== 'value') edges.set(key, kind);
    }
  }
  return edges;
}

/** Pairs of folders that reach each other: a circle between folders. */
function folderCircles(edges: Map<string, unknown>): string[] {
  const next = (from: string) => [...edges.keys()].filter((k) => k.startsWith(`${from} `)).map((k) => k.split(' ')[1] as string);
  const reaches = (from: string, to: string, seen = new Set<string>()): boolean =>
    next(from).some((n) => n === to || (!seen.has(n) && (seen.add(n), reaches(n, to, seen))));
  return [...edges.keys()].filter((k) => {
    const [from, to] = k.split(' ') as [string, string];
    return reaches(to, from);
  });
}

function mermaid(edges: Map<string, 'value' | 'type'>): string {
  const lines = [...edges.entries()]
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([key, kind]) => {
      const [from, to] = key.split(' ');
      return `  ${from} ${kind === 'type' ? '-.->|types|' : '-->'} ${to}`;
    });
  return ['```mermaid', 'graph TD', ...lines, '```'].join('\n');
}

function main() {
  const result = cruise();
  const problems = result.summary.violations.map((v) => `${v.rule.name}: ${v.from} → ${v.to}${v.cycle ? ` (${v.cycle.map((c) => c.name).join(' → ')})` : ''}`);
  const edges = folderEdges(result);
  problems.push(...folderCircles(edges).map((edge) => `folder circle: ${edge.replace(' ', ' → ')} and back`));
  const page = readFileSync(PAGE, 'utf8');
  const [before, rest] = page.split(START);
  const after = rest?.split(END)[1];
  if (before === undefined || after === undefined) throw new Error(`${PAGE} lacks the graph's markers`);
  const drawn = `${before}${START}\n${mermaid(edges)}\n${END}${after}`;
  if (process.argv.includes('--check')) {
    if (drawn !== page) problems.push('docs/architecture.md is stale: run `npm run arch:graph` and commit it');
  } else writeFileSync(PAGE, drawn);
  for (const problem of problems) console.error(problem);
  console.log(problems.length ? `architecture: ${problems.length} problem(s)` : `architecture: ${edges.size} folder arrows, no circle`);
  process.exit(problems.length ? 1 : 0);
}

main();
