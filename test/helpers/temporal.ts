// Temporal servers for tests, started from the binaries the bootstrap provided: the Java
// time-skipping test server for timers, the CLI dev server for everything real.
import { TestWorkflowEnvironment } from '@temporalio/testing';
import { Runtime, DefaultLogger, type WorkflowBundleWithSourceMap } from '@temporalio/worker';
import { startClusterEnvironment, type ClusterEnvironment } from '../../stack/temporal-cluster';
import { ALL_SEARCH_ATTRIBUTES } from '../../domain/constants';
import { bundleWorkflows } from '../../worker/workflow-bundle';
import { TEST_DATA_CONVERTER } from './payload-codec';
import { testTools } from './tools';

let runtimeInstalled = false;
function quietRuntime() {
  if (runtimeInstalled) return;
  runtimeInstalled = true;
  // Tests assert behaviour; the servers' chatter (e.g. the Java test server's capability
  // warnings) would only bury the failures.
  Runtime.install({
    logger: new DefaultLogger('ERROR'),
    telemetryOptions: { logging: { filter: { core: 'ERROR', other: 'ERROR' }, forward: {} } },
  });
}

export async function startTimeSkippingServer(): Promise<TestWorkflowEnvironment> {
  quietRuntime();
  const path = testTools().temporalTestServer;
  if (!path) throw new Error('the time-skipping test server is missing: run npm test (it bootstraps it)');
  return TestWorkflowEnvironment.createTimeSkipping({
    server: { executable: { type: 'existing-path', path } },
    client: { dataConverter: TEST_DATA_CONVERTER },
  });
}

/** The dev server; with SHUZHI_TEST_TEMPORAL=cluster (`npm test -- --cluster`), the cluster instead. */
export async function startDevServer(): Promise<TestWorkflowEnvironment> {
  if (process.env.SHUZHI_TEST_TEMPORAL === 'cluster') return startClusterServer();
  quietRuntime();
  return TestWorkflowEnvironment.createLocal({
    server: {
      executable: { type: 'existing-path', path: testTools().temporalCli },
      searchAttributes: ALL_SEARCH_ATTRIBUTES,
    },
    // env.client talks to workers that encrypt, as the CLI and the web app do.
    client: { dataConverter: TEST_DATA_CONVERTER },
  });
}

let bundle: Promise<WorkflowBundleWithSourceMap> | undefined;
/** The workflows bundle, built once per test file. */
export function workflowBundle(): Promise<WorkflowBundleWithSourceMap> {
  bundle ??= bundleWorkflows();
  return bundle;
}

export type { ClusterEnvironment };

/**
 * Temporal's own server on PostgreSQL, its four services as processes (stack/temporal-cluster.ts),
 * with two databases of its own, shaped as the dev server's environment.
 */
export async function startClusterServer(): Promise<ClusterEnvironment> {
  quietRuntime();
  const tools = testTools();
  if (!tools.temporalCluster) throw new Error('the cluster tools are missing: run npm test (it bootstraps them)');
  if (!tools.postgres?.available) throw new Error(`the cluster needs PostgreSQL: ${tools.postgres?.reason ?? 'not set up'}`);
  return startClusterEnvironment({ tools: tools.temporalCluster, postgresUrl: tools.postgres.url, dataConverter: TEST_DATA_CONVERTER });
}
