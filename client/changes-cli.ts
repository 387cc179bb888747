// Changes in the middle of a season, for many reports at once: `season extend`, `season delegate`,
// `season add-branch`.
import type { Command } from 'commander';
import type { BulkResult } from '../app/bulk';
import { addBranch, delegateQueue, extendSeason } from '../app/season-changes';
import { assertSeasonBranches } from '../app/season-lookup';
import { loadAuditKeyring } from '../config/secret';
import { branchSchema } from '../domain/season-file';
import { cliLocale, dateArg, msg, print, withKnown } from './cli-context';
import { operatorActor } from './cli-identity';
import { loginWords } from './login-messages';
import { progressBar } from './progress';

export function registerChangeCommands(season: Command): void {
  season
    .command('extend')
    .description(msg.help.extend)
    .argument('<season>', msg.help.seasonArg)
    .requiredOption('--until <date>', msg.help.until)
    .option('--branch <ids...>', msg.help.branches)
    .option('--as <email>', loginWords().help.as)
    .option('--json', msg.help.json)
    .action(async (seasonId: string, options: { until: string; branch?: string[]; as?: string; json?: boolean }) =>
      withKnown(
        async ({ config, db }) => ({
          until: dateArg('--until', options.until, (await assertSeasonBranches(db, seasonId, options.branch)).timeZone),
          actor: await operatorActor(config, db, options.as),
        }),
        async ({ db, client }, { until, actor }) => {
          const bar = progressBar(msg.extending);
          const results = await extendSeason(client, db, { seasonId, until, actor, branchIds: options.branch, onProgress: bar.update });
          bar.finish();
          printBulk(options.json, results, 'extended');
        },
      ),
    );

  season
    .command('delegate')
    .description(msg.help.delegate)
    .argument('<season>', msg.help.seasonArg)
    .requiredOption('--from <email>', msg.help.delegateFrom)
    .requiredOption('--to <email>', msg.help.delegateTo)
    .requiredOption('--until <date>', msg.help.delegateUntil)
    .option('--as <email>', loginWords().help.as)
    .option('--json', msg.help.json)
    .action(async (seasonId: string, options: { from: string; to: string; until: string; as?: string; json?: boolean }) =>
      withKnown(
        async ({ config, db }) => ({
          until: dateArg('--until', options.until, (await assertSeasonBranches(db, seasonId)).timeZone),
          actor: await operatorActor(config, db, options.as),
        }),
        async ({ db, client }, { until, actor }) => {
          const results = await delegateQueue(client, db, { seasonId, from: options.from, to: options.to, until, actor });
          printBulk(options.json, results, 'delegated');
        },
      ),
    );

  season
    .command('add-branch')
    .description(msg.help.addBranch)
    .argument('<season>', msg.help.seasonArg)
    .requiredOption('--id <id>', msg.help.branchId)
    .requiredOption('--name <name>', msg.help.branchName)
    .requiredOption('--secretary <email>', msg.help.secretary)
    .option('--secretary-name <name>', msg.help.secretaryName)
    .option('--liaison <email>', msg.help.liaison)
    .option('--reviewer <email>', msg.help.reviewer)
    .option('--as <email>', loginWords().help.as)
    .action(
      async (
        seasonId: string,
        options: { id: string; name: string; secretary: string; secretaryName?: string; liaison?: string; reviewer?: string; as?: string },
      ) =>
        withKnown(
          async ({ config, db }) => {
            await assertSeasonBranches(db, seasonId);
            return operatorActor(config, db, options.as);
          },
          async ({ config, db, client }, actor) => {
            const { secretaryName, id, name, secretary, liaison, reviewer } = options;
            const branch = branchSchema.parse({ id, name, secretary, liaison, reviewer });
            const workflowId = await addBranch(client, db, seasonId, { ...branch, secretaryName }, actor, loadAuditKeyring(config).current);
            console.log(msg.branchAdded(branch.id, seasonId, workflowId));
          },
        ),
    );
}

/** Prints per-report results of a season-wide change; anything not done shows in the exit code. */
function printBulk(json: boolean | undefined, results: BulkResult[], done: 'extended' | 'delegated') {
  const locale = cliLocale();
  const count = (outcome: string) => results.filter((r) => r.outcome === outcome).length;
  const say = (outcome: string) => (outcome === 'done' ? msg.done[done] : msg.outcome[outcome]);
  const counts = ['done', 'skipped', 'not_permitted', 'failed'].map((o) => `${say(o)} ${count(o)}`).join(locale === 'en' ? ', ' : '，');
  const text = [
    ...results.map((r) => `  ${r.reportId}: ${say(r.outcome)}${r.reason ? ` — ${r.reason[locale]}` : ''}`),
    msg.bulkSummary(results.length, counts),
  ];
  print(json, results, text.join('\n'));
  if (count('failed') || count('not_permitted')) process.exitCode = 1;
}
