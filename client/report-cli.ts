// `shuzhi report …`: one branch's report: show, draft, submit, review, extend, reassign, exempt,
// set-role. Each first makes sure the season, the branch and its report exist.
import type { Command } from 'commander';
import { changeRole, exemptReport, extendReport, reassignReport, reviewReport, saveDraft, showReport, submitReport } from '../app/report-commands';
import { findReportSeason } from '../app/season-lookup';
import type { Season } from '../db/client';
import type { ReportSnapshot } from '../domain/report-api';
import { stateName, type Rating } from '../domain/vocabulary';
import { readReportText } from './report-check-command';
import { actorOf, cliLocale, dateArg, msg, print, refuseWith, timeIn, withKnown, type TemporalContext } from './cli-context';

type ReportContext = TemporalContext & { season: Season };

/** Runs one report command once its report is known to exist, and prints its result. */
function reportAction<O extends { json?: boolean }>(run: (ctx: ReportContext, reportId: string, options: O) => Promise<{ value: unknown; text: string }>) {
  return async (reportId: string, options: O) =>
    withKnown(
      ({ db }) => findReportSeason(db, reportId),
      async (ctx, season) => {
        const { value, text } = await run({ ...ctx, season }, reportId, options);
        print(options.json, value, text);
      },
    );
}

const describeSnapshot = (s: ReportSnapshot, zone: string) =>
  msg.report.line(
    s.reportId,
    stateName(s.state, cliLocale()),
    s.rating ?? '',
    timeIn(s.revisionDueAt ?? s.dueAt, zone),
    s.nextTimer ? msg.report.next(s.nextTimer.kind, timeIn(s.nextTimer.at, zone)) : '',
  );

export function registerReportCommands(report: Command): void {
  report
    .command('show')
    .description(msg.help.show)
    .argument('<report>', msg.help.reportArg)
    .option('--json', msg.help.json)
    .action(
      reportAction<{ json?: boolean }>(async ({ db, client, season }, reportId) => {
        const shown = await showReport(client, db, reportId);
        const zone = season.timeZone;
        const text = [
          describeSnapshot(shown, zone),
          msg.report.people(shown.secretaryEmail, shown.reviewerEmail ?? '-', shown.revisionRound),
          ...shown.versions.map((v) => msg.report.version(v.number, v.kind, v.authorEmail, timeIn(v.createdAt, zone))),
          ...shown.comments.map((c) => msg.report.comment(c.version, c.by, timeIn(c.at, zone), c.body)),
        ].join('\n');
        return { value: shown, text };
      }),
    );

  report
    .command('draft')
    .description(msg.help.draft)
    .argument('<report>', msg.help.reportArg)
    .requiredOption('--file <path>', msg.help.reportFile)
    .requiredOption('--as <email>', msg.help.secretaryAs)
    .option('--json', msg.help.json)
    .action(
      reportAction<{ file: string; as: string; json?: boolean }>(async ({ db, client }, reportId, options) => {
        const saved = await saveDraft(client, db, reportId, await readReportText(options.file), actorOf(options.as));
        return { value: saved, text: msg.report.draftSaved(reportId, saved.versionNumber) };
      }),
    );

  report
    .command('submit')
    .description(msg.help.submit)
    .argument('<report>', msg.help.reportArg)
    .requiredOption('--file <path>', msg.help.reportFile)
    .requiredOption('--as <email>', msg.help.secretaryAs)
    .option('--accept-warnings', msg.help.acceptWarnings)
    .option('--json', msg.help.json)
    .action(
      reportAction<{ file: string; as: string; acceptWarnings?: boolean; json?: boolean }>(async ({ db, client }, reportId, options) => {
        const body = await readReportText(options.file);
        const saved = await submitReport(client, db, reportId, body, actorOf(options.as), !!options.acceptWarnings);
        return { value: saved, text: msg.report.submitted(reportId, saved.versionNumber, saved.warnings.length) };
      }),
    );

  registerReviewCommand(report);
  registerAdminCommands(report);
}

interface ReviewOptions {
  approve?: boolean;
  requestRevision?: boolean;
  rating?: string;
  comment?: string;
  revisionDue?: string;
  reason?: string;
  as: string;
  json?: boolean;
}

function registerReviewCommand(report: Command): void {
  report
    .command('review')
    .description(msg.help.review)
    .argument('<report>', msg.help.reportArg)
    .option('--approve', msg.help.reviewApprove)
    .option('--request-revision', msg.help.requestRevision)
    .option('--rating <rating>', msg.help.reviewRating)
    .option('--comment <text>', msg.help.comment)
    .option('--revision-due <date>', msg.help.revisionDue)
    .option('--reason <text>', msg.help.reviewReason)
    .requiredOption('--as <email>', msg.help.reviewAs)
    .option('--json', msg.help.json)
    .action(
      reportAction<ReviewOptions>(async ({ client, season }, reportId, options) => {
        if (!!options.approve === !!options.requestRevision) refuseWith((m) => m.errors.oneDecision);
        const revisionDueAt = options.revisionDue ? dateArg('--revision-due', options.revisionDue, season.timeZone).toISOString() : undefined;
        const snapshot = await reviewReport(client, reportId, {
          actor: actorOf(options.as),
          decision: options.approve ? 'approve' : 'request_revision',
          comment: options.comment,
          rating: options.rating as Rating | undefined,
          revisionDueAt,
          reason: options.reason,
        });
        return { value: snapshot, text: describeSnapshot(snapshot, season.timeZone) };
      }),
    );
}

function registerAdminCommands(report: Command): void {
  report
    .command('extend')
    .description(msg.help.reportExtend)
    .argument('<report>', msg.help.reportArg)
    .requiredOption('--until <date>', msg.help.until)
    .requiredOption('--as <email>', msg.help.asAdmin)
    .option('--json', msg.help.json)
    .action(
      reportAction<{ until: string; as: string; json?: boolean }>(async ({ client, season }, reportId, options) => {
        const snapshot = await extendReport(client, reportId, actorOf(options.as), dateArg('--until', options.until, season.timeZone));
        return { value: snapshot, text: describeSnapshot(snapshot, season.timeZone) };
      }),
    );

  report
    .command('reassign')
    .description(msg.help.reassign)
    .argument('<report>', msg.help.reportArg)
    .requiredOption('--to <email>', msg.help.reassignTo)
    .option('--name <name>', msg.help.personName)
    .requiredOption('--as <email>', msg.help.asAdmin)
    .option('--json', msg.help.json)
    .action(
      reportAction<{ to: string; name?: string; as: string; json?: boolean }>(async ({ client, season }, reportId, options) => {
        const snapshot = await reassignReport(client, reportId, actorOf(options.as), options.to, options.name);
        return { value: snapshot, text: describeSnapshot(snapshot, season.timeZone) };
      }),
    );

  report
    .command('exempt')
    .description(msg.help.exempt)
    .argument('<report>', msg.help.reportArg)
    .requiredOption('--reason <text>', msg.help.exemptReason)
    .option('--withdraw', msg.help.withdraw)
    .requiredOption('--as <email>', msg.help.asAdmin)
    .option('--json', msg.help.json)
    .action(
      reportAction<{ reason: string; withdraw?: boolean; as: string; json?: boolean }>(async ({ client, season }, reportId, options) => {
        const snapshot = await exemptReport(client, reportId, actorOf(options.as), options.withdraw ? 'withdrawn' : 'exempted', options.reason);
        return { value: snapshot, text: describeSnapshot(snapshot, season.timeZone) };
      }),
    );

  report
    .command('set-role')
    .description(msg.help.setRole)
    .argument('<report>', msg.help.reportArg)
    .requiredOption('--role <role>', msg.help.role)
    .requiredOption('--to <email>', msg.help.roleTo)
    .option('--name <name>', msg.help.personName)
    .requiredOption('--as <email>', msg.help.asAdmin)
    .option('--json', msg.help.json)
    .action(
      reportAction<{ role: string; to: string; name?: string; as: string; json?: boolean }>(async ({ client }, reportId, options) => {
        if (options.role !== 'liaison' && options.role !== 'reviewer') return refuseWith((m) => m.errors.badRole, options.role);
        const snapshot = await changeRole(client, reportId, actorOf(options.as), options.role, options.to, options.name);
        return { value: snapshot, text: msg.report.roleChanged(reportId, options.role, options.to) };
      }),
    );
}
