// `shuzhi season approve <season>`: leadership approves many reports at once. A rating is never
// assumed: `--rating` gives one to all, `--ratings <csv>` one to each branch it lists. The exit
// code is 0 only when every report asked for is approved (now or before).
import type { Command } from 'commander';
import { bulkApprove, type ApprovalResult } from '../app/bulk-approve';
import { assertSeasonBranches, seasonBranches } from '../app/season-lookup';
import type { Db } from '../db/client';
import { reportId as reportIdOf } from '../domain/ids';
import { RATINGS, type Rating } from '../domain/vocabulary';
import { loadConfig } from '../config/env';
import type { ApiClient } from './api-client';
import { cliLocale, msg, print, refuseWith, withKnown } from './cli-context';
import { personDoor } from './cli-identity';
import { progressBar } from './progress';
import { readRatingsFile, type RatingsFile } from './ratings-file';

interface ApproveOptions {
  as?: string;
  branch?: string[];
  allReviewed?: boolean;
  rating?: string;
  ratings?: string;
  comment?: string;
  reason?: string;
  concurrency?: string;
  json?: boolean;
}

/** Adds the approve command to `parent` (`season approve`, and the older top-level `approve`). */
export function addApproveCommand(parent: Command, name = 'approve', options: { hidden?: boolean } = {}): void {
  const command = parent
    .command(name, options)
    .description(msg.help.approve)
    .argument('<season>', msg.help.seasonArg)
    .option('--as <email>', msg.help.approveAs)
    .option('--rating <rating>', msg.help.rating)
    .option('--ratings <csv>', msg.help.ratings)
    .option('--branch <ids...>', msg.help.branches)
    .option('--all-reviewed', msg.help.allReviewed)
    .option('--comment <text>', msg.help.approveComment)
    .option('--reason <text>', msg.help.approveReason)
    .option('--concurrency <n>', msg.help.concurrency)
    .option('--json', msg.help.json);
  command.action((seasonId: string, opts: ApproveOptions) => approve(seasonId, opts));
}

async function approve(seasonId: string, options: ApproveOptions): Promise<void> {
  // Refused before anything is opened: a leader who forgets the rating must not rate everyone 好.
  if (!options.rating && !options.ratings) refuseWith((m) => m.errors.ratingRequired);
  if (options.rating && !RATINGS.includes(options.rating as Rating)) refuseWith((m) => m.errors.badRating, options.rating);
  const concurrency = Number(options.concurrency ?? 8);
  if (!Number.isInteger(concurrency) || concurrency < 1 || concurrency > 64) refuseWith((m) => m.errors.badConcurrency, options.concurrency ?? '');
  const door = personDoor(loadConfig(), options.as);
  if (door.via === 'api') return approveThroughApi(door.api, seasonId, options);
  const actor = door.actor;
  await withKnown(
    ({ db }) => knownRatings(db, seasonId, options),
    async ({ db, client }, file) => {
      const branchIds = options.branch ?? (file && !options.rating ? [...file.ratings.keys()] : undefined);
      const bar = progressBar(msg.approving);
      const results = await bulkApprove(client, db, {
        seasonId,
        actor,
        rating: options.rating as Rating | undefined,
        ratings: file ? Object.fromEntries([...file.ratings].map(([branchId, rating]) => [reportIdOf(seasonId, branchId), rating])) : undefined,
        comment: options.comment,
        reason: options.reason,
        branchIds,
        concurrency,
        onProgress: bar.update,
      });
      bar.finish();
      printApprovals(seasonId, options.json, results);
    },
  );
}

interface VisibleReport {
  id: string;
  seasonId: string;
  branchId: string;
  branchName: string;
  state: string;
}

/**
 * The same approval through the web app's API, as the person the token names: the reports are
 * those the API shows them in this season (the branches asked for, the ratings file's, or every
 * report in review), and the web app approves each and answers for each.
 */
async function approveThroughApi(api: ApiClient, seasonId: string, options: ApproveOptions): Promise<void> {
  const { reports } = await api.get<{ reports: VisibleReport[] }>('/reports');
  const inSeason = reports.filter((r) => r.seasonId === seasonId);
  if (!inSeason.length) refuseWith((m) => m.errors.unknownSeason, seasonId);
  const file = options.ratings
    ? readRatingsFile(
        options.ratings,
        seasonId,
        inSeason.map((r) => ({ branchId: r.branchId, name: r.branchName })),
      )
    : undefined;
  if (file?.notice) console.error(file.notice[cliLocale()]);
  const branchIds =
    options.branch ?? (file && !options.rating ? [...file.ratings.keys()] : inSeason.filter((r) => r.state === 'reviewed').map((r) => r.branchId));
  const ratingOf = (branchId: string) => file?.ratings.get(branchId) ?? (options.rating as Rating | undefined);
  const missing = branchIds.filter((id) => !ratingOf(id));
  if (missing.length) refuseWith((m) => m.errors.noRatingFor, missing.join(', '));
  if (!branchIds.length) return printApprovals(seasonId, options.json, []);
  const items = branchIds.map((branchId) => ({ reportId: reportIdOf(seasonId, branchId), rating: ratingOf(branchId) }));
  const { results } = await api.post<{ results: ApprovalResult[] }>('/approvals', { items, comment: options.comment, reason: options.reason });
  printApprovals(seasonId, options.json, results);
}

/** The season, the branches and the ratings file, all checked before anything is approved. */
async function knownRatings(db: Db, seasonId: string, options: ApproveOptions): Promise<RatingsFile | undefined> {
  await assertSeasonBranches(db, seasonId, options.branch);
  if (!options.ratings) return undefined;
  const file = readRatingsFile(options.ratings, seasonId, await seasonBranches(db, seasonId));
  if (file.notice) console.error(file.notice[cliLocale()]);
  const missing = options.rating ? [] : (options.branch ?? []).filter((id) => !file.ratings.has(id));
  if (missing.length) refuseWith((m) => m.errors.noRatingFor, missing.join(', '));
  return file;
}

function printApprovals(seasonId: string, json: boolean | undefined, results: ApprovalResult[]): void {
  const locale = cliLocale();
  const count = (outcome: string) => results.filter((r) => r.outcome === outcome).length;
  const already = results.filter((r) => r.code === 'already_approved').length;
  const left = results.length - count('approved') - already;
  const summary = msg.bulkSummary(
    results.length,
    ['approved', 'skipped', 'not_permitted', 'failed'].map((o) => `${msg.outcome[o]} ${count(o)}`).join(locale === 'en' ? ', ' : '，') +
      (already ? msg.alreadyApproved(already) : ''),
  );
  const text = results.length
    ? [
        ...results.map((r) => `  ${r.reportId}: ${msg.outcome[r.outcome]}${r.reason ? ` — ${r.reason[locale]}` : ''}`),
        summary,
        ...(left ? [msg.partial(left)] : []),
      ]
    : [msg.nothingToApprove(seasonId)];
  print(json, results, text.join('\n'));
  // Anything asked for and not approved (refused, not permitted, failed) must show in the exit code.
  if (left) process.exitCode = 1;
}
