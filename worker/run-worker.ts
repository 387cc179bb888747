// Runs a worker process's worker: connects to Temporal, the database and SMTP, and runs until
// stopped. worker/main.ts runs it as configured; the fault suite runs it with its activities
// wrapped (test/helpers/fault-worker.ts).
import { DefaultLogger, NativeConnection, Runtime } from '@temporalio/worker';
import type { Config } from '../config/env';
import { loadAuditKeyring, loadPayloadKeyring, loadSecret } from '../config/secret';
import { openDb } from '../db/client';
import { createSignInLinks } from '../db/sign-in-links';
import { durationMs } from '../domain/duration';
import { createSmtpMailer } from '../mail/mailer';
import { encryptedDataConverter } from '../temporal/payload-codec';
import { ballotTokens } from '../config/ballot-tokens';
import { createActivities, systemClock, type Activities } from '../activities';
import { workflowStackTracesOff } from '../stack/worker-node-args';
import { createWorker } from './create-worker';
import { startWorkerHealthServer } from './health-server';
import { databaseAnswers } from '../app/readiness';
import { workflowBuildId } from './build-id';
import { becomeCurrent, type CurrentBuildOutcome } from './current-build';

export async function runWorker(config: Config, options: { wrapActivities?: (activities: Activities) => Activities } = {}): Promise<void> {
  Runtime.install({
    logger: new DefaultLogger('WARN'), // the bundler's INFO output is noise here
    ...(config.WORKER_METRICS_PORT === undefined
      ? {}
      : { telemetryOptions: { metrics: { prometheus: { bindAddress: `${config.WORKER_HEALTH_HOST}:${config.WORKER_METRICS_PORT}` } } } }),
  });
  const db = await openDb(config.DATABASE_URL);
  const mailer = createSmtpMailer(config.SMTP_URL, config.MAIL_FROM);
  const connection = await NativeConnection.connect({ address: config.TEMPORAL_ADDRESS });
  const activities = createActivities({
    db,
    mailer,
    clock: systemClock,
    publicBaseUrl: config.PUBLIC_BASE_URL,
    auditKey: loadAuditKeyring(config).current,
    signInLinks: createSignInLinks(db, loadSecret(config), durationMs(config.SIGN_IN_LINK_TTL)),
    ballotTokens: ballotTokens(loadSecret(config)),
  });
  const buildId = config.WORKER_BUILD_ID ?? workflowBuildId();
  const worker = await createWorker({
    buildId,
    connection,
    namespace: config.TEMPORAL_NAMESPACE,
    maxCachedWorkflows: config.WORKER_MAX_CACHED_WORKFLOWS,
    dataConverter: encryptedDataConverter(loadPayloadKeyring(config)),
    activities: options.wrapActivities ? options.wrapActivities(activities) : activities,
  });
  console.log(`worker: polling task queue "${worker.options.taskQueue}" on ${config.TEMPORAL_ADDRESS} as build ${buildId}`);
  const health =
    config.WORKER_HEALTH_PORT === undefined
      ? undefined
      : await startWorkerHealthServer({
          port: config.WORKER_HEALTH_PORT,
          host: config.WORKER_HEALTH_HOST,
          workerState: () => worker.getState(),
          parts: {
            database: () => databaseAnswers(db),
            temporal: () => connection.workflowService.getSystemInfo({}),
            smtp: () => mailer.verify(),
          },
        });
  if (health) console.log(`worker: health on http://${config.WORKER_HEALTH_HOST}:${config.WORKER_HEALTH_PORT}/healthz and /readyz`);
  if (workflowStackTracesOff()) {
    // The SDK says so in its own words ("v8.promiseHooks.createHook is not available"): say why.
    console.log('worker: workflow stack traces are off (worker/workflow-stack-traces.cjs); WORKER_WORKFLOW_STACK_TRACES=on keeps them');
  }
  const stopped = new AbortController();
  try {
    const running = worker.run(); // settles after SIGINT/SIGTERM, once in-flight tasks are done
    if (config.WORKER_BECOME_CURRENT === 'on') {
      // Only a polling build can be made current, so this follows run().
      void becomeCurrent(connection, config.TEMPORAL_NAMESPACE, buildId, { signal: stopped.signal }).then((outcome) =>
        console.log(currentBuildLine(buildId, outcome)),
      );
    }
    await running;
  } finally {
    stopped.abort();
    health?.close();
    mailer.close();
    await connection.close();
    await db.$disconnect();
  }
}

function currentBuildLine(buildId: string, outcome: CurrentBuildOutcome): string {
  if (outcome.outcome === 'already') return `worker: build ${buildId} is the one new seasons start on`;
  if (outcome.outcome === 'made')
    return `worker: new seasons now start on build ${buildId}${outcome.previous ? ` (before: ${outcome.previous}; its seasons stay on it)` : ''}`;
  return `worker: could not make build ${buildId} the one new seasons start on (${outcome.reason}); see docs/operations.md#worker-builds`;
}
