// `shuzhi audit …` (the record, 台账), `shuzhi mailbox …` (the demo's captured mail) and
// `shuzhi db:migrate`.
import { join } from 'node:path';
import type { Command } from 'commander';
import { assertSeasonBranches } from '../app/season-lookup';
import { listSeasonRecord } from '../app/season-record';
import { loadConfig } from '../config/env';
import { migrateDatabase, redact } from '../db/migrate';
import { auditCsv } from '../exports/csv';
import { Mailbox } from '../mail/mailbox';
import { auditVerify, VERIFY_EXIT } from './audit-verify-command';
import { eventName } from '../domain/vocabulary';
import { cliLocale, msg, print, refuseWith, timeIn, withContext } from './cli-context';

interface AuditOptions {
  branch?: string;
  json?: boolean;
  csv?: boolean;
  deep?: boolean;
  temporal: boolean;
}

export function registerRecordCommands(program: Command): void {
  program
    .command('audit')
    .description(msg.help.audit)
    .argument('<season-or-verify>', msg.help.auditArg)
    .argument('[season]', msg.help.auditSeasonArg)
    .option('--branch <id>', msg.help.auditBranch)
    .option('--json', msg.help.json)
    .option('--csv', msg.help.csv)
    .option('--deep', msg.help.deep)
    .option('--no-temporal', msg.help.noTemporal)
    .action(async (first: string, second: string | undefined, options: AuditOptions) => {
      if (first === 'verify') return verify(second, options);
      await withContext(async ({ db }) => {
        const season = await assertSeasonBranches(db, first, options.branch ? [options.branch] : []);
        const events = await listSeasonRecord(db, first, options.branch);
        if (options.csv) return void process.stdout.write(auditCsv(events));
        const text = events.length
          ? events
              .map(
                (e) =>
                  `${timeIn(e.occurredAt, season.timeZone)}  ${e.actorEmail}${e.onBehalfOf ? msg.auditOnBehalf(e.onBehalfOf) : ''}  ${eventName(e.action, cliLocale())}  ${e.reportId ?? ''}${e.versionNumber ? ` v${e.versionNumber}` : ''}  [${e.channel}]`,
              )
              .join('\n')
          : msg.auditEmpty(first, options.branch);
        print(options.json, events, text);
      });
    });

  const mailbox = program.command('mailbox').description(msg.help.mailbox);

  mailbox
    .command('list')
    .description(msg.help.mailList)
    .option('--to <email>', msg.help.mailTo)
    .option('--json', msg.help.json)
    .action((options: { to?: string; json?: boolean }) => {
      const mails = new Mailbox(join(loadConfig().SHUZHI_DATA_DIR, 'mailbox')).list({ to: options.to });
      const text = mails.length ? mails.map((m) => `${m.id}  ${m.receivedAt}  ${m.to.join(',')}  ${m.subject}`).join('\n') : msg.noMail;
      print(options.json, mails, text);
    });

  mailbox
    .command('show')
    .description(msg.help.mailShow)
    .argument('<id>', msg.help.mailId)
    .option('--json', msg.help.json)
    .action(async (id: string, options: { json?: boolean }) => {
      const box = new Mailbox(join(loadConfig().SHUZHI_DATA_DIR, 'mailbox'));
      if (!box.list().some((mail) => mail.id === id)) refuseWith((m) => m.errors.noMailWithId, id);
      const mail = await box.read(id);
      print(options.json, mail, `${msg.mailHeader(mail.to.join(', '), mail.subject)}\n\n${mail.text}`);
    });

  program
    .command('db:migrate')
    .description(msg.help.migrate)
    .action(async () => {
      const config = loadConfig();
      const applied = await migrateDatabase(config.DATABASE_URL);
      console.log(msg.migrated(redact(config.DATABASE_URL), applied));
    });
}

/** `audit verify`: its exit codes are a contract (0 intact, 1 altered, 2 could not check), an unknown season included. */
async function verify(seasonId: string | undefined, options: AuditOptions): Promise<void> {
  if (!seasonId || options.branch) {
    console.error(seasonId ? msg.errors.auditVerifyBranch : msg.errors.verifyUsage);
    process.exitCode = VERIFY_EXIT.cannotCheck;
    return;
  }
  process.exitCode = await auditVerify(loadConfig(), seasonId, options);
}
