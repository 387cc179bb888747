// The `shuzhi` command line. Thin: parses arguments, calls client/ and db/ functions, prints.
import { Command } from 'commander';
import { join } from 'node:path';
import { ConfigError, loadConfig, type Config } from '../config/env';
import { openDb, type Db } from '../db/client';
import { migrateDatabase, redact } from '../db/migrate';
import { Mailbox } from '../mail/mailbox';
import type { SeasonStartSummary } from '../workflows/season';
import { cliMessages } from './messages';
import { loadSeasonFile, SeasonFileError } from './season-file-loader';
import { createSeason, seasonProgress, startSeason, UnknownSeasonError } from './season-commands';
import { connectTemporal } from './temporal';

const program = new Command()
  .name('shuzhi')
  .description('述职评议工作流 — the annual reporting cycle on Temporal')
  .showHelpAfterError();

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

function print(json: boolean | undefined, value: unknown, text: string) {
  console.log(json ? JSON.stringify(value, null, 2) : text);
}

const season = program.command('season').description('create, start and watch a season / 述职季度');

season
  .command('create')
  .description('import a season file (YAML) into the database')
  .requiredOption('--file <path>', 'season file')
  .option('--as <email>', 'who is creating it (default: the first admin in the file)')
  .option('--json', 'print JSON')
  .action(async (options: { file: string; as?: string; json?: boolean }) => {
    const file = loadSeasonFile(options.file); // a bad file is refused before anything is opened
    await withContext(async ({ config, db }) => {
      const result = await createSeason(db, file, { email: options.as, channel: 'cli' });
      const msg = cliMessages(config.SHUZHI_LOCALE);
      const say = result.created ? msg.seasonCreated : msg.seasonUpdated;
      print(options.json, result, say(result.seasonId, result.branches, result.people));
    });
  });

season
  .command('start <season>')
  .description('start the season workflow: one report workflow per branch, assignment mails')
  .option('--as <email>', 'who is starting it (default: the season’s first admin)')
  .option('--wait', 'wait until every branch workflow has been started')
  .option('--json', 'print JSON')
  .action(async (seasonId: string, options: { as?: string; wait?: boolean; json?: boolean }) =>
    withContext(async ({ config, db }) => {
      const client = await connectTemporal(config);
      try {
        const result = await startSeason(client, db, seasonId, { email: options.as, channel: 'cli' });
        const msg = cliMessages(config.SHUZHI_LOCALE);
        const say = result.alreadyStarted ? msg.seasonAlreadyStarted : msg.seasonStarted;
        let summary: SeasonStartSummary | undefined;
        if (options.wait) summary = await client.workflow.getHandle(result.workflowId).result();
        const text = say(seasonId, result.workflowId) + (summary ? '\n' + msg.seasonFinishedFanOut(summary.started, summary.alreadyRunning) : '');
        print(options.json, { ...result, summary }, text);
      } finally {
        await client.connection.close();
      }
    }),
  );

season
  .command('status <season>')
  .description('progress of a season from the database read model')
  .option('--json', 'print JSON')
  .action(async (seasonId: string, options: { json?: boolean }) =>
    withContext(async ({ db }) => {
      const progress = await seasonProgress(db, seasonId);
      const states = Object.entries(progress.reportsByState).map(([state, n]) => `  ${state}: ${n}`);
      const text = [
        `${progress.title} (${progress.seasonId}) — ${progress.status}`,
        `due ${progress.dueAt}; ${progress.branches} branches; ${progress.mailsSent} mails sent`,
        ...states,
      ].join('\n');
      print(options.json, progress, text);
    }),
  );

program
  .command('audit <season>')
  .description('list the record (台账) of a season, oldest first')
  .option('--json', 'print JSON')
  .action(async (seasonId: string, options: { json?: boolean }) =>
    withContext(async ({ db }) => {
      const events = await db.auditEvent.findMany({ where: { seasonId }, orderBy: { id: 'asc' } });
      const text = events
        .map((e) => `${e.occurredAt.toISOString()}  ${e.actorEmail}  ${e.action}  ${e.reportId ?? ''}  [${e.channel}]`)
        .join('\n');
      print(options.json, events, text);
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
  return `${msg.error} ${error instanceof Error ? error.message : String(error)}`;
}

program.parseAsync(process.argv).catch((error: unknown) => {
  console.error(explain(error));
  process.exit(1);
});
