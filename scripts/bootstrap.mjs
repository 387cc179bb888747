// Brings a fresh clone (or a stale one) to the point where the stack and the tests can run:
// npm packages, the generated Prisma clients, the Temporal CLI, and with --for-tests the
// time-skipping test server and a PostgreSQL to test against. Plain Node, no dependencies:
// it runs before node_modules exists. Each step is skipped quickly when already done.
import { execFileSync, spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { accessSync, constants, existsSync, mkdirSync, readFileSync, renameSync, writeFileSync, chmodSync } from 'node:fs';
import { delimiter, dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const tools = join(root, '.tools');
const forTests = process.argv.includes('--for-tests');
// `npm start -- --cluster` runs this with --cluster: Temporal's own server and PostgreSQL too.
const forCluster = process.argv.includes('--cluster');
const TEMPORAL_CLI_VERSION = 'v1.5.1';
// The newest server `go install` builds here (docs/operations.md#a-real-cluster).
const TEMPORAL_SERVER_VERSION = 'v1.29.1';

function step(what) {
  const started = Date.now();
  process.stdout.write(`[bootstrap] ${what} … `);
  return (result = 'done') => console.log(`${result} (${((Date.now() - started) / 1000).toFixed(1)}s)`);
}

function fail(message) {
  console.error(`\n[bootstrap] ${message}`);
  process.exit(1);
}

function run(command, args, options = {}) {
  const result = spawnSync(command, args, { cwd: root, stdio: 'inherit', ...options });
  if (result.status !== 0) fail(`${command} ${args.join(' ')} failed (exit ${result.status ?? result.signal})`);
}

function which(command) {
  for (const dir of (process.env.PATH ?? '').split(delimiter)) {
    const candidate = join(dir, command);
    try {
      accessSync(candidate, constants.X_OK);
      return candidate;
    } catch {
      /* not here */
    }
  }
  return null;
}

const hashOf = (...files) => {
  const hash = createHash('sha256');
  for (const file of files) hash.update(readFileSync(join(root, file)));
  return hash.digest('hex');
};

function ensureNodeVersion() {
  const [major, minor] = process.versions.node.split('.').map(Number);
  if (major < 20 || (major === 20 && minor < 19)) fail(`Node.js 20.19 or newer is needed (this is ${process.version}).`);
}

function ensurePackages() {
  const marker = join(root, 'node_modules', '.shuzhi-lock-hash');
  const wanted = hashOf('package-lock.json');
  if (existsSync(marker) && readFileSync(marker, 'utf8') === wanted) return;
  const done = step('installing npm packages (npm ci)');
  run('npm', ['ci', '--no-audit', '--no-fund', '--loglevel=error']);
  writeFileSync(marker, wanted);
  done();
}

async function ensurePrismaClients() {
  const { syncSchemas, PROVIDERS } = await import('../prisma/sync-schemas.mjs');
  syncSchemas();
  // A URL of the right kind must be set, or the CLI tries to download a native engine.
  const sampleUrl = { sqlite: 'file:./data/unused.db', postgresql: 'postgresql://unused@127.0.0.1:1/unused' };
  for (const provider of PROVIDERS) {
    const schema = `prisma/${provider}/schema.prisma`;
    const marker = join(root, 'generated', 'prisma', provider, '.schema-hash');
    const wanted = hashOf(schema, 'package-lock.json');
    if (existsSync(marker) && readFileSync(marker, 'utf8') === wanted) continue;
    const done = step(`generating the Prisma client for ${provider}`);
    run(process.execPath, ['node_modules/prisma/build/index.js', 'generate', '--schema', schema], {
      env: { ...process.env, DATABASE_URL: sampleUrl[provider], PRISMA_HIDE_UPDATE_MESSAGE: '1' },
      stdio: 'pipe',
    });
    writeFileSync(marker, wanted);
    done();
  }
}

function ensureTemporalCli() {
  if (process.env.TEMPORAL_CLI) {
    try {
      accessSync(process.env.TEMPORAL_CLI, constants.X_OK);
    } catch {
      fail(`TEMPORAL_CLI=${process.env.TEMPORAL_CLI} is not an executable file.`);
    }
    return process.env.TEMPORAL_CLI;
  }
  const built = join(tools, 'bin', 'temporal');
  if (existsSync(built)) return built;
  const onPath = which('temporal');
  if (onPath) return onPath;
  if (!which('go')) {
    fail(
      'The Temporal CLI is needed and cannot be downloaded here; it is built from source with Go.\n' +
        '  Install Go 1.23 or newer (Debian: apt-get install golang-go, or the official tarball),\n' +
        '  or put a `temporal` binary on PATH, or set TEMPORAL_CLI=/path/to/temporal.',
    );
  }
  const done = step(
    `building the Temporal CLI ${TEMPORAL_CLI_VERSION} into .tools/bin with go install ` +
      '(the first build takes a few minutes; later ones use the Go build cache)\n',
  );
  run('go', ['install', `github.com/temporalio/cli/cmd/temporal@${TEMPORAL_CLI_VERSION}`], {
    env: { ...process.env, GOBIN: join(tools, 'bin'), CGO_ENABLED: '0' },
  });
  done('[bootstrap] Temporal CLI built');
  return built;
}

/**
 * Temporal's own server and its SQL tool, for the cluster stack (`npm start -- --cluster`, the
 * cluster tests), built like the CLI; the schemas come from the same Go module, whose folder Go
 * reports. Both are large Go builds: a few minutes the first time, seconds from the build cache.
 */
function ensureTemporalServer() {
  const server = join(tools, 'bin', 'temporal-server');
  const sqlTool = join(tools, 'bin', 'temporal-sql-tool');
  const module = `go.temporal.io/server@${TEMPORAL_SERVER_VERSION}`;
  if (!which('go')) fail("The cluster stack builds Temporal's server from source with Go: install Go 1.23 or newer.");
  for (const [binary, pkg, name] of [
    [server, 'cmd/server', 'server'],
    [sqlTool, 'cmd/tools/sql', 'sql'],
  ]) {
    if (existsSync(binary)) continue;
    const done = step(`building Temporal's ${name} ${TEMPORAL_SERVER_VERSION} into .tools/bin with go install (a few minutes the first time)\n`);
    const gobin = join(tools, 'go-build');
    run('go', ['install', `go.temporal.io/server/${pkg}@${TEMPORAL_SERVER_VERSION}`], { env: { ...process.env, GOBIN: gobin, CGO_ENABLED: '0' } });
    mkdirSync(join(tools, 'bin'), { recursive: true });
    renameSync(join(gobin, name), binary);
    done(`[bootstrap] Temporal ${name} built`);
  }
  const modcache = spawnSync('go', ['env', 'GOMODCACHE'], { encoding: 'utf8' }).stdout.trim();
  const schemaDir = join(modcache, module, 'schema', 'postgresql', 'v12');
  if (!existsSync(schemaDir)) {
    run('go', ['mod', 'download', module]);
  }
  return { server, sqlTool, schemaDir };
}

function ensureTestServer() {
  const dir = join(tools, 'temporal-test-server');
  const classpathFile = join(dir, 'classpath.txt');
  const wrapper = join(tools, 'bin', 'temporal-test-server');
  const pom = join(root, 'tools', 'temporal-test-server', 'pom.xml');
  const pomHash = hashOf('tools/temporal-test-server/pom.xml');
  const markerFile = join(dir, '.pom-hash');
  const upToDate =
    existsSync(wrapper) &&
    existsSync(markerFile) &&
    readFileSync(markerFile, 'utf8') === pomHash &&
    readFileSync(classpathFile, 'utf8')
      .split(':')
      .every((jar) => existsSync(jar));
  if (upToDate) return wrapper;
  if (!which('java') || !which('mvn')) {
    fail(
      'The time-skipping test server (Java, from Maven Central) needs `java` and `mvn`.\n' +
        '  Install them (Debian: apt-get install default-jdk-headless maven) and run again.',
    );
  }
  const done = step('fetching the Temporal time-skipping test server from Maven Central');
  mkdirSync(dir, { recursive: true });
  run('mvn', ['-q', '-B', '-f', pom, 'dependency:build-classpath', `-Dmdep.outputFile=${classpathFile}`], {
    stdio: 'pipe',
  });
  mkdirSync(dirname(wrapper), { recursive: true });
  writeFileSync(
    wrapper,
    `#!/bin/sh\n# Generated by scripts/bootstrap.mjs: Temporal's Java test server, args <port> [--enable-time-skipping]\n` +
      `exec java -cp "$(cat '${classpathFile}')" io.temporal.testserver.TestServer "$@"\n`,
  );
  chmodSync(wrapper, 0o755);
  writeFileSync(markerFile, pomHash);
  done();
  return wrapper;
}

/** Makes a PostgreSQL available for the tests, or says why it is not. */
function ensurePostgres() {
  if (process.env.SHUZHI_TEST_POSTGRES_URL) return { available: true, url: process.env.SHUZHI_TEST_POSTGRES_URL };
  const isRoot = process.getuid?.() === 0;
  const serverInstalled = () =>
    existsSync('/usr/lib/postgresql') && spawnSync('sh', ['-c', 'ls /usr/lib/postgresql/*/bin/postgres'], { stdio: 'ignore' }).status === 0;
  if (!serverInstalled()) {
    if (!isRoot || !which('apt-get')) {
      return { available: false, reason: 'PostgreSQL is not installed and this user cannot install it (needs root and apt-get)' };
    }
    const done = step('installing PostgreSQL from Debian (apt-get install postgresql)');
    const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
    const update = spawnSync('apt-get', ['update'], { stdio: 'pipe', env });
    const install = spawnSync('apt-get', ['install', '-y', 'postgresql'], { stdio: 'pipe', env });
    if (update.status !== 0 || install.status !== 0 || !serverInstalled()) {
      done('failed');
      return { available: false, reason: `apt-get install postgresql failed: ${install.stderr?.toString().slice(-300)}` };
    }
    done();
  }
  const clusters = () =>
    spawnSync('pg_lsclusters', ['--no-header'], { encoding: 'utf8' })
      .stdout?.split('\n')
      .filter(Boolean)
      .map((line) => line.trim().split(/\s+/))
      .map(([version, name, port, status]) => ({ version, name, port: Number(port), status })) ?? [];
  if (!which('pg_lsclusters')) return { available: false, reason: 'pg_lsclusters not found (not a Debian PostgreSQL)' };
  let cluster = clusters()[0];
  if (!isRoot && (!cluster || cluster.status !== 'online')) {
    return { available: false, reason: 'PostgreSQL is installed but not running, and only root can start it here' };
  }
  if (!cluster) {
    const version = execFileSync('sh', ['-c', 'ls /usr/lib/postgresql | sort -n | tail -1'], { encoding: 'utf8' }).trim();
    const done = step(`creating PostgreSQL cluster ${version}/main`);
    spawnSync('pg_createcluster', [version, 'main'], { stdio: 'pipe' });
    done();
    cluster = clusters()[0];
  }
  if (!cluster) return { available: false, reason: 'no PostgreSQL cluster could be created' };
  if (cluster.status !== 'online') {
    const done = step(`starting PostgreSQL ${cluster.version}/${cluster.name}`);
    const started = spawnSync('pg_ctlcluster', [cluster.version, cluster.name, 'start'], { stdio: 'pipe' });
    if (started.status !== 0) {
      done('failed');
      return { available: false, reason: `pg_ctlcluster start failed: ${started.stderr?.toString().trim()}` };
    }
    done();
  }
  if (isRoot) {
    // pg_signal_backend: a test's scratch database is dropped WITH (FORCE), which PostgreSQL 15
    // refuses to a plain role while an autovacuum worker is in that database (seen: a fresh-clone
    // run failed audit-verify's cleanup so).
    const sql =
      "DO $$ BEGIN IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = 'shuzhi') THEN " +
      "CREATE ROLE shuzhi LOGIN PASSWORD 'shuzhi' CREATEDB; END IF; END $$; GRANT pg_signal_backend TO shuzhi;";
    const role = spawnSync('su', ['postgres', '-c', `psql -q -p ${cluster.port} -v ON_ERROR_STOP=1 -c "${sql.replace(/\$/g, '\\$')}"`], {
      stdio: 'pipe',
    });
    if (role.status !== 0) return { available: false, reason: `creating the shuzhi role failed: ${role.stderr}` };
  }
  return { available: true, url: `postgresql://shuzhi:shuzhi@127.0.0.1:${cluster.port}/postgres` };
}

/** Debian's Chromium for the browser tests, and a font with Chinese glyphs for their screenshots. */
function ensureChromium() {
  const wanted = process.env.CHROMIUM_PATH ?? which('chromium') ?? which('chromium-browser');
  const hasCjkFont = () => /wqy|noto.*cjk|droid.*fallback/i.test(spawnSync('fc-list', [], { encoding: 'utf8' }).stdout ?? '');
  const missing = [...(wanted ? [] : ['chromium']), ...(hasCjkFont() ? [] : ['fonts-wqy-microhei'])];
  if (missing.length && process.getuid?.() === 0 && which('apt-get')) {
    const done = step(`installing ${missing.join(' and ')} from Debian (apt-get)`);
    const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
    spawnSync('apt-get', ['update'], { stdio: 'pipe', env });
    const install = spawnSync('apt-get', ['install', '-y', ...missing], { stdio: 'pipe', env });
    done(install.status === 0 ? 'done' : 'failed');
  }
  const chromium = process.env.CHROMIUM_PATH ?? which('chromium') ?? which('chromium-browser');
  if (!chromium) {
    fail('The browser tests need Chromium. Install it (Debian: apt-get install chromium) or set CHROMIUM_PATH, and run again.');
  }
  if (!hasCjkFont()) console.log('[bootstrap] no font with Chinese glyphs: screenshots will show boxes (apt-get install fonts-wqy-microhei)');
  return chromium;
}

// ---- LibreOffice, for the Word export's test (test/integration/word-export-libreoffice.test.ts) ----

/**
 * Debian's LibreOffice Writer and a font with Chinese glyphs, so the test can render the Word
 * compilation to PDF and read it back. Installed as root when missing; otherwise the test fails
 * saying what to install (it is never skipped).
 */
function ensureLibreOffice() {
  const soffice = () => process.env.SOFFICE_PATH ?? which('soffice') ?? which('libreoffice');
  const hasChineseFont = () => (spawnSync('fc-list', [':lang=zh', 'family'], { encoding: 'utf8' }).stdout ?? '').trim() !== '';
  const missing = [...(soffice() ? [] : ['libreoffice-writer-nogui']), ...(hasChineseFont() ? [] : ['fonts-noto-cjk'])];
  if (missing.length && process.getuid?.() === 0 && which('apt-get')) {
    const done = step(`installing ${missing.join(' and ')} from Debian (apt-get)`);
    const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
    spawnSync('apt-get', ['update'], { stdio: 'pipe', env });
    const install = spawnSync('apt-get', ['install', '-y', '--no-install-recommends', ...missing], { stdio: 'pipe', env });
    done(install.status === 0 ? 'done' : 'failed');
  }
  if (!soffice() || !hasChineseFont()) {
    console.log(
      '[bootstrap] the Word export test will fail: install LibreOffice and a Chinese font (apt-get install --no-install-recommends libreoffice-writer-nogui fonts-noto-cjk)',
    );
  }
}

async function main() {
  ensureNodeVersion();
  ensurePackages();
  await ensurePrismaClients();
  const paths = { temporalCli: ensureTemporalCli() };
  if (forTests) {
    paths.temporalTestServer = ensureTestServer();
    paths.postgres = ensurePostgres();
    paths.chromium = ensureChromium();
    paths.temporalCluster = ensureTemporalServer();
    ensureLibreOffice();
    if (!paths.postgres.available) console.log(`[bootstrap] PostgreSQL tests will NOT run: ${paths.postgres.reason}`);
  } else if (forCluster) {
    paths.postgres = ensurePostgres();
    paths.temporalCluster = ensureTemporalServer();
    if (!paths.postgres.available) fail(`The cluster stack needs PostgreSQL: ${paths.postgres.reason}`);
  }
  mkdirSync(tools, { recursive: true });
  const file = join(tools, forTests ? 'paths.test.json' : 'paths.json');
  writeFileSync(file, JSON.stringify(paths, null, 2) + '\n');
}

await main();
