// `shuzhi report …`: one branch's report: show, draft, submit, review, extend, reassign, exempt,
// set-role. Each first makes sure the season, the branch and its report exist.
import type { Command } from 'commander';
import { handOverReport } from '../app/admin-input';
import { changeRole, exemptReport, extendReport, reviewReport, saveDraft, showReport, submitReport } from '../app/report-commands';
import { findReportSeason } from '../app/season-lookup';
import type { Season } from '../db/client';
import type { ReportSnapshot } from '../domain/report-api';
import { stateName, type Rating } from '../domain/vocabulary';
import { loadConfig } from '../config/env';
import type { Actor } from '../domain/report-api';
import { reportPath, type ApiClient } from './api-client';
import { cliLocale, dateArg, msg, print, refuseWith, timeIn, withKnown, type TemporalContext } from './cli-context';
import { demoActor, operatorActor, personDoor } from './cli-identity';
import { currentApi } from './cli-login';
import { loginWords, refuseLogin } from './login-messages';
import { readReportText } from './report-check-command';

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

type Shown = { value: unknown; text: string };

/**
 * A person's act on one report: with `--as` (the demo stack) straight to Temporal, as `direct`
 * does; otherwise through the web app's API with the person's token, as `api` does.
 */
function personAct<O extends { as?: string; json?: boolean }>(
  direct: (ctx: ReportContext, reportId: string, options: O, actor: Actor) => Promise<Shown>,
  api: (api: ApiClient, reportId: string, options: O) => Promise<Shown>,
) {
  return async (reportId: string, options: O) => {
    const door = personDoor(loadConfig(), options.as);
    if (door.via === 'direct') return reportAction<O>((ctx, id, o) => direct(ctx, id, o, door.actor))(reportId, options);
    const { value, text } = await api(door.api, reportId, options);
    print(options.json, value, text);
  };
}

/** An admin's act on one report: the actor is `--as` on the demo stack, otherwise the token's owner. */
function adminAct<O extends { as?: string; json?: boolean }>(run: (ctx: ReportContext, reportId: string, options: O, actor: Actor) => Promise<Shown>) {
  const act = reportAction<O>(async (ctx, reportId, options) => run(ctx, reportId, options, await operatorActor(ctx.config, ctx.db, options.as)));
  return async (reportId: string, options: O) => {
    if (options.as !== undefined) demoActor(loadConfig(), options.as); // refused before anything is opened
    await act(reportId, options);
  };
}

interface ApiReport {
  state: string;
  rating: string | null;
  dueAt: string;
  timeZone: string;
}

/** After an act through the API: the report's line, as `describeSnapshot` gives it. */
async function describeThroughApi(api: ApiClient, reportId: string): Promise<Shown> {
  const report = await api.get<ApiReport>(reportPath(reportId));
  return {
    value: report,
    text: msg.report.line(reportId, stateName(report.state, cliLocale()), report.rating ?? '', timeIn(report.dueAt, report.timeZone), ''),
  };
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
    .option('--as <email>', loginWords().help.as)
    .option('--json', msg.help.json)
    .action(
      personAct<{ file: string; as?: string; json?: boolean }>(
        async ({ db, client }, reportId, options, actor) => {
          const saved = await saveDraft(client, db, reportId, await readReportText(options.file), actor);
          return { value: saved, text: msg.report.draftSaved(reportId, saved.versionNumber) };
        },
        async (api, reportId, options) => {
          const saved = await api.post<{ versionNumber: number }>(`${reportPath(reportId)}/draft`, { text: await readReportText(options.file) });
          return { value: saved, text: msg.report.draftSaved(reportId, saved.versionNumber) };
        },
      ),
    );

  report
    .command('submit')
    .description(msg.help.submit)
    .argument('<report>', msg.help.reportArg)
    .requiredOption('--file <path>', msg.help.reportFile)
    .option('--as <email>', loginWords().help.as)
    .option('--accept-warnings', msg.help.acceptWarnings)
    .option('--json', msg.help.json)
    .action(
      personAct<{ file: string; as?: string; acceptWarnings?: boolean; json?: boolean }>(
        async ({ db, client }, reportId, options, actor) => {
          const body = await readReportText(options.file);
          const saved = await submitReport(client, db, reportId, body, actor, !!options.acceptWarnings);
          return { value: saved, text: msg.report.submitted(reportId, saved.versionNumber, saved.warnings.length) };
        },
        async (api, reportId, options) => {
          const body = { text: await readReportText(options.file), acceptWarnings: !!options.acceptWarnings };
          const saved = await api.post<{ versionNumber: number; warningsAccepted: number }>(`${reportPath(reportId)}/submit`, body);
          return { value: saved, text: msg.report.submitted(reportId, saved.versionNumber, saved.warningsAccepted) };
        },
      ),
    );

  report
    .command('list')
    .description(loginWords().help.reportList)
    .option('--json', msg.help.json)
    .action(async (options: { json?: boolean }) => {
      const api = currentApi(loadConfig()) ?? refuseLogin((w) => w.notSignedIn);
      const { reports } = await api.get<{ reports: (ApiReport & { id: string; branchName: string })[] }>('/reports');
      const lines = reports.map((r) => `${msg.report.line(r.id, stateName(r.state, cliLocale()), r.rating ?? '', r.dueAt.slice(0, 10), '')}  ${r.branchName}`);
      print(options.json, reports, lines.length ? lines.join('\n') : loginWords().noReports);
    });

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
  as?: string;
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
    .option('--as <email>', loginWords().help.as)
    .option('--json', msg.help.json)
    .action(async (reportId: string, options: ReviewOptions) => {
      if (!!options.approve === !!options.requestRevision) refuseWith((m) => m.errors.oneDecision);
      const decision = options.approve ? 'approve' : 'request_revision';
      const rating = options.rating as Rating | undefined;
      const revisionDue = (timeZone: string) => (options.revisionDue ? dateArg('--revision-due', options.revisionDue, timeZone).toISOString() : undefined);
      await personAct<ReviewOptions>(
        async ({ client, season }, id, o, actor) => {
          const request = { actor, decision, comment: o.comment, rating, revisionDueAt: revisionDue(season.timeZone), reason: o.reason } as const;
          const snapshot = await reviewReport(client, id, request);
          return { value: snapshot, text: describeSnapshot(snapshot, season.timeZone) };
        },
        async (api, id, o) => {
          const before = await api.get<ApiReport>(reportPath(id));
          const body = { decision, comment: o.comment, rating, revisionDueAt: revisionDue(before.timeZone), reason: o.reason };
          await api.post(`${reportPath(id)}/review`, body);
          return describeThroughApi(api, id);
        },
      )(reportId, options);
    });
}

function registerAdminCommands(report: Command): void {
  report
    .command('extend')
    .description(msg.help.reportExtend)
    .argument('<report>', msg.help.reportArg)
    .requiredOption('--until <date>', msg.help.until)
    .option('--as <email>', loginWords().help.as)
    .option('--json', msg.help.json)
    .action(
      adminAct<{ until: string; as?: string; json?: boolean }>(async ({ client, season }, reportId, options, actor) => {
        const snapshot = await extendReport(client, reportId, actor, dateArg('--until', options.until, season.timeZone));
        return { value: snapshot, text: describeSnapshot(snapshot, season.timeZone) };
      }),
    );

  report
    .command('reassign')
    .description(msg.help.reassign)
    .argument('<report>', msg.help.reportArg)
    .requiredOption('--to <email>', msg.help.reassignTo)
    .option('--name <name>', msg.help.personName)
    .option('--as <email>', loginWords().help.as)
    .option('--json', msg.help.json)
    .action(
      adminAct<{ to: string; name?: string; as?: string; json?: boolean }>(async ({ client, db, season }, reportId, options, actor) => {
        const snapshot = await handOverReport(client, db, reportId, actor, options.to, options.name);
        return { value: snapshot, text: describeSnapshot(snapshot, season.timeZone) };
      }),
    );

  report
    .command('exempt')
    .description(msg.help.exempt)
    .argument('<report>', msg.help.reportArg)
    .requiredOption('--reason <text>', msg.help.exemptReason)
    .option('--withdraw', msg.help.withdraw)
    .option('--as <email>', loginWords().help.as)
    .option('--json', msg.help.json)
    .action(
      adminAct<{ reason: string; withdraw?: boolean; as?: string; json?: boolean }>(async ({ client, season }, reportId, options, actor) => {
        const snapshot = await exemptReport(client, reportId, actor, options.withdraw ? 'withdrawn' : 'exempted', options.reason);
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
    .option('--as <email>', loginWords().help.as)
    .option('--json', msg.help.json)
    .action(
      adminAct<{ role: string; to: string; name?: string; as?: string; json?: boolean }>(async ({ client }, reportId, options, actor) => {
        if (options.role !== 'liaison' && options.role !== 'reviewer') return refuseWith((m) => m.errors.badRole, options.role);
        const snapshot = await changeRole(client, reportId, actor, options.role, options.to, options.name);
        return { value: snapshot, text: msg.report.roleChanged(reportId, options.role, options.to) };
      }),
    );
}
