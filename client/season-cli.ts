// `shuzhi season …`: list, validate, create, start, close, watch and export a season.
import { writeFileSync } from 'node:fs';
import type { Command } from 'commander';
import { CSV_COLUMNS, seasonCsv, type CsvColumns } from '../exports/csv-export';
import { seasonDocx } from '../exports/docx-export';
import { seasonMarkdown } from '../exports/markdown-export';
import { loadSeasonExportData } from '../exports/season-data';
import { formatProblem, loadSeasonFile, validateSeasonFile } from '../app/season-file-loader';
import { closeSeason, createSeason, findSeason, seasonStatus, startSeason, waitForClose, waitForFanOut } from '../app/season-commands';
import { listSeasons } from '../app/season-lookup';
import { loadAuditKeyring } from '../config/secret';
import type { SeasonSummary } from '../domain/activity-contract';
import type { SeasonProgress } from '../domain/season-api';
import { durationInWords } from '../domain/duration-words';
import { FIGURE_LABELS, type FigureField } from '../domain/report-figures';
import { stateName } from '../domain/vocabulary';
import { isDemoStack } from '../config/demo-stack';
import { loadConfig } from '../config/env';
import { cliLocale, msg, print, refuseWith, timeIn, withContext, withKnown } from './cli-context';
import { demoActor, namedOperator, operatorActor } from './cli-identity';
import { loginWords, refuseLogin } from './login-messages';
import { seasonFileHelp } from './season-file-help';
import { progressBar } from './progress';

export function registerSeasonCommands(season: Command): void {
  season
    .command('list')
    .description(msg.help.list)
    .option('--json', msg.help.json)
    .action((options: { json?: boolean }) =>
      withContext(async ({ db }) => {
        const seasons = await listSeasons(db);
        print(options.json, seasons, seasons.length ? seasonTable(seasons) : msg.seasonList.none);
      }),
    );

  season
    .command('validate')
    .description(msg.help.validate)
    .requiredOption('--file <path>', msg.help.seasonFile)
    .option('--json', msg.help.json)
    .addHelpText('after', seasonFileHelp(cliLocale()))
    .action((options: { file: string; json?: boolean }) => {
      // Warnings (say, a leader who is also a branch's secretary) are shown but do not fail the file.
      const { file, problems, warnings } = validateSeasonFile(options.file);
      const warned = warnings.length ? [msg.warnings(warnings.length), ...warnings.map((w) => formatProblem(w, cliLocale()))] : [];
      const text = file
        ? [msg.valid(options.file, file.organization.branches.length, file.people.length), ...warned].join('\n')
        : [msg.problems(problems.length), ...problems.map((p) => formatProblem(p, cliLocale())), ...warned].join('\n');
      print(options.json, { valid: !!file, problems, warnings }, text);
      if (!file) process.exitCode = 1;
    });

  season
    .command('create')
    .description(msg.help.create)
    .requiredOption('--file <path>', msg.help.seasonFile)
    .option('--as <email>', msg.help.createAs)
    .option('--json', msg.help.json)
    .addHelpText('after', seasonFileHelp(cliLocale()))
    .action(async (options: { file: string; as?: string; json?: boolean }) => {
      const file = loadSeasonFile(options.file); // a bad file is refused before anything is opened
      if (options.as !== undefined) demoActor(loadConfig(), options.as);
      await withContext(async ({ config, db }) => {
        // With neither --as nor a token the file's first admin is named: a first season is loaded before anyone could make a token.
        const operator = await namedOperator(config, db, options.as);
        const result = await createSeason(db, file, { email: operator?.email, channel: 'cli' }, loadAuditKeyring(config).current);
        const say = result.created ? msg.seasonCreated : msg.seasonUpdated;
        print(options.json, result, say(result.seasonId, result.branches, result.people));
      });
    });

  season
    .command('start')
    .description(msg.help.start)
    .argument('<season>', msg.help.seasonArg)
    .option('--as <email>', msg.help.startAs)
    .option('--wait', msg.help.wait)
    .option('--json', msg.help.json)
    .action(async (seasonId: string, options: { as?: string; wait?: boolean; json?: boolean }) =>
      withKnown(
        async ({ config, db }) => {
          await findSeason(db, seasonId);
          // Off the demo stack a season is started by a person with a token; on it, by its first admin unless --as names one.
          return (await namedOperator(config, db, options.as)) ?? (isDemoStack(config) ? undefined : refuseLogin((w) => w.notSignedIn));
        },
        async ({ db, client }, operator) => {
          const result = await startSeason(client, db, seasonId, { email: operator?.email, channel: 'cli' });
          const say = result.alreadyStarted ? msg.seasonAlreadyStarted : msg.seasonStarted;
          let summary: SeasonProgress | undefined;
          if (options.wait) {
            const bar = progressBar(msg.assigning);
            summary = await waitForFanOut(client, db, seasonId, bar.update);
            bar.finish();
          }
          const text = say(seasonId, result.workflowId) + (summary ? '\n' + msg.seasonFinishedFanOut(summary.started, summary.alreadyRunning) : '');
          print(options.json, { ...result, summary }, text);
        },
      ),
    );

  season
    .command('close')
    .description(msg.help.close)
    .argument('<season>', msg.help.seasonArg)
    .option('--as <email>', loginWords().help.as)
    .option('--wait', msg.help.closeWait)
    .option('--json', msg.help.json)
    .action(async (seasonId: string, options: { as?: string; wait?: boolean; json?: boolean }) =>
      withKnown(
        async ({ config, db }) => {
          await findSeason(db, seasonId);
          return operatorActor(config, db, options.as);
        },
        async ({ db, client }, actor) => {
          await closeSeason(client, db, seasonId, actor);
          if (!options.wait) return print(options.json, { seasonId, closing: true }, msg.closing(seasonId));
          const summary = await waitForClose(client, seasonId);
          print(options.json, summary, describeSummary(seasonId, summary));
        },
      ),
    );

  season
    .command('status')
    .description(msg.help.status)
    .argument('<season>', msg.help.seasonArg)
    .option('--json', msg.help.json)
    .action(async (seasonId: string, options: { json?: boolean }) =>
      withContext(async ({ db }) => {
        const status = await seasonStatus(db, seasonId);
        print(options.json, status, describeStatus(status));
      }),
    );

  season
    .command('export')
    .description(msg.help.export)
    .argument('<season>', msg.help.seasonArg)
    .requiredOption('--format <format>', msg.help.format)
    .requiredOption('--out <path>', msg.help.out)
    .option('--columns <columns>', msg.help.columns, 'zh')
    .action(async (seasonId: string, options: { format: string; out: string; columns: string }) => {
      if (!['csv', 'md', 'docx'].includes(options.format)) refuseWith((m) => m.errors.badFormat, options.format);
      if (!CSV_COLUMNS.includes(options.columns as CsvColumns)) refuseWith((m) => m.errors.badColumns, options.columns);
      await withContext(async ({ db }) => {
        await findSeason(db, seasonId);
        const data = await loadSeasonExportData(db, seasonId);
        const columns = options.columns as CsvColumns;
        const content = options.format === 'csv' ? seasonCsv(data, columns) : options.format === 'md' ? seasonMarkdown(data) : await seasonDocx(data);
        writeFileSync(options.out, content);
        console.log(msg.exported(options.out, options.format === 'csv' ? msg.exportedBranches(data.rows.length) : msg.exportedReports(data.approved.length)));
      });
    });
}

type SeasonRow = Awaited<ReturnType<typeof listSeasons>>[number];

function seasonTable(seasons: SeasonRow[]): string {
  const rows = seasons.map((s) => [s.id, s.title, String(s.year), msg.seasonStatusName[s.status] ?? s.status, timeIn(s.dueAt, s.timeZone), String(s.reports)]);
  return [msg.seasonList.header, ...rows].map((cells) => cells.join('\t')).join('\n');
}

type Status = Awaited<ReturnType<typeof seasonStatus>>;

function describeStatus(status: Status, now = Date.now()): string {
  const zone = status.timeZone;
  const late = (since: string) => durationInWords(now - Date.parse(since), cliLocale());
  const states = Object.entries(status.reportsByState);
  return [
    msg.status.header(status.title, status.seasonId, msg.seasonStatusName[status.status] ?? status.status),
    msg.status.due(timeIn(status.dueAt, zone), status.branches, status.mailsSent),
    msg.status.byState,
    ...(states.length ? states.map(([state, n]) => `  ${stateName(state, cliLocale())} (${state}): ${n}`) : [msg.status.noReports]),
    msg.status.overdue(status.overdue.length),
    ...status.overdue.map((o) =>
      msg.status.overdueLine(
        o.branchId,
        o.branchName,
        late(o.dueAt),
        o.told ? msg.status.told(o.told.who, o.told.at ? timeIn(o.told.at, zone) : '-') : msg.status.toldNobody,
      ),
    ),
    msg.status.reviewsLate(status.reviewsPastSla.length),
    ...status.reviewsPastSla.map((r) => msg.status.reviewLateLine(r.branchId, r.branchName, r.reviewerEmail ?? '-', late(r.reviewDueAt))),
    msg.status.ratings(counts(status.ratings)),
    ...(status.summary ? [describeSummary(status.seasonId, status.summary)] : []),
  ].join('\n');
}

const counts = (byKey: Record<string, number>, name = (key: string) => key) =>
  Object.entries(byKey)
    .map(([key, n]) => `${name(key)} ${n}`)
    .join(', ');

export function describeSummary(seasonId: string, summary: SeasonSummary): string {
  return [
    msg.summary.header(seasonId, summary.branches),
    msg.summary.submitted(summary.submitted.onTime, summary.submitted.late, summary.submitted.never),
    msg.summary.rounds(summary.revisionRounds.total, summary.revisionRounds.max, summary.revisionRounds.reportsRevised),
    msg.summary.ratings(counts(summary.ratings)),
    msg.summary.figures(counts(summary.figures, (field) => FIGURE_LABELS[field as FigureField]?.[cliLocale()] ?? field)),
    ...(summary.recordHead ? [msg.summary.head(summary.recordHead, seasonId)] : []),
  ].join('\n');
}
