// How fast does the admin dashboard render for a big season? Builds an N-branch season in a scratch
// SQLite database (reports spread over every state, a third of them rated), then times the
// dashboard page through the web app (in-process requests) and `season status --json`'s query,
// beside one indexed SELECT of the season's N report rows.
//   node bin/run-ts.js bench/dashboard.ts [--branches 10000] [--runs 20]
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, totalmem, tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Client } from '@temporalio/client';
import { seasonStatus } from '../app/season-commands';
import { openDb } from '../db/client';
import { migrateDatabase } from '../db/migrate';
import { importSeason } from '../db/season-import';
import { createSignInLinks } from '../db/sign-in-links';
import { RATINGS, REPORT_STATES } from '../domain/vocabulary';
import type { Mailer } from '../mail/mailer';
import { buildWebApp } from '../web/server';
import { openSession, SESSION_COOKIE } from '../web/sessions';
import { generatedSeason } from './generated-season';
import { BENCH_AUDIT_KEY } from './audit-key';

const arg = (name: string, fallback: number) => {
  const index = process.argv.indexOf(`--${name}`);
  return index > 0 ? Number(process.argv[index + 1]) : fallback;
};

async function timed(runs: number, work: () => Promise<unknown>) {
  const ms: number[] = [];
  await work(); // warm up
  for (let i = 0; i < runs; i++) {
    const started = process.hrtime.bigint();
    await work();
    ms.push(Number(process.hrtime.bigint() - started) / 1e6);
  }
  ms.sort((a, b) => a - b);
  const at = (q: number) => +(ms[Math.min(ms.length - 1, Math.floor(q * ms.length))] ?? 0).toFixed(1);
  return { p50Ms: at(0.5), p95Ms: at(0.95) };
}

async function main() {
  const branches = arg('branches', 10_000);
  const runs = arg('runs', 20);
  const dir = mkdtempSync(join(tmpdir(), 'shuzhi-bench-dashboard-'));
  const url = `file:${join(dir, 'shuzhi.db')}`;
  await migrateDatabase(url);
  const db = await openDb(url);
  const season = generatedSeason(branches);
  await importSeason(db, season, { email: 'admin@bureau.example', channel: 'system' }, BENCH_AUDIT_KEY);
  const dueAt = new Date(Date.now() - 86_400_000); // every writing report is a day overdue
  const chunk = 500;
  for (let i = 0; i < branches; i += chunk) {
    await db.report.createMany({
      data: season.organization.branches.slice(i, i + chunk).map((branch, j) => {
        const state = REPORT_STATES[(i + j) % REPORT_STATES.length] as string;
        return {
          id: `bench/${branch.id}`,
          seasonId: 'bench',
          branchId: branch.id,
          workflowId: `report/bench/${branch.id}`,
          state,
          secretaryEmail: branch.secretary,
          dueAt,
          submittedAt: (i + j) % 2 ? new Date(Date.now() - ((i + j) % 20) * 86_400_000) : null,
          rating: (i + j) % 3 === 0 ? RATINGS[(i + j) % RATINGS.length] : null,
        };
      }),
    });
  }
  const app = await buildWebApp({
    db,
    temporal: {} as Client, // the dashboard only reads the database
    signInLinks: createSignInLinks(db, 'bench-secret-of-at-least-thirty-two-chars', 3_600_000),
    mailer: { send: async () => undefined, verify: async () => undefined, close: () => undefined } as Mailer,
    publicBaseUrl: 'http://127.0.0.1:3000',
    defaultLocale: 'zh-CN',
  });
  const session = await openSession(db, 'admin@bureau.example');
  // Over real HTTP, as a browser would ask.
  const address = await app.listen({ port: 0, host: '127.0.0.1' });
  const page = async () => {
    const response = await fetch(`${address}/seasons/bench`, { headers: { cookie: `${SESSION_COOKIE}=${session.id}` } });
    await response.text();
    if (response.status !== 200) throw new Error(`dashboard answered ${response.status}`);
  };
  const result = {
    date: new Date().toISOString(),
    machine: { cores: cpus().length, memoryGiB: Math.round(totalmem() / 2 ** 30), node: process.version },
    branches,
    runs,
    dashboardPage: await timed(runs, page),
    seasonStatusJson: await timed(runs, () => seasonStatus(db, 'bench')),
    baselineSelectAllRows: await timed(runs, () => db.report.findMany({ where: { seasonId: 'bench' } })),
  };
  console.log(JSON.stringify(result, null, 2));
  mkdirSync(join(__dirname, 'results'), { recursive: true });
  writeFileSync(join(__dirname, 'results', `dashboard-${branches}-${result.date.replace(/[:.]/g, '-')}.json`), JSON.stringify(result, null, 2) + '\n');
  await app.close();
  await db.$disconnect();
  rmSync(dir, { recursive: true, force: true });
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
