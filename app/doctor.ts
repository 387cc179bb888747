// `shuzhi doctor`: a deployment's configuration checked end to end, each part with what was found
// and, when it is wrong, what to do. Read-only: it creates no database, applies no migration and
// sends no mail. The parts, in the order a newcomer sets them up: the secret, the database and its
// migrations, Temporal, the namespace, the search attributes, SMTP, a worker polling.
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { Client, Connection } from '@temporalio/client';
import type { Config } from '../config/env';
import { isDemoStack, isLoopback } from '../config/demo-stack';
import { openDb } from '../db/client';
import { pendingMigrations, redact } from '../db/migrate';
import { ALL_SEARCH_ATTRIBUTES, CLI_TYPE_NAMES, TASK_QUEUE } from '../domain/constants';
import { words, type Words } from '../domain/words';
import { createSmtpMailer } from '../mail/mailer';
import { databaseAnswers } from './readiness';
import { currentBuild, runningSeasonsByBuild } from './worker-builds';
import { pollingBuilds, workerPolls } from './worker-presence';

export type DoctorStatus = 'ok' | 'warning' | 'problem';

export interface DoctorFinding {
  part: Words;
  status: DoctorStatus;
  found: Words;
  /** What to do; given unless the part is ok. */
  fix?: Words;
}

const ok = (part: Words, found: Words): DoctorFinding => ({ part, status: 'ok', found });
const problem = (part: Words, found: Words, fix: Words): DoctorFinding => ({ part, status: 'problem', found, fix });
const warning = (part: Words, found: Words, fix: Words): DoctorFinding => ({ part, status: 'warning', found, fix });
const reason = (error: unknown) => (error instanceof Error ? error.message : String(error)).split('\n')[0] ?? '';

const PART = {
  secret: words('密钥', 'secret'),
  address: words('访问地址', 'public address'),
  database: words('数据库', 'database'),
  migrations: words('数据库迁移', 'migrations'),
  temporal: words('Temporal', 'Temporal'),
  namespace: words('命名空间', 'namespace'),
  searchAttributes: words('搜索属性', 'search attributes'),
  smtp: words('邮件服务器', 'SMTP'),
  worker: words('worker', 'worker'),
  builds: words('worker 构建', 'worker builds'),
};

/** How long each part may take to answer. */
const PATIENCE_MS = 5_000;

export async function runDoctor(config: Config): Promise<DoctorFinding[]> {
  const findings = [secretFinding(config), addressFinding(config), ...(await databaseFindings(config))];
  findings.push(...(await temporalFindings(config)));
  findings.push(await smtpFinding(config));
  return findings;
}

function secretFinding(config: Config): DoctorFinding {
  if (config.SHUZHI_SECRET) return ok(PART.secret, words('已设置 SHUZHI_SECRET', 'SHUZHI_SECRET is set'));
  const file = join(config.SHUZHI_DATA_DIR, 'secret.key');
  if (isDemoStack(config)) return ok(PART.secret, words(`演示环境，密钥保存在 ${file}`, `the embedded stack keeps it in ${file}`));
  return problem(
    PART.secret,
    words(
      existsSync(file) ? `未设置 SHUZHI_SECRET，只有本机文件 ${file}` : '未设置 SHUZHI_SECRET',
      existsSync(file) ? `SHUZHI_SECRET is not set; only ${file} on this machine` : 'SHUZHI_SECRET is not set',
    ),
    words(
      '为网页、worker 和命令行设置同一个 SHUZHI_SECRET（至少 32 个字符），并与数据库备份分开保存',
      'set the same SHUZHI_SECRET (at least 32 characters) for the web app, the workers and the CLI, and keep it apart from the database backups',
    ),
  );
}

function addressFinding(config: Config): DoctorFinding {
  const url = new URL(config.PUBLIC_BASE_URL);
  if (url.protocol === 'https:' || isLoopback(config.PUBLIC_BASE_URL)) return ok(PART.address, words(config.PUBLIC_BASE_URL, config.PUBLIC_BASE_URL));
  return warning(
    PART.address,
    words(`${config.PUBLIC_BASE_URL} 不是 https：登录 cookie 不带 Secure`, `${config.PUBLIC_BASE_URL} is not https: sign-in cookies are not Secure`),
    words(
      '在 https 反向代理之后运行网页，并把 PUBLIC_BASE_URL 设为 https 地址',
      'serve the web app behind an https proxy and set PUBLIC_BASE_URL to its https address',
    ),
  );
}

async function databaseFindings(config: Config): Promise<DoctorFinding[]> {
  const where = redact(config.DATABASE_URL);
  let pending: string[];
  try {
    pending = await pendingMigrations(config.DATABASE_URL);
  } catch (error) {
    return [
      problem(
        PART.database,
        words(`无法连接 ${where}：${reason(error)}`, `cannot reach ${where}: ${reason(error)}`),
        words('检查 DATABASE_URL 和数据库服务器是否在运行', 'check DATABASE_URL and that the database server runs'),
      ),
    ];
  }
  if (pending.length) {
    return [
      ok(PART.database, words(where, where)),
      problem(
        PART.migrations,
        words(`${pending.length} 个迁移未应用：${pending.join('、')}`, `${pending.length} not applied: ${pending.join(', ')}`),
        words('运行 npx shuzhi db:migrate', 'run npx shuzhi db:migrate'),
      ),
    ];
  }
  const db = await openDb(config.DATABASE_URL);
  try {
    await databaseAnswers(db);
    return [ok(PART.database, words(where, where)), ok(PART.migrations, words('已全部应用', 'all applied'))];
  } catch (error) {
    return [
      problem(PART.database, words(`${where}：${reason(error)}`, `${where}: ${reason(error)}`), words('检查数据库的权限', "check the database user's rights")),
    ];
  } finally {
    await db.$disconnect();
  }
}

async function temporalFindings(config: Config): Promise<DoctorFinding[]> {
  let connection: Connection;
  try {
    connection = await Connection.connect({ address: config.TEMPORAL_ADDRESS, connectTimeout: PATIENCE_MS });
    await connection.withDeadline(Date.now() + PATIENCE_MS, () => connection.workflowService.getSystemInfo({}));
  } catch (error) {
    return [
      problem(
        PART.temporal,
        words(`无法连接 ${config.TEMPORAL_ADDRESS}：${reason(error)}`, `cannot reach ${config.TEMPORAL_ADDRESS}: ${reason(error)}`),
        words('检查 TEMPORAL_ADDRESS 和 Temporal 服务是否在运行', 'check TEMPORAL_ADDRESS and that the Temporal server runs'),
      ),
    ];
  }
  try {
    const namespace = config.TEMPORAL_NAMESPACE;
    const findings = [ok(PART.temporal, words(config.TEMPORAL_ADDRESS, config.TEMPORAL_ADDRESS))];
    try {
      await connection.withDeadline(Date.now() + PATIENCE_MS, () => connection.workflowService.describeNamespace({ namespace }));
    } catch (error) {
      findings.push(
        problem(
          PART.namespace,
          words(`命名空间 ${namespace} 不存在或无法读取：${reason(error)}`, `${namespace} does not exist or cannot be read: ${reason(error)}`),
          words(`temporal operator namespace create --namespace ${namespace}`, `temporal operator namespace create --namespace ${namespace}`),
        ),
      );
      return findings;
    }
    findings.push(ok(PART.namespace, words(namespace, namespace)));
    findings.push(...(await orWarning(PART.searchAttributes, async () => [await searchAttributeFinding(connection, namespace)])));
    const client = new Client({ connection, namespace });
    findings.push(...(await orWarning(PART.worker, async () => [await workerFinding(client)])));
    findings.push(...(await orWarning(PART.builds, () => client.withDeadline(Date.now() + PATIENCE_MS, () => buildFindings(client, connection, namespace)))));
    return findings;
  } finally {
    await connection.close();
  }
}

/**
 * A part Temporal did not answer (say, not in time while a worker is making its build current)
 * is a warning to look again, never a crash that hides every other finding.
 */
export async function orWarning(part: Words, check: () => Promise<DoctorFinding[]>): Promise<DoctorFinding[]> {
  try {
    return await check();
  } catch (error) {
    return [
      warning(
        part,
        words(`Temporal 没有回答：${reason(error)}`, `Temporal gave no answer: ${reason(error)}`),
        words(
          '稍后再运行一次 shuzhi doctor；如果仍然如此，查看 Temporal 服务的日志',
          "run shuzhi doctor again in a minute; if it stays, read the Temporal server's log",
        ),
      ),
    ];
  }
}

async function searchAttributeFinding(connection: Connection, namespace: string): Promise<DoctorFinding> {
  const listed = await connection.withDeadline(Date.now() + PATIENCE_MS, () => connection.operatorService.listSearchAttributes({ namespace }));
  const registered = new Set(Object.keys(listed.customAttributes ?? {}));
  const missing = ALL_SEARCH_ATTRIBUTES.filter((attribute) => !registered.has(attribute.name));
  if (!missing.length) {
    const names = ALL_SEARCH_ATTRIBUTES.map((a) => a.name).join(', ');
    return ok(PART.searchAttributes, words(names, names));
  }
  const commands = missing
    .map((a) => `temporal operator search-attribute create --namespace ${namespace} --name ${a.name} --type ${CLI_TYPE_NAMES[a.type]}`)
    .join('; ');
  return problem(
    PART.searchAttributes,
    words(`未注册：${missing.map((a) => a.name).join('、')}`, `not registered: ${missing.map((a) => a.name).join(', ')}`),
    words(commands, commands),
  );
}

async function workerFinding(client: Client): Promise<DoctorFinding> {
  const polls = await client.withDeadline(Date.now() + PATIENCE_MS, () => workerPolls(client));
  if (polls === 'unknown') {
    return warning(
      PART.worker,
      words('该 Temporal 服务无法列出轮询者', 'this Temporal server cannot list who polls'),
      words('用 worker 的 /healthz 检查它（WORKER_HEALTH_PORT）', "check the worker's /healthz instead (WORKER_HEALTH_PORT)"),
    );
  }
  if (polls) return ok(PART.worker, words(`正在轮询任务队列 ${TASK_QUEUE}`, `polling task queue ${TASK_QUEUE}`));
  return problem(
    PART.worker,
    words(`没有 worker 在轮询任务队列 ${TASK_QUEUE}`, `none polls task queue ${TASK_QUEUE}`),
    words('启动 worker：npm run worker（npm start 会自动启动）', 'start one: npm run worker (npm start runs one)'),
  );
}

/** The current build, and every running season's build: one without a polling worker stands still. */
async function buildFindings(client: Client, connection: Connection, namespace: string): Promise<DoctorFinding[]> {
  let polling: Set<string>;
  try {
    polling = await pollingBuilds(client);
  } catch {
    return []; // a server that cannot list pollers: said in the worker's finding
  }
  const current = await currentBuild(connection, namespace);
  const findings: DoctorFinding[] = [];
  if (current) findings.push(ok(PART.builds, words(`新述职季在构建 ${current} 上启动`, `new seasons start on build ${current}`)));
  for (const [build, seasons] of await runningSeasonsByBuild(client)) {
    const list = seasons.join(', ');
    const name = build ? words(build, build) : words('未分版本', 'unversioned');
    if (polling.has(build)) {
      findings.push(ok(PART.builds, words(`构建 ${name['zh-CN']}：运行中的述职季 ${list}`, `build ${name.en}: running seasons ${list}`)));
      continue;
    }
    findings.push(
      problem(
        PART.builds,
        words(
          `述职季 ${list} 固定在构建 ${name['zh-CN']} 上，但没有该构建的 worker 在运行`,
          `seasons ${list} are pinned to build ${name.en}, and no worker of it runs`,
        ),
        words(
          `启动该构建的 worker（WORKER_BUILD_ID=${build}，用启动这些述职季时的代码），见 docs/operations.md#worker-builds`,
          `start a worker of that build (WORKER_BUILD_ID=${build}, from the code these seasons started on): docs/operations.md#worker-builds`,
        ),
      ),
    );
  }
  return findings;
}

async function smtpFinding(config: Config): Promise<DoctorFinding> {
  const host = new URL(config.SMTP_URL).host;
  const mailer = createSmtpMailer(config.SMTP_URL, config.MAIL_FROM);
  try {
    await Promise.race([
      mailer.verify(),
      new Promise((_resolve, reject) => setTimeout(() => reject(new Error(`no answer within ${PATIENCE_MS / 1000} s`)), PATIENCE_MS).unref()),
    ]);
    return ok(PART.smtp, words(host, host));
  } catch (error) {
    return problem(
      PART.smtp,
      words(`无法连接 ${host}：${reason(error)}`, `cannot reach ${host}: ${reason(error)}`),
      words('检查 SMTP_URL（含用户名和密码）和邮件服务器是否在运行', 'check SMTP_URL (with its user and password) and that the mail server runs'),
    );
  } finally {
    mailer.close();
  }
}
