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

/** The demo season's reports and people, as the tests name them. */
export const DEMO = {
  middle: 'demo-2026/no1-middle-school',
  primary: 'demo-2026/experimental-primary',
  secretary: 'shuji.yizhong@school.example',
  otherSecretary: 'shuji.shixiao@school.example',
  leader: 'dangzu.shuji@bureau.example',
  admin: 'zuzhi@bureau.example',
  /** Not in the demo file: the middle school's own reviewer in `demoSeasonWithReviewer`. */
  reviewer: 'weiyuan.qian@bureau.example',
} as const;

/** The demo season in which the middle school has its own reviewer, apart from the admin. */
export function demoSeasonWithReviewer(): SeasonFile {
  const base = demoSeason();
  const branches = base.organization.branches.map((b) => (b.id === 'no1-middle-school' ? { ...b, reviewer: DEMO.reviewer } : b));
  return { ...base, organization: { ...base.organization, branches } };
}

export const DEMO_MEETING_FILE = join(PROJECT_ROOT, 'examples', 'demo-meeting.yaml');
