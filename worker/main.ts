// The worker process: connects to Temporal, the database and SMTP, and runs until stopped.
import { loadConfig } from '../config/env';
import { runWorker } from './run-worker';

runWorker(loadConfig()).catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
