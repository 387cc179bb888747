// `shuzhi report check --file <path> [--season <id>] [--json]`: the submission check, offline (no
// Temporal, no worker), for a secretary before submitting or an office checking a file it was sent.
// Exit codes a script can act on: 0 no errors (warnings allowed), 1 errors, 2 could not check
// (a file that is not a readable report, an unknown season, no database).
import type { Command } from 'commander';
import { basename } from 'node:path';
import { findSeason, UnknownSeasonError } from '../app/season-commands';
import { NotTextError, readReportFile, type DecodedText } from '../app/text-file';
import { loadConfig } from '../config/env';
import { openDb } from '../db/client';
import {
  checkReport,
  DEFAULT_TEMPLATE,
  FIGURE_FIELDS,
  FIGURE_LABELS,
  type CheckResult,
  type FigureField,
  type ReportTemplate,
} from '../domain/submission-check';
import type { Locale } from '../domain/vocabulary';
import { words, type Words } from '../domain/words';
import { CliError, cliLocale } from './cli-context';

export const CHECK_EXIT = { ok: 0, errors: 1, cannotCheck: 2 } as const;

const HELP = {
  command: words(
    '离线检查报告文件（与提交时的检查相同），列出问题和报告中的数字；退出码 0 无错误，1 有错误，2 无法检查',
    'check a report file offline as submitting would, with its problems and figures (exit 0 no errors, 1 errors, 2 cannot check)',
  ),
  file: words('报告文件：文本（UTF-8、GBK 或 UTF-16）或 Word（.docx）', 'the report: text (UTF-8, GBK or UTF-16) or Word .docx'),
  season: words(
    '按该述职季度的模板检查（从数据库读取）；不加则按默认模板',
    "check against this season's template (from the database); without it, the default template",
  ),
  json: words('输出 JSON', 'print JSON'),
};

export function addReportCheckCommand(report: Command): void {
  const locale = cliLocale();
  report
    .command('check')
    .description(HELP.command[locale])
    .requiredOption('--file <path>', HELP.file[locale])
    .option('--season <id>', HELP.season[locale])
    .option('--json', HELP.json[locale])
    .action(async (options: { file: string; season?: string; json?: boolean }) => {
      process.exitCode = await reportCheck(options);
    });
}

/** A report file for `report draft` and `report submit`: read as `report check` reads it, any encoding notice on stderr. */
export async function readReportText(path: string): Promise<string> {
  const file = await readReportFile(path);
  if (file.notice) console.error(`! ${file.notice[cliLocale()]}`);
  return file.text;
}

export async function reportCheck(options: { file: string; season?: string; json?: boolean }): Promise<number> {
  const locale = cliLocale();
  let file: DecodedText;
  let template: ReportTemplate;
  try {
    file = await readReport(options.file);
    template = options.season ? await seasonTemplate(options.season) : DEFAULT_TEMPLATE;
  } catch (error) {
    if (!(error instanceof CliError)) throw error;
    console.log(options.json ? JSON.stringify({ file: options.file, checked: false, reason: error.words }, null, 2) : `? ${error.words[locale]}`);
    return CHECK_EXIT.cannotCheck;
  }
  const result = checkReport(file.text, template);
  const value = { file: options.file, checked: true, encoding: file.encoding, notice: file.notice, season: options.season ?? null, ...result };
  console.log(options.json ? JSON.stringify(value, null, 2) : describeCheck(basename(options.file), file, result, locale));
  return result.errors.length ? CHECK_EXIT.errors : CHECK_EXIT.ok;
}

/** The report file, or CliError naming the file and what to do. */
async function readReport(path: string): Promise<DecodedText> {
  try {
    return await readReportFile(path);
  } catch (error) {
    if (error instanceof NotTextError) throw new CliError(error.words);
    throw new CliError(unreadable(path, error));
  }
}

function unreadable(path: string, error: unknown): Words {
  const code = (error as NodeJS.ErrnoException | undefined)?.code;
  if (code === 'ENOENT') return words(`找不到文件 ${path}：请检查路径和文件名。`, `${path} does not exist: check the path and the file name.`);
  if (code === 'EISDIR')
    return words(`${path} 是文件夹，不是文件：请给出报告文件的路径。`, `${path} is a folder, not a file: give the path of the report file.`);
  if (code === 'EACCES') return words(`没有权限读取 ${path}：请检查文件权限。`, `${path} may not be read: check the file's permissions.`);
  const why = error instanceof Error ? error.message : String(error);
  return words(`无法读取 ${path}（${why}）。`, `${path} could not be read (${why}).`);
}

async function seasonTemplate(seasonId: string): Promise<ReportTemplate> {
  const db = await openDb(loadConfig().DATABASE_URL);
  try {
    return JSON.parse((await findSeason(db, seasonId)).templateJson) as ReportTemplate;
  } catch (error) {
    if (error instanceof UnknownSeasonError) {
      throw new CliError(
        words(
          `没有编号为 ${seasonId} 的述职季度：请检查 --season（不加 --season 则按默认模板检查）。`,
          `There is no season ${seasonId}: check --season (without it the default template is used).`,
        ),
      );
    }
    const why = error instanceof Error ? error.message : String(error);
    throw new CliError(words(`读不到述职季度 ${seasonId} 的模板（${why}）。`, `The template of season ${seasonId} could not be read (${why}).`));
  } finally {
    await db.$disconnect();
  }
}

const say = (locale: Locale, zh: string, en: string) => (locale === 'en' ? en : zh);

function describeCheck(name: string, file: DecodedText, result: CheckResult, locale: Locale): string {
  const { errors, warnings, characters } = result;
  const lines = [
    say(
      locale,
      `检查 ${name}：共 ${characters} 字，${errors.length} 个错误，${warnings.length} 个警告`,
      `Checked ${name}: ${characters} characters, ${errors.length} error(s), ${warnings.length} warning(s)`,
    ),
    ...(file.notice ? [`  ${file.notice[locale]}`] : []),
    ...errors.map((f) => `✗ ${f.message[locale]}`),
    ...warnings.map((f) => `! ${f.message[locale]}`),
    ...describeFigures(result, locale),
  ];
  if (errors.length) lines.push(say(locale, `✗ 有 ${errors.length} 个错误，改正后才能提交。`, `✗ ${errors.length} error(s): correct them before submitting.`));
  else if (warnings.length) {
    lines.push(
      say(
        locale,
        `✓ 没有错误；提交时须确认上面 ${warnings.length} 个警告（--accept-warnings）。`,
        `✓ No errors; submitting needs the ${warnings.length} warning(s) above accepted (--accept-warnings).`,
      ),
    );
  } else lines.push(say(locale, '✓ 没有错误，也没有警告，可以提交。', '✓ No errors and no warnings: ready to submit.'));
  return lines.join('\n');
}

function describeFigures(result: CheckResult, locale: Locale): string[] {
  const found = FIGURE_FIELDS.filter((field) => result.figures[field] !== undefined);
  const missing = FIGURE_FIELDS.filter((field) => result.figures[field] === undefined);
  const label = (field: FigureField) => (locale === 'en' ? `${FIGURE_LABELS[field]['zh-CN']} (${FIGURE_LABELS[field].en})` : FIGURE_LABELS[field]['zh-CN']);
  const amount = (field: FigureField) => {
    const value = new Intl.NumberFormat('zh-CN').format(result.figures[field] as number);
    return field === 'duesCollectedYuan' ? say(locale, `${value} 元`, `${value} yuan`) : say(locale, `${value} 名`, value);
  };
  return [
    say(locale, '报告中的数字：', 'Figures found in the report:'),
    ...found.map((field) => `  ${label(field)}${say(locale, '：', ': ')}${amount(field)}`),
    ...(missing.length ? [`  ${say(locale, '未找到：', 'not found: ')}${missing.map(label).join(say(locale, '、', ', '))}`] : []),
  ];
}
