// A worker build's name. A season is pinned to the build it started on, so the name must change
// whenever the workflow code does, and only then: two workers of one checkout, or of two clones
// of one commit, share it.
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { PROJECT_ROOT } from '../config/env';

/** What the workflow bundle is made of: the workflows, the words they share, the failure converter. */
const WORKFLOW_SOURCES = ['workflows', 'domain', 'temporal/failure-converter.ts'];

function filesUnder(path: string): string[] {
  const entries = readdirSync(path, { withFileTypes: true });
  return entries.flatMap((entry) => {
    const full = join(path, entry.name);
    if (entry.isDirectory()) return filesUnder(full);
    return entry.name.endsWith('.ts') ? [full] : [];
  });
}

function sourceFiles(root: string): string[] {
  return WORKFLOW_SOURCES.flatMap((source) => (source.endsWith('.ts') ? [join(root, source)] : filesUnder(join(root, source)))).sort();
}

/** `<package version>-<12 hex>`: the version, and a hash of the workflow sources and the SDK's version. */
export function workflowBuildId(root = PROJECT_ROOT): string {
  const hash = createHash('sha256');
  const packageVersion = (file: string) => (JSON.parse(readFileSync(file, 'utf8')) as { version: string }).version;
  hash.update(`@temporalio/workflow ${packageVersion(join(root, 'node_modules/@temporalio/workflow/package.json'))}\n`);
  for (const file of sourceFiles(root)) {
    hash.update(`${relative(root, file)}\n`);
    hash.update(readFileSync(file));
  }
  return `${packageVersion(join(root, 'package.json'))}-${hash.digest('hex').slice(0, 12)}`;
}
