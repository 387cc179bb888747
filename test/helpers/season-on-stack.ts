// A season created and started through the CLI, as an admin does it, on a test's stack.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { stringify } from 'yaml';
import type { SeasonFile } from '../../domain/season-file';
import { runCli } from './cli';
import type { RealStack } from './real-stack';
import { DEMO_SEASON_FILE } from './seasons';

/** Creates and starts `season` (the demo file when not given) and waits until every report is assigned. */
export async function startSeasonOnStack(stack: RealStack, season?: SeasonFile): Promise<void> {
  const file = season ? join(stack.dir, 'season.yaml') : DEMO_SEASON_FILE;
  if (season) writeFileSync(file, stringify(season));
  for (const args of [
    ['season', 'create', '--file', file],
    ['season', 'start', season?.id ?? 'demo-2026', '--wait'],
  ]) {
    const result = await runCli(args, stack.cliEnv);
    if (result.code !== 0) throw new Error(`${args.join(' ')}: ${result.stderr}`);
  }
}
