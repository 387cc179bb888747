// The `shuzhi` command line. Thin: parses arguments, calls client/ and db/ functions, prints.
import { readFileSync, writeFileSync } from 'node:fs';
import { seasonCsv } from '../exports/csv-export';
import { seasonDocx } from '../exports/docx-export';
import { seasonMarkdown } from '../exports/markdown-export';
import { loadSeasonExportData } from '../exports/season-data';
import { Command } from 'commander';
import type { Client } from '@temporalio/client';
import { join } from 'node:path';
import { ConfigError, loadConfig, type Config } from '../config/env';
import { openDb, type Db } from '../db/client';
import { migrateDatabase, redact } from '../db/migrate';
import { ClosedSeasonError } from '../db/season-import';
import { auditVerify, VERIFY_EXIT } from './audit-verify-command';
import { auditCsv } from '../exports/csv';
import { Mailbox } from '../mail/mailbox';
import { cliMessages } from './messages';
import { formatProblem, loadSeasonFile, SeasonFileError, validateSeasonFile } from '../app/season-file-loader';
import { closeSeason, createSeason, findSeason, seasonStatus, startSeason, UnknownSeasonError, waitForClose, waitForFanOut } from '../app/season-commands';
import { bulkApprove } from '../app/bulk-approve';
import type { BulkResult } from '../app/bulk';
import { addBranch, delegateQueue, extendSeason } from '../app/season-changes';
import { branchSchema } from '../domain/season-file';
import { progressBar } from './progress';
import type { SeasonSummary } from '../domain/activity-contract';
import type { SeasonProgress } from '../domain/season-api';
import { connectTemporal } from '../app/temporal';
import { listSeasonRecord } from '../app/season-record';
import {
  changeRole,
  exemptReport,
  extendReport,
  reassignReport,
  ReportRequestError,
  reviewReport,
  saveDraft,
  showReport,
  submitReport,
  dueDateFor,
} from '../app/report-commands';
import { formatInZone, parseDueDate } from '../domain/time';
import { RATINGS, stateName, type Rating } from '../domain/vocabulary';
import type { Actor, ReportSnapshot } from '../domain/report-api';
import { loadAuditKeyring } from '../config/secret';

const program = new Command().name('shuzhi').description('述职评议工作流 — the annual reporting cycle on Temporal').showHelpAfterError();

/** Loads config and database for one command, and always closes what it opened. */
async function withContext<T>(run: (ctx: { config: Config; db: Db }) => Promise<T>): Promise<T> {
  const config = loadConfig();
  const db = await openDb(config.DATABASE_URL);
  try {
    return await run({ config, db });
  } finally {
    await db.$disconnect();
  }
}

/** As withContext, with a Temporal client too. */
function withTemporal<T>(run: (ctx: { config: Config; db: Db; client: Client }) => Promise<T>): Promise<T> {
  return withContext(async ({ config, db }) => {
    const client = await connectTemporal(config);
    try {
      return await run({ config, db, client });
    } finally {
      await client.connection.close();
    }
  });
}

function print(json: boolean | undefined, value: unknown, text: string) {
  console.log(json ? JSON.stringify(value, null, 2) : text);
}

const season = program.command('season').description('create, start and watch a season / 述职季度');

season
  .command('validate')
  .description('check a season file and report every problem with file, line and field; creates nothing')
  .requiredOption('--file <path>', 'season file')
  .option('--json', 'print JSON')
  .action((options: { file: string; json?: boolean }) => {
    // Warnings (say, a leader who is also a branch's secretary) are shown but do not fail the file.
    const { file, problems, warnings } = validateSeasonFile(options.file);
    const warned = warnings.length ? [`! ${warnings.length} warning(s):`, ...warnings.map(formatProblem)] : [];
    const text = file
      ? [`✓ ${options.file}: ${file.organization.branches.length} branches, ${file.people.length} people`, ...warned].join('\n')
      : [`✗ ${problems.length} problem(s):`, ...problems.map(formatProblem), ...warned].join('\n');
    print(options.json, { valid: !!file, problems, warnings }, text);
    if (!file) process.exitCode = 1;
  });

season
  .command('create')
  .description('import a season file (YAML) into the database')
  .requiredOption('--file <path>', 'season file')
  .option('--as <email>', 'who is creating it (default: the first admin in the file)')
  .option('--json', 'print JSON')
  .action(async (options: { file: string; as?: string; json?: boolean }) => {
    const file = loadSeasonFile(options.file); // a bad file is refused before anything is opened
    await withContext(async ({ config, db }) => {
      const result = await createSeason(db, file, { email: options.as, channel: 'cli' }, loadAuditKeyring(config).current);
      const msg = cliMessages(config.SHUZHI_LOCALE);
      const say = result.created ? msg.seasonCreated : msg.seasonUpdated;
      print(options.json, result, say(result.seasonId, result.branches, result.people));
    });
  });

season
  .command('start <season>')
  .description('start the season workflow: one report workflow per branch, assignment mails')
  .option('--as <email>', 'who is starting it (default: the season’s first admin)')
  .option('--wait', 'wait, with a progress bar, until every branch has its report workflow')
  .option('--json', 'print JSON')
  .action(async (seasonId: string, options: { as?: string; wait?: boolean; json?: boolean }) =>
    withTemporal(async ({ config, db, client }) => {
      const result = await startSeason(client, db, seasonId, { email: options.as, channel: 'cli' });
      const msg = cliMessages(config.SHUZHI_LOCALE);
      const say = result.alreadyStarted ? msg.seasonAlreadyStarted : msg.seasonStarted;
      let summary: SeasonProgress | undefined;
      if (options.wait) {
        const bar = progressBar(config.SHUZHI_LOCALE === 'en' ? 'assigning' : '分配中');
        summary = await waitForFanOut(client, db, seasonId, bar.update);
        bar.finish();
      }
      const text = say(seasonId, result.workflowId) + (summary ? '\n' + msg.seasonFinishedFanOut(summary.started, summary.alreadyRunning) : '');
      print(options.json, { ...result, summary }, text);
    }),
  );

season
  .command('close <season>')
  .description('close the season: stop every reminder, settle every report, write the summary')
  .requiredOption('--as <email>', 'a season admin')
  .option('--wait', 'wait for the summary and print it')
  .option('--json', 'print JSON')
  .action(async (seasonId: string, options: { as: string; wait?: boolean; json?: boolean }) =>
    withTemporal(async ({ db, client }) => {
      await closeSeason(client, db, seasonId, { email: options.as.toLowerCase(), channel: 'cli' });
      if (!options.wait) return print(options.json, { seasonId, closing: true }, `closing ${seasonId}…`);
      const summary = await waitForClose(client, seasonId);
      print(options.json, summary, describeSummary(seasonId, summary));
    }),
  );

season
  .command('status <season>')
  .description('progress of a season from the database read model')
  .option('--json', 'print JSON')
  .action(async (seasonId: string, options: { json?: boolean }) =>
    withContext(async ({ config, db }) => {
      const status = await seasonStatus(db, seasonId);
      const text = [
        `${status.title} (${status.seasonId}) — ${status.status}`,
        `due ${formatInZone(new Date(status.dueAt), status.timeZone)} (${status.timeZone}); ${status.branches} branches; ${status.mailsSent} mails sent`,
        'by state:',
        ...Object.entries(status.reportsByState).map(([state, n]) => `  ${stateName(state, config.SHUZHI_LOCALE)} (${state}): ${n}`),
        `overdue: ${status.overdue.length}`,
        ...status.overdue.map(
          (o) => `  ${o.branchId} ${o.branchName}: ${o.daysOverdue} day(s) overdue; told: ${o.told ? `${o.told.who} at ${o.told.at}` : 'nobody yet'}`,
        ),
        `reviews past their SLA: ${status.reviewsPastSla.length}`,
        ...status.reviewsPastSla.map((r) => `  ${r.branchId} ${r.branchName}: reviewer ${r.reviewerEmail}, ${r.daysLate} day(s) late`),
        `ratings: ${
          Object.entries(status.ratings)
            .map(([rating, n]) => `${rating} ${n}`)
            .join(', ') || '-'
        }`,
        ...(status.summary ? [describeSummary(seasonId, status.summary)] : []),
      ].join('\n');
      print(options.json, status, text);
    }),
  );

season
  .command('export <season>')
  .description('export the season: csv (every branch), md or docx (the approved reports compiled)')
  .requiredOption('--format <format>', 'csv | md | docx')
  .requiredOption('--out <path>', 'where to write it')
  .action(async (seasonId: string, options: { format: string; out: string }) =>
    withContext(async ({ db }) => {
      if (!['csv', 'md', 'docx'].includes(options.format)) throw new Error('--format must be csv, md or docx');
      const data = await loadSeasonExportData(db, seasonId);
      const content = options.format === 'csv' ? seasonCsv(data) : options.format === 'md' ? seasonMarkdown(data) : await seasonDocx(data);
      writeFileSync(options.out, content);
      console.log(`wrote ${options.out}: ${options.format === 'csv' ? `${data.rows.length} branches` : `${data.approved.length} approved reports`}`);
    }),
  );

program
  .command('approve <season>')
  .description('leadership: approve many reviewed reports at once, each its own audited act')
  .requiredOption('--as <email>', 'the approving leader')
  .option('--branch <ids...>', 'only these branches')
  .option('--all-reviewed', 'every report that has passed review (the default without --branch)')
  .option('--rating <rating>', '好 | 较好 | 一般 | 差', '好')
  .option('--comment <text>', 'a comment recorded with each approval')
  .option('--reason <text>', 'why reports that have not passed review are approved (only where the season allows it)')
  .option('--concurrency <n>', 'approvals in flight at once', '8')
  .option('--json', 'print JSON')
  .action(
    async (
      seasonId: string,
      options: { as: string; branch?: string[]; allReviewed?: boolean; rating: string; comment?: string; reason?: string; concurrency: string; json?: boolean },
    ) =>
      withTemporal(async ({ config, db, client }) => {
        if (!RATINGS.includes(options.rating as Rating)) throw new Error(`--rating must be one of ${RATINGS.join(' ')}`);
        const bar = progressBar(config.SHUZHI_LOCALE === 'en' ? 'approving' : '审批中');
        const results = await bulkApprove(client, db, {
          seasonId,
          actor: { email: options.as.toLowerCase(), channel: 'cli' },
          rating: options.rating as Rating,
          comment: options.comment,
          reason: options.reason,
          branchIds: options.branch,
          concurrency: Number(options.concurrency),
          onProgress: bar.update,
        });
        bar.finish();
        const locale = config.SHUZHI_LOCALE;
        const count = (outcome: string) => results.filter((r) => r.outcome === outcome).length;
        const text = [
          ...results.map((r) => `  ${r.reportId}: ${r.outcome}${r.reason ? ` — ${r.reason[locale]}` : ''}`),
          `approved ${count('approved')}, skipped ${count('skipped')}, not permitted ${count('not_permitted')}, failed ${count('failed')}`,
        ].join('\n');
        print(options.json, results, text);
        // A leader who may approve none of what was asked must hear it from the exit code too.
        if (count('failed') || count('not_permitted')) process.exitCode = 1;
      }),
  );

/** Prints per-report results of a season-wide action and sets the exit code on failures. */
function printBulk(json: boolean | undefined, results: BulkResult[], locale: 'zh-CN' | 'en', done: string) {
  const count = (outcome: string) => results.filter((r) => r.outcome === outcome).length;
  const text = [
    ...results.map((r) => `  ${r.reportId}: ${r.outcome === 'done' ? done : r.outcome}${r.reason ? ` — ${r.reason[locale]}` : ''}`),
    `${done} ${count('done')}, skipped ${count('skipped')}, not permitted ${count('not_permitted')}, failed ${count('failed')}`,
  ].join('\n');
  print(json, results, text);
  if (count('failed')) process.exitCode = 1;
}

season
  .command('extend <season>')
  .description('admin: move the due date of every report still being written, or of --branch …')
  .requiredOption('--until <date>', "YYYY-MM-DD (end of that day in the season's time zone) or an ISO date-time")
  .option('--branch <ids...>', 'only these branches')
  .requiredOption('--as <email>', 'a season admin')
  .option('--json', 'print JSON')
  .action(async (seasonId: string, options: { until: string; branch?: string[]; as: string; json?: boolean }) =>
    withTemporal(async ({ config, db, client }) => {
      const season = await findSeason(db, seasonId);
      const bar = progressBar(config.SHUZHI_LOCALE === 'en' ? 'extending' : '延期中');
      const results = await extendSeason(client, db, {
        seasonId,
        until: parseDueDate(options.until, season.timeZone),
        actor: actorOf(options.as),
        branchIds: options.branch,
        onProgress: bar.update,
      });
      bar.finish();
      printBulk(options.json, results, config.SHUZHI_LOCALE, 'extended');
    }),
  );

season
  .command('delegate <season>')
  .description('admin: let someone act for a reviewer or leader until a date (recorded as "on behalf of")')
  .requiredOption('--from <email>', 'the reviewer or leader who is away')
  .requiredOption('--to <email>', 'who acts for them')
  .requiredOption('--until <date>', 'YYYY-MM-DD or an ISO date-time')
  .requiredOption('--as <email>', 'a season admin')
  .option('--json', 'print JSON')
  .action(async (seasonId: string, options: { from: string; to: string; until: string; as: string; json?: boolean }) =>
    withTemporal(async ({ config, db, client }) => {
      const season = await findSeason(db, seasonId);
      const results = await delegateQueue(client, db, {
        seasonId,
        from: options.from,
        to: options.to,
        until: parseDueDate(options.until, season.timeZone),
        actor: actorOf(options.as),
      });
      printBulk(options.json, results, config.SHUZHI_LOCALE, 'delegated');
    }),
  );

season
  .command('add-branch <season>')
  .description('admin: add a branch to a running season and send its secretary the assignment')
  .requiredOption('--id <id>', 'branch id (lower-case letters, digits, dashes)')
  .requiredOption('--name <name>', 'branch name')
  .requiredOption('--secretary <email>', 'its secretary')
  .option('--secretary-name <name>', "the secretary's name")
  .option('--liaison <email>', 'its liaison')
  .option('--reviewer <email>', 'its reviewer')
  .requiredOption('--as <email>', 'a season admin')
  .action(
    async (
      seasonId: string,
      options: { id: string; name: string; secretary: string; secretaryName?: string; liaison?: string; reviewer?: string; as: string },
    ) =>
      withTemporal(async ({ config, db, client }) => {
        const branch = branchSchema.parse({
          id: options.id,
          name: options.name,
          secretary: options.secretary,
          liaison: options.liaison,
          reviewer: options.reviewer,
        });
        const workflowId = await addBranch(
          client,
          db,
          seasonId,
          { ...branch, secretaryName: options.secretaryName },
          actorOf(options.as),
          loadAuditKeyring(config).current,
        );
        console.log(`added ${branch.id} to ${seasonId} (workflow ${workflowId})`);
      }),
  );

function describeSummary(seasonId: string, summary: SeasonSummary): string {
  return [
    `summary of ${seasonId}: ${summary.branches} branches`,
    `  submitted on time ${summary.submitted.onTime}, late ${summary.submitted.late}, never ${summary.submitted.never}`,
    `  revision rounds ${summary.revisionRounds.total} (most ${summary.revisionRounds.max}; ${summary.revisionRounds.reportsRevised} reports revised)`,
    `  ratings ${Object.entries(summary.ratings)
      .map(([rating, n]) => `${rating} ${n}`)
      .join(', ')}`,
    `  figures ${Object.entries(summary.figures)
      .map(([field, n]) => `${field} ${n}`)
      .join(', ')}`,
    ...(summary.recordHead
      ? [`  record head (本台账校验值) ${summary.recordHead}: keep it; \`shuzhi audit verify ${seasonId}\` prints the same while the record is unchanged`]
      : []),
  ].join('\n');
}

program
  .command('audit <season-or-verify> [season]')
  .description('the record (台账): `audit <season>` lists it; `audit verify <season>` proves it unaltered (exit 0 intact, 1 altered, 2 could not check)')
  .option('--branch <id>', 'only this branch')
  .option('--json', 'print JSON')
  .option('--csv', 'print CSV')
  .option('--deep', 'verify: also every workflow history against the record and the mail log')
  .option('--no-temporal', "verify: the database alone, for a season past Temporal's retention")
  .action(async (first: string, second: string | undefined, options: { branch?: string; json?: boolean; csv?: boolean; deep?: boolean; temporal: boolean }) => {
    if (first === 'verify') {
      if (!second) {
        console.error('usage: shuzhi audit verify <season> [--deep] [--no-temporal] [--json]');
        process.exitCode = VERIFY_EXIT.cannotCheck;
        return;
      }
      process.exitCode = await auditVerify(loadConfig(), second, options);
      return;
    }
    await withContext(async ({ db }) => {
      const events = await listSeasonRecord(db, first, options.branch);
      if (options.csv) {
        process.stdout.write(auditCsv(events));
        return;
      }
      const text = events
        .map(
          (e) =>
            `${e.occurredAt.toISOString()}  ${e.actorEmail}${e.onBehalfOf ? ` (for ${e.onBehalfOf})` : ''}  ${e.action}  ${e.reportId ?? ''}${e.versionNumber ? ` v${e.versionNumber}` : ''}  [${e.channel}]`,
        )
        .join('\n');
      print(options.json, events, text);
    });
  });

const report = program.command('report').description('one branch report: show, write, review, extend, reassign / 述职报告');

/** Runs one report command with config, database and Temporal client, and prints its result. */
function reportAction<O extends { json?: boolean }>(
  run: (ctx: { config: Config; db: Db; client: Client }, reportId: string, options: O) => Promise<{ value: unknown; text: string }>,
) {
  return async (reportId: string, options: O) =>
    withTemporal(async ({ config, db, client }) => {
      const { value, text } = await run({ config, db, client }, reportId, options);
      print(options.json, value, text);
    });
}

const actorOf = (email: string): Actor => ({ email: email.toLowerCase(), channel: 'cli' });
const describeSnapshot = (s: ReportSnapshot) =>
  `${s.reportId}: ${s.state}` +
  (s.rating ? ` (${s.rating})` : '') +
  `; due ${s.revisionDueAt ?? s.dueAt}` +
  (s.nextTimer ? `; next ${s.nextTimer.kind} at ${s.nextTimer.at}` : '');

report
  .command('show <report>')
  .description("the report's state, versions and review comments (report id: season/branch)")
  .option('--json', 'print JSON')
  .action(
    reportAction<{ json?: boolean }>(async ({ db, client }, reportId) => {
      const shown = await showReport(client, db, reportId);
      const text = [
        describeSnapshot(shown),
        `secretary ${shown.secretaryEmail}; reviewer ${shown.reviewerEmail ?? '-'}; revision round ${shown.revisionRound}`,
        ...shown.versions.map((v) => `  v${v.number} ${v.kind} by ${v.authorEmail} at ${v.createdAt.toISOString()}`),
        ...shown.comments.map((c) => `  comment on v${c.version} by ${c.by}: ${c.body}`),
      ].join('\n');
      return { value: shown, text };
    }),
  );

report
  .command('draft <report>')
  .description('save a draft from a Markdown or text file')
  .requiredOption('--file <path>', 'the report text')
  .requiredOption('--as <email>', 'the branch secretary')
  .option('--json', 'print JSON')
  .action(
    reportAction<{ file: string; as: string; json?: boolean }>(async ({ db, client }, reportId, options) => {
      const saved = await saveDraft(client, db, reportId, readFileSync(options.file, 'utf8'), actorOf(options.as));
      return { value: saved, text: `saved draft v${saved.versionNumber} of ${reportId}` };
    }),
  );

report
  .command('submit <report>')
  .description('submit the report; it is checked first (sections, length, unfilled placeholders)')
  .requiredOption('--file <path>', 'the report text')
  .requiredOption('--as <email>', 'the branch secretary')
  .option('--accept-warnings', 'submit even though the check found warnings')
  .option('--json', 'print JSON')
  .action(
    reportAction<{ file: string; as: string; acceptWarnings?: boolean; json?: boolean }>(async ({ db, client }, reportId, options) => {
      const body = readFileSync(options.file, 'utf8');
      const saved = await submitReport(client, db, reportId, body, actorOf(options.as), !!options.acceptWarnings);
      const warnings = saved.warnings.length ? ` (${saved.warnings.length} warnings accepted)` : '';
      return { value: saved, text: `submitted ${reportId} as v${saved.versionNumber}${warnings}` };
    }),
  );

report
  .command('review <report>')
  .description('reviewer: pass it on or send it back; leadership: approve with a rating')
  .option('--approve', 'pass the review (reviewer) or approve (leadership, with --rating)')
  .option('--request-revision', 'send it back to the secretary with --comment')
  .option('--rating <rating>', '好 | 较好 | 一般 | 差')
  .option('--comment <text>', 'review comment')
  .option('--revision-due <date>', "when the revision is due (default: the season's revision period)")
  .option('--reason <text>', 'leadership approving a report that has not passed review (where the season allows it): why')
  .requiredOption('--as <email>', 'the reviewer or leader')
  .option('--json', 'print JSON')
  .action(
    reportAction<{
      approve?: boolean;
      requestRevision?: boolean;
      rating?: string;
      comment?: string;
      revisionDue?: string;
      reason?: string;
      as: string;
      json?: boolean;
    }>(async ({ client, db }, reportId, options) => {
      if (!!options.approve === !!options.requestRevision) throw new Error('give exactly one of --approve or --request-revision');
      const revisionDueAt = options.revisionDue ? (await dueDateFor(db, reportId, options.revisionDue)).toISOString() : undefined;
      const snapshot = await reviewReport(client, reportId, {
        actor: actorOf(options.as),
        decision: options.approve ? 'approve' : 'request_revision',
        comment: options.comment,
        rating: options.rating as Rating | undefined,
        revisionDueAt,
        reason: options.reason,
      });
      return { value: snapshot, text: describeSnapshot(snapshot) };
    }),
  );

report
  .command('extend <report>')
  .description('admin: move the due date (all pending reminders and escalations move with it)')
  .requiredOption('--until <date>', "YYYY-MM-DD (end of that day in the season's time zone) or an ISO date-time")
  .requiredOption('--as <email>', 'a season admin')
  .option('--json', 'print JSON')
  .action(
    reportAction<{ until: string; as: string; json?: boolean }>(async ({ client, db }, reportId, options) => {
      const snapshot = await extendReport(client, reportId, actorOf(options.as), await dueDateFor(db, reportId, options.until));
      return { value: snapshot, text: describeSnapshot(snapshot) };
    }),
  );

report
  .command('reassign <report>')
  .description('admin: hand the branch to a new secretary (both are told by mail)')
  .requiredOption('--to <email>', 'the new secretary')
  .option('--name <name>', "the new secretary's name, if not known yet")
  .requiredOption('--as <email>', 'a season admin')
  .option('--json', 'print JSON')
  .action(
    reportAction<{ to: string; name?: string; as: string; json?: boolean }>(async ({ client }, reportId, options) => {
      const snapshot = await reassignReport(client, reportId, actorOf(options.as), options.to, options.name);
      return { value: snapshot, text: describeSnapshot(snapshot) };
    }),
  );

report
  .command('exempt <report>')
  .description('admin: exempt the branch from this season (or --withdraw it, e.g. merged)')
  .requiredOption('--reason <text>', 'why')
  .option('--withdraw', 'record it as withdrawn rather than exempted')
  .requiredOption('--as <email>', 'a season admin')
  .option('--json', 'print JSON')
  .action(
    reportAction<{ reason: string; withdraw?: boolean; as: string; json?: boolean }>(async ({ client }, reportId, options) => {
      const snapshot = await exemptReport(client, reportId, actorOf(options.as), options.withdraw ? 'withdrawn' : 'exempted', options.reason);
      return { value: snapshot, text: describeSnapshot(snapshot) };
    }),
  );

report
  .command('set-role <report>')
  .description('admin: give the branch a new liaison or reviewer (recorded; the old one ends)')
  .requiredOption('--role <role>', 'liaison | reviewer')
  .requiredOption('--to <email>', 'the new liaison or reviewer')
  .option('--name <name>', 'their name, if not known yet')
  .requiredOption('--as <email>', 'a season admin')
  .option('--json', 'print JSON')
  .action(
    reportAction<{ role: string; to: string; name?: string; as: string; json?: boolean }>(async ({ client }, reportId, options) => {
      if (options.role !== 'liaison' && options.role !== 'reviewer') throw new Error('--role must be liaison or reviewer');
      const snapshot = await changeRole(client, reportId, actorOf(options.as), options.role, options.to, options.name);
      return { value: snapshot, text: `${reportId}: ${options.role} is now ${options.to}` };
    }),
  );

const mailbox = program.command('mailbox').description('mail captured by the embedded SMTP server');

mailbox
  .command('list')
  .description('list captured mails, oldest first')
  .option('--to <email>', 'only mails to this address')
  .option('--json', 'print JSON')
  .action((options: { to?: string; json?: boolean }) => {
    const config = loadConfig();
    const mails = new Mailbox(join(config.SHUZHI_DATA_DIR, 'mailbox')).list({ to: options.to });
    const text = mails.length
      ? mails.map((m) => `${m.id}  ${m.receivedAt}  ${m.to.join(',')}  ${m.subject}`).join('\n')
      : cliMessages(config.SHUZHI_LOCALE).noMail;
    print(options.json, mails, text);
  });

mailbox
  .command('show <id>')
  .description('print one captured mail (plain-text body)')
  .option('--json', 'print JSON')
  .action(async (id: string, options: { json?: boolean }) => {
    const config = loadConfig();
    const mail = await new Mailbox(join(config.SHUZHI_DATA_DIR, 'mailbox')).read(id);
    print(options.json, mail, `To: ${mail.to.join(', ')}\nSubject: ${mail.subject}\n\n${mail.text}`);
  });

program
  .command('db:migrate')
  .description('apply the committed migrations to DATABASE_URL')
  .action(async () => {
    const config = loadConfig();
    const applied = await migrateDatabase(config.DATABASE_URL);
    console.log(`${redact(config.DATABASE_URL)}: ${applied.length ? `applied ${applied.join(', ')}` : 'up to date'}`);
  });

function explain(error: unknown): string {
  const msg = cliMessages(process.env.SHUZHI_LOCALE === 'en' ? 'en' : 'zh-CN');
  if (error instanceof ConfigError) return error.message;
  if (error instanceof SeasonFileError) return `${msg.invalidSeasonFile}\n${error.message}`;
  if (error instanceof UnknownSeasonError) return `${msg.error} ${error.message}`;
  if (error instanceof ClosedSeasonError) return `${msg.error} ${error.explain(process.env.SHUZHI_LOCALE === 'en' ? 'en' : 'zh-CN')}`;
  if (error instanceof ReportRequestError) return `${msg.error} ${error.explain(process.env.SHUZHI_LOCALE === 'en' ? 'en' : 'zh-CN')}`;
  return `${msg.error} ${error instanceof Error ? error.message : String(error)}`;
}

program.parseAsync(process.argv).catch((error: unknown) => {
  console.error(explain(error));
  process.exit(1);
});
