// The Temporal dev server (`temporal server start-dev`), persisting to a file, with its Web UI
// and the project's search attributes registered at start.
import { Connection } from '@temporalio/client';
import { ALL_SEARCH_ATTRIBUTES, CLI_TYPE_NAMES } from '../domain/constants';
import { startOwnedProcess, type OwnedProcess } from './child-process';

export interface DevServerOptions {
  cli: string;
  port: number;
  uiPort: number;
  dbFile: string;
  namespace: string;
  logFile?: string;
  /** Where the Web UI sends payloads to be read (web/routes/codec.ts); they are encrypted. */
  codecEndpoint?: string;
}

export function devServerArgs(options: DevServerOptions): string[] {
  return [
    'server',
    'start-dev',
    '--ip',
    '127.0.0.1',
    '--port',
    String(options.port),
    '--ui-port',
    String(options.uiPort),
    '--db-filename',
    options.dbFile,
    '--namespace',
    options.namespace,
    '--log-level',
    'warn',
    ...(options.codecEndpoint ? ['--ui-codec-endpoint', options.codecEndpoint] : []),
    ...ALL_SEARCH_ATTRIBUTES.flatMap((key) => ['--search-attribute', `${key.name}=${CLI_TYPE_NAMES[key.type]}`]),
  ];
}

export async function startTemporalDevServer(options: DevServerOptions): Promise<OwnedProcess> {
  const server = startOwnedProcess('temporal', options.cli, devServerArgs(options), { logFile: options.logFile });
  await waitForTemporal(`127.0.0.1:${options.port}`, server);
  return server;
}

/** Waits until the frontend answers; fails early if the process dies. */
export async function waitForTemporal(address: string, server?: OwnedProcess, timeoutMs = 120_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  let died = false;
  void server?.exited.then(() => (died = true));
  for (;;) {
    if (died) throw new Error(`the Temporal server exited during start-up (see its log)`);
    try {
      const connection = await Connection.connect({ address, connectTimeout: 1000 });
      await connection.workflowService.getSystemInfo({});
      await connection.close();
      return;
    } catch (error) {
      if (Date.now() > deadline) throw new Error(`Temporal did not answer at ${address}: ${String(error)}`, { cause: error });
      await new Promise((resolve) => setTimeout(resolve, 500));
    }
  }
}
