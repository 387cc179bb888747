// The worker process: connects to Temporal, the database and SMTP, and runs until stopped.
import { DefaultLogger, NativeConnection, Runtime } from '@temporalio/worker';
import { loadConfig } from '../config/env';
import { loadSecret } from '../config/secret';
import { openDb } from '../db/client';
import { createSignInLinks } from '../db/sign-in-links';
import { durationMs } from '../domain/duration';
import { createSmtpMailer } from '../mail/mailer';
import { createActivities, systemClock } from '../activities';
import { workflowStackTracesOff } from '../stack/worker-node-args';
import { createWorker } from './create-worker';

async function main() {
  const config = loadConfig();
  Runtime.install({ logger: new DefaultLogger('WARN') }); // the bundler's INFO output is noise here
  const db = await openDb(config.DATABASE_URL);
  const mailer = createSmtpMailer(config.SMTP_URL, config.MAIL_FROM);
  const connection = await NativeConnection.connect({ address: config.TEMPORAL_ADDRESS });
  const worker = await createWorker({
    connection,
    namespace: config.TEMPORAL_NAMESPACE,
    maxCachedWorkflows: config.WORKER_MAX_CACHED_WORKFLOWS,
    activities: createActivities({
      db,
      mailer,
      clock: systemClock,
      publicBaseUrl: config.PUBLIC_BASE_URL,
      signInLinks: createSignInLinks(db, loadSecret(config), durationMs(config.SIGN_IN_LINK_TTL)),
    }),
  });
  console.log(`worker: polling task queue "${worker.options.taskQueue}" on ${config.TEMPORAL_ADDRESS}`);
  if (workflowStackTracesOff()) {
    // The SDK says so in its own words ("v8.promiseHooks.createHook is not available"): say why.
    console.log('worker: workflow stack traces are off (worker/workflow-stack-traces.cjs); WORKER_WORKFLOW_STACK_TRACES=on keeps them');
  }
  try {
    await worker.run(); // returns after SIGINT/SIGTERM, once in-flight tasks are done
  } finally {
    mailer.close();
    await connection.close();
    await db.$disconnect();
  }
}

main().catch((error) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
