// The bench's worker, as its own process so its memory is its own: the product's workflows and
// activities plus the baselines' no-op activity, against the stack named in its environment
// (BENCH_TEMPORAL_ADDRESS, BENCH_DATABASE_URL, BENCH_SMTP_URL). Prints `bench worker ready` once polling.
import { bundleWorkflowCode, DefaultLogger, NativeConnection, Runtime } from '@temporalio/worker';
import { createActivities, systemClock } from '../activities';
import { openDb } from '../db/client';
import { createSmtpMailer } from '../mail/mailer';
import { createWorker } from '../worker/create-worker';

function required(name: string): string {
  const value = process.env[name];
  if (!value) throw new Error(`${name} is not set`);
  return value;
}

async function main() {
  Runtime.install({ logger: new DefaultLogger('WARN'), telemetryOptions: { logging: { filter: { core: 'ERROR', other: 'ERROR' }, forward: {} } } });
  const db = await openDb(required('BENCH_DATABASE_URL'));
  const mailer = createSmtpMailer(required('BENCH_SMTP_URL'), 'bench <bench@localhost>');
  const connection = await NativeConnection.connect({ address: required('BENCH_TEMPORAL_ADDRESS') });
  const activities = createActivities({ db, mailer, clock: systemClock, publicBaseUrl: 'http://127.0.0.1:3000' });
  const worker = await createWorker({
    connection,
    namespace: 'default',
    // The baselines' activity does nothing, so its time is Temporal's alone.
    activities: { ...activities, benchNoop: async () => undefined } as typeof activities,
    workflowBundle: await bundleWorkflowCode({ workflowsPath: require.resolve('./workflows'), logger: new DefaultLogger('WARN') }),
  });
  const running = worker.run();
  console.log('bench worker ready');
  try {
    await running; // until SIGTERM
  } finally {
    mailer.close();
    await connection.close();
    await db.$disconnect();
  }
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
