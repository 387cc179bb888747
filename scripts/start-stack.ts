// `npm start`: the embedded stack (Temporal dev server, SMTP capture server, worker) as child
// processes this script owns and watches (stack/supervisor.ts), then a demo season. Ctrl-C stops
// everything it started.
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { markDemoStack } from '../config/demo-stack';
import { loadConfig, PROJECT_ROOT } from '../config/env';
import { loadAuditKeyring } from '../config/secret';
import { openDb } from '../db/client';
import { dropPostgresDatabases, ensurePostgresDatabase } from '../db/postgres-databases';
import { migrateDatabase, redact } from '../db/migrate';
import { importSeason } from '../db/season-import';
import { startCaptureServer } from '../mail/capture-server';
import { loadSeasonFile } from '../app/season-file-loader';
import { startSeason, waitForFanOut } from '../app/season-commands';
import { connectTemporal } from '../app/temporal';
import { startOwnedProcess } from '../stack/child-process';
import { createSupervisor } from '../stack/supervisor';
import { workerNodeArgs, workerProcessEnv } from '../stack/worker-node-args';
import { startTemporalDevServer } from '../stack/temporal-dev-server';
import { CLUSTER_SERVICES, startTemporalCluster } from '../stack/temporal-cluster';
import { readToolPaths } from '../stack/tool-paths';

const DEMO_FILE = join(PROJECT_ROOT, 'examples', 'demo-season.yaml');
/** The embedded stack's build name, whatever its workflow code. */
const EMBEDDED_BUILD_ID = 'embedded';

/** `npm start -- --cluster`: Temporal's own server on PostgreSQL (stack/temporal-cluster.ts) and two workers. */
const CLUSTER = process.argv.includes('--cluster');

/** The cluster's tools, built by the bootstrap with --cluster the first time they are asked for. */
function clusterTools() {
  let paths = readToolPaths('stack');
  if (!paths.temporalCluster || !paths.postgres?.available) {
    const bootstrap = spawnSync(process.execPath, [join(PROJECT_ROOT, 'scripts', 'bootstrap.mjs'), '--cluster'], { stdio: 'inherit' });
    if (bootstrap.status !== 0) throw new Error('the bootstrap could not provide the cluster (see above)');
    paths = readToolPaths('stack');
  }
  if (!paths.temporalCluster) throw new Error('the bootstrap did not build the Temporal server');
  return paths.temporalCluster;
}

/**
 * Two workers write the record at once, and on one SQLite file they time out each other's
 * transactions: the cluster's application database is PostgreSQL. Unless DATABASE_URL names one,
 * the stack keeps its own databases on the bootstrap's server, named after its data folder and
 * belonging to it: a new data folder (the old one deleted, to start over) starts with new ones.
 */
async function clusterDatabaseUrl(dataDir: string): Promise<string> {
  const given = process.env.DATABASE_URL;
  if (given && !given.startsWith('file:')) return given;
  if (given) throw new Error('the cluster runs two workers, which need PostgreSQL: set DATABASE_URL=postgresql://…, or leave it unset');
  clusterTools(); // the bootstrap makes PostgreSQL available with the cluster's tools
  const names = clusterDatabaseNames(dataDir);
  const marker = join(dataDir, 'cluster-databases');
  if (!existsSync(marker)) {
    await dropPostgresDatabases(postgresUrl(), [names.app, names.temporal, `${names.temporal}_visibility`]);
    mkdirSync(dataDir, { recursive: true });
    writeFileSync(marker, `PostgreSQL databases of this data folder's cluster stack: ${names.app}, ${names.temporal}, ${names.temporal}_visibility\n`);
  }
  return ensurePostgresDatabase(postgresUrl(), names.app);
}

const clusterDatabaseNames = (dataDir: string) => {
  const tag = createHash('sha256').update(resolve(dataDir)).digest('hex').slice(0, 8);
  return { app: `shuzhi_${tag}`, temporal: `shuzhi_temporal_${tag}` };
};

function postgresUrl(): string {
  const postgres = readToolPaths('stack').postgres;
  if (!postgres?.available) throw new Error(`the cluster needs PostgreSQL: ${postgres?.reason ?? 'not set up'}`);
  return postgres.url;
}

async function main() {
  if (CLUSTER) process.env.DATABASE_URL = await clusterDatabaseUrl(loadConfig().SHUZHI_DATA_DIR);
  const config = loadConfig();
  const dataDir = config.SHUZHI_DATA_DIR;
  mkdirSync(join(dataDir, 'logs'), { recursive: true });
  markDemoStack(dataDir);
  const closers: (() => Promise<void>)[] = [];
  let stopping: Promise<never> | undefined;
  const supervisor = createSupervisor({
    say: (line) => console.error(`[stack] ${line}`),
    stopTheStack: (reason) => {
      console.error(`[stack] ${reason}: stopping everything`);
      void shutdown(1);
    },
  });
  const shutdown = (code: number) =>
    (stopping ??= (async () => {
      supervisor.standDown();
      console.log('\n[stack] stopping …');
      for (const owned of supervisor.current().reverse()) await owned.stop();
      for (const close of closers.reverse()) await close();
      console.log('[stack] stopped.');
      process.exit(code);
    })());
  // on, not once: a second Ctrl-C while stopping must not kill the script before its children are stopped.
  process.on('SIGINT', () => void shutdown(0));
  process.on('SIGTERM', () => void shutdown(0));

  try {
    console.log(`[stack] database: applying migrations to ${redact(config.DATABASE_URL)}`);
    await migrateDatabase(config.DATABASE_URL);

    const smtpPort = Number(new URL(config.SMTP_URL).port || 25);
    const smtp = await startCaptureServer({ mailboxDir: join(dataDir, 'mailbox'), port: smtpPort });
    closers.push(() => smtp.close());
    console.log(`[stack] SMTP capture server listening on 127.0.0.1:${smtp.port}`);

    const temporalPort = Number(config.TEMPORAL_ADDRESS.split(':').pop());
    if (CLUSTER) {
      console.log("[stack] starting Temporal's server on PostgreSQL: frontend, history, matching and worker services …");
      const cluster = await startTemporalCluster({
        tools: clusterTools(),
        postgresUrl: postgresUrl(),
        databaseName: clusterDatabaseNames(dataDir).temporal,
        dir: join(dataDir, 'temporal-cluster'),
        namespace: config.TEMPORAL_NAMESPACE,
        firstPort: temporalPort,
      });
      for (const service of CLUSTER_SERVICES) {
        supervisor.watch({ label: `Temporal's ${service} service`, process: cluster.processes[service], restart: () => cluster.startAgain(service) });
      }
      console.log(`[stack] Temporal cluster on ${config.TEMPORAL_ADDRESS} (config and logs in ${join(dataDir, 'temporal-cluster')})`);
    } else {
      console.log('[stack] starting the Temporal dev server …');
      const temporal = await startTemporalDevServer({
        cli: readToolPaths('stack').temporalCli,
        port: temporalPort,
        uiPort: config.TEMPORAL_UI_PORT,
        dbFile: join(dataDir, 'temporal.db'),
        namespace: config.TEMPORAL_NAMESPACE,
        logFile: join(dataDir, 'logs', 'temporal.log'),
        codecEndpoint: new URL('/codec', config.PUBLIC_BASE_URL).href,
      });
      supervisor.watch({ label: 'the Temporal dev server', process: temporal });
      console.log(`[stack] Temporal dev server on ${config.TEMPORAL_ADDRESS} (pid ${temporal.child.pid})`);
    }

    // The cluster runs two workers, as a deployment would: either carries on when the other dies.
    // Its builds are named after the workflow code, as a deployment's are. The embedded stack's one
    // worker runs whatever the checkout holds: one build name, so a season started before an
    // update is not left waiting for a build that no longer runs (docs/operations.md#worker-builds).
    const buildEnv = CLUSTER || process.env.WORKER_BUILD_ID ? {} : { WORKER_BUILD_ID: EMBEDDED_BUILD_ID };
    for (const name of CLUSTER ? ['worker-1', 'worker-2'] : ['worker']) {
      const startWorker = () =>
        startOwnedProcess(name, process.execPath, [...workerNodeArgs(), join(PROJECT_ROOT, 'bin/run-ts.js'), 'worker/main.ts'], {
          cwd: PROJECT_ROOT,
          env: workerProcessEnv({ ...process.env, ...buildEnv }),
          echo: true,
          logFile: join(dataDir, 'logs', `${name}.log`),
        });
      const worker = startWorker();
      supervisor.watch({ label: `the ${name}`, process: worker, restart: startWorker });
      console.log(`[stack] ${name} started (pid ${worker.child.pid})`);
    }

    const web = startOwnedProcess('web', process.execPath, [join(PROJECT_ROOT, 'bin/run-ts.js'), 'web/main.ts'], {
      cwd: PROJECT_ROOT,
      echo: true,
      logFile: join(dataDir, 'logs', 'web.log'),
      // The embedded stack's web app shows the captured mail, so a demo user can click its links.
      env: { ...process.env, SHUZHI_DEMO_MAILBOX: '1' },
    });
    supervisor.watch({ label: 'the web app', process: web });
    console.log(`[stack] web app started (pid ${web.child.pid})`);

    await startDemoSeason(config, smtp.mailbox.list.bind(smtp.mailbox));
    await waitForWebApp(config.PUBLIC_BASE_URL);
    printWhereToLook(config);
  } catch (error) {
    if (stopping) return; // a process the stack needs stopped, and said so
    console.error(`[stack] ${error instanceof Error ? error.message : String(error)}`);
    await shutdown(1);
  }
}

async function startDemoSeason(config: ReturnType<typeof loadConfig>, listMail: () => { to: string[] }[]) {
  const file = loadSeasonFile(DEMO_FILE, { allowPastDueDate: true }); // the date is moved below
  // The committed file names a fixed date; keep the demo's due date a month ahead of today.
  const due = new Date(Date.now() + 30 * 86_400_000).toISOString().slice(0, 10);
  if (file.dueDate < due) file.dueDate = due;
  const db = await openDb(config.DATABASE_URL);
  const client = await connectTemporal(config);
  try {
    // A demo season from an earlier start is left as it is: re-importing it would record a change,
    // and a closed season is never changed.
    const existing = await db.season.findUnique({ where: { id: file.id }, select: { status: true } });
    if (existing?.status === 'closed') {
      console.log(`\n[stack] the demo season ${file.id} is closed; delete ${config.SHUZHI_DATA_DIR} to start a new one`);
      return;
    }
    const first = file.admins[0];
    if (!first) throw new Error(`the demo season ${file.id} names no admin`);
    const admin = { email: first, channel: 'system' as const };
    if (!existing) await importSeason(db, file, admin, loadAuditKeyring(config).current);
    await startSeason(client, db, file.id, admin);
    await waitForFanOut(client, db, file.id);
    const secretaries = file.organization.branches.map((branch) => branch.secretary.toLowerCase());
    const deadline = Date.now() + 60_000;
    while (!secretaries.every((email) => listMail().some((mail) => mail.to.includes(email)))) {
      if (Date.now() > deadline) throw new Error('the demo assignment mails did not arrive within 60 s');
      await new Promise((resolve) => setTimeout(resolve, 300));
    }
    console.log(
      `\n[stack] demo season started: ${file.id} (${file.organization.branches.length} branches, ` + `${secretaries.length} assignment mails captured)`,
    );
  } finally {
    await client.connection.close();
    await db.$disconnect();
  }
}

async function waitForWebApp(baseUrl: string) {
  const deadline = Date.now() + 60_000;
  while (
    !(await fetch(new URL('/login', baseUrl)).then(
      (r) => r.ok,
      () => false,
    ))
  ) {
    if (Date.now() > deadline) throw new Error(`the web app did not answer at ${baseUrl} within 60 s`);
    await new Promise((resolve) => setTimeout(resolve, 300));
  }
}

function printWhereToLook(config: ReturnType<typeof loadConfig>) {
  const lines = [
    '',
    `Web app: ${config.PUBLIC_BASE_URL}   (open ${new URL('/mailbox', config.PUBLIC_BASE_URL).toString()} and click a sign-in link in a mail)`,
    '',
    'Where to look:',
    CLUSTER
      ? `  Temporal cluster  ${config.TEMPORAL_ADDRESS}, config ${join(config.SHUZHI_DATA_DIR, 'temporal-cluster', 'config')} (no Web UI: the dev server's only)`
      : `  Temporal Web UI   http://127.0.0.1:${config.TEMPORAL_UI_PORT}/namespaces/${config.TEMPORAL_NAMESPACE}/workflows`,
    `  Captured mailbox  ${join(config.SHUZHI_DATA_DIR, 'mailbox')}   (npx shuzhi mailbox list)`,
    `  Database          ${redact(config.DATABASE_URL)}`,
    `  Logs              ${join(config.SHUZHI_DATA_DIR, 'logs')}`,
    '',
    'Try next (in another terminal):',
    '  npx shuzhi season status demo-2026',
    '  npx shuzhi report show demo-2026/no1-middle-school',
    '  npx shuzhi report submit demo-2026/no1-middle-school --file examples/report-sample.md --as shuji.yizhong@school.example',
    '      (it has an unfilled "X名": fix it, or add --accept-warnings)',
    '  npx shuzhi report review demo-2026/no1-middle-school --request-revision --comment 请补充数据 --as zuzhi@bureau.example',
    '  npx shuzhi report review demo-2026/no1-middle-school --approve --as zuzhi@bureau.example',
    '  npx shuzhi report review demo-2026/no1-middle-school --approve --rating 好 --as dangzu.shuji@bureau.example',
    // Later than the demo's due date (a month ahead, startDemoSeason), as an extension must be.
    `  npx shuzhi report extend demo-2026/bureau-office --until ${new Date(Date.now() + 45 * 86_400_000).toISOString().slice(0, 10)} --as zuzhi@bureau.example`,
    '  npx shuzhi report reassign demo-2026/bureau-office --to new@bureau.example --name 新书记 --as zuzhi@bureau.example',
    '  npx shuzhi mailbox list',
    '  npx shuzhi mailbox show <id>',
    '  npx shuzhi audit demo-2026',
    '  npx shuzhi --help',
    '',
    'Press Ctrl-C to stop the stack.',
  ];
  console.log(lines.join('\n'));
}

main().catch((error: unknown) => {
  console.error(`[stack] ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
});
