// Temporal's own server on PostgreSQL, as a cluster runs it: frontend, history, matching and the
// internal worker service as four processes of the one `temporal-server` binary, sharing two
// databases (persistence and visibility). Built by the bootstrap (`--cluster`) with Go, as the CLI
// is; set up with its SQL tool and the schemas in its Go module. The config is written from the
// module's config/development-postgres12.yaml with this stack's ports and databases, into the
// stack's folder, where an operator can read exactly what ran (docs/operations.md#a-real-cluster).
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { Client, Connection } from '@temporalio/client';
import type { DataConverter } from '@temporalio/common';
import type { TestWorkflowEnvironment } from '@temporalio/testing';
import { NativeConnection } from '@temporalio/worker';
import { msToTs } from '@temporalio/common/lib/time';
import { temporal } from '@temporalio/proto';
import { stringify } from 'yaml';
import { ALL_SEARCH_ATTRIBUTES } from '../domain/constants';
import { dropPostgresDatabases } from '../db/postgres-databases';
import { startOwnedProcess, type OwnedProcess } from './child-process';
import { waitForTemporal } from './temporal-dev-server';

export const CLUSTER_SERVICES = ['history', 'matching', 'frontend', 'worker'] as const;
export type ClusterService = (typeof CLUSTER_SERVICES)[number];

export interface ClusterTools {
  server: string;
  sqlTool: string;
  /** The server module's schema/postgresql/v12 folder. */
  schemaDir: string;
}

export interface ClusterOptions {
  tools: ClusterTools;
  /** PostgreSQL, as postgresql://user:password@host:port/any-database. */
  postgresUrl: string;
  /** Names the two databases: `<name>` and `<name>_visibility`. */
  databaseName: string;
  dir: string;
  namespace: string;
  /** History shards: fixed for the cluster's life (a new number needs new databases). */
  historyShards?: number;
  /** Ports from here on (nine in a row, below 32768); free ones are found when not given. */
  firstPort?: number;
}

export interface TemporalCluster {
  address: string;
  processes: Record<ClusterService, OwnedProcess>;
  /** Stops one service and starts it again, as a deployment restarts a pod. */
  restart(service: ClusterService): Promise<void>;
  /** Starts a service that stopped by itself (a supervisor's restart); returns its new process. */
  startAgain(service: ClusterService): OwnedProcess;
  stop(): Promise<void>;
}

/** History shards when not given: fixed for a cluster's life (a new number needs new databases). */
export const CLUSTER_HISTORY_SHARDS = 4;

const GRPC_NOT_FOUND = 5;

const SEARCH_ATTRIBUTE_TYPES: Record<string, temporal.api.enums.v1.IndexedValueType> = {
  KEYWORD: temporal.api.enums.v1.IndexedValueType.INDEXED_VALUE_TYPE_KEYWORD,
  TEXT: temporal.api.enums.v1.IndexedValueType.INDEXED_VALUE_TYPE_TEXT,
  INT: temporal.api.enums.v1.IndexedValueType.INDEXED_VALUE_TYPE_INT,
  DOUBLE: temporal.api.enums.v1.IndexedValueType.INDEXED_VALUE_TYPE_DOUBLE,
  BOOL: temporal.api.enums.v1.IndexedValueType.INDEXED_VALUE_TYPE_BOOL,
  DATETIME: temporal.api.enums.v1.IndexedValueType.INDEXED_VALUE_TYPE_DATETIME,
  KEYWORD_LIST: temporal.api.enums.v1.IndexedValueType.INDEXED_VALUE_TYPE_KEYWORD_LIST,
};

export async function startTemporalCluster(options: ClusterOptions): Promise<TemporalCluster> {
  mkdirSync(join(options.dir, 'config', 'dynamicconfig'), { recursive: true });
  mkdirSync(join(options.dir, 'logs'), { recursive: true });
  const postgres = new URL(options.postgresUrl);
  const databases = { default: options.databaseName, visibility: `${options.databaseName}_visibility` };
  setUpDatabases(options.tools, postgres, databases);

  const ports = await portsFrom(options.firstPort, 9);
  const port = (index: number) => ports[index] as number;
  const address = `127.0.0.1:${port(0)}`;
  writeClusterConfig(options, postgres, databases, port);

  const start = (service: ClusterService) =>
    startOwnedProcess(
      `temporal-${service}`,
      options.tools.server,
      ['--root', options.dir, '--config', 'config', '--env', 'cluster', '--allow-no-auth', 'start', '--service', service],
      { logFile: join(options.dir, 'logs', `${service}.log`) },
    );
  // The frontend first: on new databases, services started together race to write the cluster's
  // metadata, and the losers exit ("SaveClusterMetadata encountered version mismatch").
  const processes = { frontend: start('frontend') } as Record<ClusterService, OwnedProcess>;
  const stop = async () => {
    for (const service of [...CLUSTER_SERVICES].reverse()) await processes[service]?.stop();
  };
  try {
    await waitForTemporal(address, processes.frontend, 180_000);
    for (const service of CLUSTER_SERVICES) processes[service] ??= start(service);
    await registerNamespace(address, options.namespace);
  } catch (error) {
    await stop();
    throw error;
  }
  return {
    address,
    processes,
    async restart(service) {
      await processes[service].stop();
      processes[service] = start(service);
      if (service === 'frontend') await waitForTemporal(address, processes.frontend, 120_000);
    },
    startAgain(service) {
      processes[service] = start(service);
      return processes[service];
    },
    stop,
  };
}

/** Creates both databases when missing and brings their schemas to the module's latest version. */
function setUpDatabases(tools: ClusterTools, postgres: URL, databases: { default: string; visibility: string }) {
  const base = [
    '--plugin',
    'postgres12',
    '--ep',
    postgres.hostname,
    '-p',
    postgres.port || '5432',
    '-u',
    decodeURIComponent(postgres.username),
    '--pw',
    decodeURIComponent(postgres.password),
  ];
  const sql = (database: string, ...command: string[]) => execFileSync(tools.sqlTool, [...base, '--db', database, ...command], { stdio: 'pipe' });
  for (const [kind, database] of [
    ['temporal', databases.default],
    ['visibility', databases.visibility],
  ] as const) {
    try {
      sql(database, 'create-database');
    } catch {
      // it exists already: its schema is brought up to date below
    }
    // Version 0.0 records the schema's bookkeeping only; update-schema then applies every version.
    sql(database, 'setup-schema', '-v', '0.0');
    sql(database, 'update-schema', '-d', join(tools.schemaDir, kind, 'versioned'));
  }
}

function writeClusterConfig(options: ClusterOptions, postgres: URL, databases: { default: string; visibility: string }, port: (index: number) => number) {
  const store = (databaseName: string, maxConns: number) => ({
    sql: {
      pluginName: 'postgres12',
      databaseName,
      connectAddr: `${postgres.hostname}:${postgres.port || '5432'}`,
      connectProtocol: 'tcp',
      user: decodeURIComponent(postgres.username),
      password: decodeURIComponent(postgres.password),
      maxConns,
      maxIdleConns: maxConns,
      maxConnLifetime: '1h',
    },
  });
  const service = (grpc: number, membership: number, extra: object = {}) => ({
    rpc: { grpcPort: port(grpc), membershipPort: port(membership), bindOnLocalHost: true, ...extra },
  });
  const config = {
    log: { stdout: true, level: 'warn' },
    persistence: {
      defaultStore: 'postgres-default',
      visibilityStore: 'postgres-visibility',
      numHistoryShards: options.historyShards ?? CLUSTER_HISTORY_SHARDS,
      datastores: { 'postgres-default': store(databases.default, 20), 'postgres-visibility': store(databases.visibility, 10) },
    },
    // No metrics listener: the four processes share this file, and only one could bind its port.
    global: { membership: { maxJoinDuration: '30s', broadcastAddress: '127.0.0.1' } },
    services: {
      frontend: service(0, 1, { httpPort: port(2) }),
      history: service(3, 4),
      matching: service(5, 6),
      worker: service(7, 8),
    },
    clusterMetadata: {
      enableGlobalNamespace: false,
      failoverVersionIncrement: 10,
      masterClusterName: 'active',
      currentClusterName: 'active',
      clusterInformation: { active: { enabled: true, initialFailoverVersion: 1, rpcName: 'frontend', rpcAddress: `127.0.0.1:${port(0)}` } },
    },
    dcRedirectionPolicy: { policy: 'noop' },
    archival: { history: { state: 'disabled' }, visibility: { state: 'disabled' } },
    namespaceDefaults: { archival: { history: { state: 'disabled' }, visibility: { state: 'disabled' } } },
    dynamicConfigClient: { filepath: join(options.dir, 'config', 'dynamicconfig', 'cluster.yaml'), pollInterval: '10s' },
  };
  writeFileSync(join(options.dir, 'config', 'cluster.yaml'), stringify(config));
  // A new search attribute is readable at once, not after the cache's next refresh.
  const dynamic = {
    'limit.maxIDLength': [{ value: 255, constraints: {} }],
    'system.forceSearchAttributesCacheRefreshOnRead': [{ value: true, constraints: {} }],
  };
  writeFileSync(join(options.dir, 'config', 'dynamicconfig', 'cluster.yaml'), stringify(dynamic));
}

/** Registers the namespace with the project's search attributes, and waits until the frontend serves it. */
async function registerNamespace(address: string, namespace: string): Promise<void> {
  const connection = await Connection.connect({ address });
  const exists = (error: unknown) => /already exists|AlreadyExists/i.test(String(error));
  const searchAttributes = Object.fromEntries(
    ALL_SEARCH_ATTRIBUTES.map((key) => [key.name, SEARCH_ATTRIBUTE_TYPES[key.type] as temporal.api.enums.v1.IndexedValueType]),
  );
  try {
    await connection.workflowService.registerNamespace({ namespace, workflowExecutionRetentionPeriod: msToTs('30 days') }).catch((error: unknown) => {
      if (!exists(error)) throw error;
    });
    // Right after registering, the frontend may not know the namespace yet: ask until it does.
    await untilAnswered(
      () =>
        connection.operatorService.addSearchAttributes({ namespace, searchAttributes }).catch((error: unknown) => {
          if (!exists(error)) throw error;
        }),
      `the search attributes of ${namespace}`,
    );
    await untilAnswered(() => connection.workflowService.countWorkflowExecutions({ namespace, query: '' }), `namespace ${namespace}`);
    // The frontend answers before history and matching have joined it ("Not enough hosts"): ask
    // each once through it. A workflow that does not exist is history's answer.
    await untilAnswered(
      () =>
        connection.workflowService.describeWorkflowExecution({ namespace, execution: { workflowId: 'shuzhi-cluster-ready' } }).catch((error: unknown) => {
          if ((error as { code?: number }).code !== GRPC_NOT_FOUND) throw error;
        }),
      'the history service',
    );
    await untilAnswered(
      () =>
        connection.workflowService.describeTaskQueue({
          namespace,
          taskQueue: { name: 'shuzhi-cluster-ready' },
          taskQueueType: temporal.api.enums.v1.TaskQueueType.TASK_QUEUE_TYPE_WORKFLOW,
        }),
      'the matching service',
    );
  } finally {
    await connection.close();
  }
}

async function untilAnswered(ask: () => Promise<unknown>, what: string, patienceMs = 60_000): Promise<void> {
  const deadline = Date.now() + patienceMs;
  for (;;) {
    try {
      await ask();
      return;
    } catch (error) {
      if (Date.now() > deadline) throw new Error(`${what} not served within ${patienceMs / 1000} s: ${String(error)}`, { cause: error });
      await new Promise((resolve) => setTimeout(resolve, 1_000));
    }
  }
}

/**
 * `count` ports in a row from `first`, or from a free run the system has. Below 32768: the SQL
 * schema keeps a service's membership port in a smallint.
 */
async function portsFrom(first: number | undefined, count: number): Promise<number[]> {
  const run = (from: number) => Array.from({ length: count }, (_, index) => from + index);
  if (first !== undefined) return run(first);
  for (let attempt = 0; attempt < 50; attempt++) {
    const from = 20_000 + Math.floor(Math.random() * (32_767 - 20_000 - count));
    if ((await Promise.all(run(from).map(isFree))).every(Boolean)) return run(from);
  }
  throw new Error(`no ${count} free ports in a row between 20000 and 32767`);
}

const isFree = (port: number) =>
  new Promise<boolean>((resolve) => {
    const server = createServer();
    server.once('error', () => resolve(false));
    server.listen(port, '127.0.0.1', () => server.close(() => resolve(true)));
  });

/**
 * A cluster in a folder of its own, with its own two databases, shaped as the SDK's dev-server
 * environment (`client`, `connection`, `nativeConnection`, `address`, `namespace`, `teardown`) for
 * the tests and the bench; teardown stops it and drops its databases.
 */
export async function startClusterEnvironment(options: {
  tools: ClusterTools;
  postgresUrl: string;
  dataConverter: DataConverter;
  historyShards?: number;
}): Promise<ClusterEnvironment> {
  const databaseName = `shuzhi_cluster_${process.pid}_${Date.now() % 1e8}`;
  const cluster = await startTemporalCluster({
    tools: options.tools,
    postgresUrl: options.postgresUrl,
    databaseName,
    dir: mkdtempSync(join(tmpdir(), 'shuzhi-cluster-')),
    namespace: 'default',
    historyShards: options.historyShards,
  });
  const connection = await Connection.connect({ address: cluster.address });
  const nativeConnection = await NativeConnection.connect({ address: cluster.address });
  const environment = {
    cluster,
    address: cluster.address,
    namespace: 'default',
    connection,
    nativeConnection,
    client: new Client({ connection, namespace: 'default', dataConverter: options.dataConverter }),
    currentTimeMs: () => Date.now(),
    async teardown() {
      await nativeConnection.close();
      await connection.close();
      await cluster.stop();
      await dropPostgresDatabases(options.postgresUrl, [databaseName, `${databaseName}_visibility`]);
    },
  };
  // The parts of TestWorkflowEnvironment the tests and the bench use; time skipping is the test server's alone.
  return environment as unknown as ClusterEnvironment;
}

export type ClusterEnvironment = TestWorkflowEnvironment & { cluster: TemporalCluster };
