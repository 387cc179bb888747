// `shuzhi feedback` and `shuzhi rectification …`: leadership's 点评 on an approved report with the
// problems it names, and each rectification item's progress, acceptance (销号) or sending back.
import { readFileSync } from 'node:fs';
import { basename } from 'node:path';
import type { Command } from 'commander';
import { acceptItem, giveFeedback, rectificationProgress, reportProgress, sendBackItem } from '../app/rectification';
import { loadAuditKeyring } from '../config/secret';
import { RECTIFICATION_STATE_NAMES, type RectificationSnapshot } from '../domain/rectification';
import { cliLocale, print, withContext, withKnown } from './cli-context';
import { operatorActor } from './cli-identity';
import { loginWords } from './login-messages';

const zh = {
  feedback: '党组点评：对已审批的报告写点评并列出问题，每个问题下达为一项整改事项',
  comment: '点评意见',
  problem: '点评指出的问题（可多次使用）；整改期限与措施按季度默认和报告内容',
  rectification: '整改事项：查看进展、报告进展、验收销号、退回',
  list: '列出本季度的整改事项和整改完成率',
  progress: '整改责任人报告进展（可附佐证材料文件）',
  text: '整改进展说明',
  files: '佐证材料文件（可多个）',
  accept: '验收销号',
  sendBack: '退回继续整改（须写明意见）',
  verdict: '验收意见',
  item: '整改事项编号，如 demo-2026/no1-middle-school/1',
  report: '已审批报告的编号“季度/支部”，如 demo-2026/no1-middle-school',
  season: '述职季度编号',
  json: '输出 JSON',
  given: (ids: string[]) => `点评已记录，下达整改事项 ${ids.length} 项：${ids.join('、')}`,
  snapshot: (s: RectificationSnapshot) => `${s.itemId}：${RECTIFICATION_STATE_NAMES[s.state]['zh-CN']}（进展 ${s.progressReports} 次，退回 ${s.sentBack} 次）`,
  summary: (total: number, accepted: number, overdue: number, rate: number | null) =>
    `整改事项 ${total} 项，已销号 ${accepted} 项，逾期 ${overdue} 项，整改完成率 ${rate ?? '—'}%`,
};
const en: typeof zh = {
  feedback: "Leadership's feedback (点评) on an approved report, naming problems: each becomes a rectification item",
  comment: 'the feedback',
  problem: 'a problem the feedback names (repeat for several); due date and measure from the season and the report',
  rectification: 'Rectification items: list, report progress, accept (销号), send back',
  list: "List the season's rectification items and the completion rate",
  progress: "The item's owner reports progress (with evidence files)",
  text: 'what was done',
  files: 'evidence files (several)',
  accept: 'Accept and close the item (销号)',
  sendBack: 'Send the item back (say why)',
  verdict: 'the comment',
  item: 'the item id, e.g. demo-2026/no1-middle-school/1',
  report: 'the approved report\'s id "season/branch", e.g. demo-2026/no1-middle-school',
  season: 'the season id',
  json: 'print JSON',
  given: (ids) => `Feedback recorded; ${ids.length} rectification item(s): ${ids.join(', ')}`,
  snapshot: (s) => `${s.itemId}: ${RECTIFICATION_STATE_NAMES[s.state].en} (progress ${s.progressReports}, sent back ${s.sentBack})`,
  summary: (total, accepted, overdue, rate) => `${total} item(s), ${accepted} accepted, ${overdue} overdue; completion rate ${rate ?? '—'}%`,
};

const w = cliLocale() === 'en' ? en : zh;
const collect = (value: string, previous: string[] = []) => [...previous, value];

export function registerRectificationCommands(program: Command): void {
  const asHelp = loginWords().help.as;
  program
    .command('feedback')
    .description(w.feedback)
    .argument('<report>', w.report)
    .requiredOption('--comment <text>', w.comment)
    // No default shown: commander would print it in English, "(default: [])".
    .option('--problem <text>', w.problem, collect)
    .option('--as <email>', asHelp)
    .option('--json', w.json)
    .action((reportId: string, options: { comment: string; problem?: string[]; as?: string; json?: boolean }) =>
      withKnown(
        ({ config, db }) => operatorActor(config, db, options.as),
        async ({ config, db, client }, actor) => {
          const problems = (options.problem ?? []).map((text) => ({ text }));
          const ids = await giveFeedback(client, db, loadAuditKeyring(config).current, { reportId, actor, comment: options.comment, problems });
          print(options.json, { items: ids }, w.given(ids));
        },
      ),
    );

  const rectification = program.command('rectification').description(w.rectification);
  rectification
    .command('list')
    .description(w.list)
    .argument('<season>', w.season)
    .option('--json', w.json)
    .action((seasonId: string, options: { json?: boolean }) =>
      withContext(async ({ db }) => {
        const items = await db.rectificationItem.findMany({ where: { seasonId }, orderBy: { id: 'asc' } });
        const progress = await rectificationProgress(db, seasonId);
        const lines = items.map((i) => `${i.id}\t${i.state}\t${i.dueAt.toISOString().slice(0, 10)}\t${i.problem}`);
        print(
          options.json,
          { ...progress, items },
          [...lines, w.summary(progress.total, progress.accepted, progress.overdue, progress.completionRate)].join('\n'),
        );
      }),
    );

  rectification
    .command('progress')
    .description(w.progress)
    .argument('<item>', w.item)
    .requiredOption('--text <text>', w.text)
    .option('--file <path>', w.files, collect)
    .option('--as <email>', asHelp)
    .option('--json', w.json)
    .action((itemId: string, options: { text: string; file?: string[]; as?: string; json?: boolean }) =>
      withKnown(
        ({ config, db }) => operatorActor(config, db, options.as),
        async ({ db, client }, actor) => {
          const files = (options.file ?? []).map((path) => ({ name: basename(path), mime: 'application/octet-stream', bytes: readFileSync(path) }));
          const after = await reportProgress(client, db, { itemId, actor, text: options.text, files });
          print(options.json, after, w.snapshot(after));
        },
      ),
    );

  for (const [name, help, decide] of [
    ['accept', w.accept, acceptItem],
    ['send-back', w.sendBack, sendBackItem],
  ] as const) {
    rectification
      .command(name)
      .description(help)
      .argument('<item>', w.item)
      .option('--comment <text>', w.verdict)
      .option('--as <email>', asHelp)
      .option('--json', w.json)
      .action((itemId: string, options: { comment?: string; as?: string; json?: boolean }) =>
        withKnown(
          ({ config, db }) => operatorActor(config, db, options.as),
          async ({ client }, actor) => {
            const after = await decide(client, { itemId, actor, comment: options.comment ?? '' });
            print(options.json, after, w.snapshot(after));
          },
        ),
      );
  }
}
