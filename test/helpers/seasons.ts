import { join } from 'node:path';
import { PROJECT_ROOT } from '../../config/env';
import { loadSeasonFile } from '../../app/season-file-loader';
import type { SeasonFile } from '../../domain/season-file';

export const DEMO_SEASON_FILE = join(PROJECT_ROOT, 'examples', 'demo-season.yaml');

/** The demo season with a due date a month from now, so it is never in the past. */
export function demoSeason(overrides: Partial<SeasonFile> = {}): SeasonFile {
  const file = loadSeasonFile(DEMO_SEASON_FILE, { allowPastDueDate: true });
  return { ...file, dueDate: new Date(Date.now() + 30 * 86_400_000).toISOString().slice(0, 10), ...overrides };
}
