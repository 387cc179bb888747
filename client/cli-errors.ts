// Every failure as words in the user's language: what went wrong and what to do. Never a stack trace.
import { WorkflowNotFoundError } from '@temporalio/client';
import { ZodError } from 'zod';
import { ConfigError } from '../config/env';
import { ClosedSeasonError } from '../db/season-import';
import { SeasonFileError } from '../app/season-file-loader';
import { UnknownSeasonError } from '../app/season-commands';
import { ReportNotStartedError, UnknownBranchError } from '../app/season-lookup';
import { ReportRequestError } from '../app/report-commands';
import { NotTextError } from '../app/text-file';
import { CliError, cliLocale, msg } from './cli-context';

export function explain(error: unknown): string {
  const locale = cliLocale();
  if (error instanceof ConfigError) return error.message;
  if (error instanceof SeasonFileError) return `${msg.invalidSeasonFile}\n${error.explain(locale)}`;
  if (error instanceof UnknownSeasonError) return `${msg.error} ${msg.errors.unknownSeason(error.seasonId)}`;
  if (error instanceof ClosedSeasonError) return `${msg.error} ${error.explain(locale)}`;
  if (error instanceof ReportRequestError) return `${msg.error} ${error.explain(locale)}`;
  if (error instanceof CliError || error instanceof NotTextError || error instanceof UnknownBranchError || error instanceof ReportNotStartedError) {
    return `${msg.error} ${error.words[locale]}`;
  }
  if (error instanceof WorkflowNotFoundError) return `${msg.error} ${msg.errors.workflowNotFound(error.workflowId ?? '')}`;
  if (error instanceof ZodError) return [msg.error, ...error.issues.map((i) => `  --${i.path.join('.')}: ${i.message}`)].join('\n');
  const missingFile = fileNotFound(error);
  if (missingFile) return `${msg.error} ${msg.errors.noSuchFile(missingFile)}`;
  if (isMissingTable(error)) return `${msg.error} ${msg.errors.databaseNotMigrated}`;
  return `${msg.error} ${error instanceof Error ? error.message : String(error)}`;
}

function fileNotFound(error: unknown): string | undefined {
  const e = error as NodeJS.ErrnoException;
  return e instanceof Error && e.code === 'ENOENT' && e.syscall === 'open' ? e.path : undefined;
}

/** A database that has not been migrated: Prisma's "table does not exist" (P2021). */
const isMissingTable = (error: unknown) =>
  error instanceof Error && ((error as { code?: string }).code === 'P2021' || /table .* does not exist/i.test(error.message));

/** Commander's own errors ("error: unknown option '--x'"), in the user's language. */
export function translateCommanderError(text: string): string {
  const c = msg.commander;
  const rules: [RegExp, (...groups: string[]) => string][] = [
    [/missing required argument '([^']+)'/, (name) => c.missingArgument(`<${name}>`)],
    [/option '([^']+)' argument missing/, (flags) => c.optionMissingArgument(flags)],
    [/required option '([^']+)' not specified/, (flags) => c.missingOption(flags)],
    [/unknown option '([^']+)'/, (flag) => c.unknownOption(flag)],
    [/unknown command '([^']+)'/, (name) => c.unknownCommand(name)],
    [/too many arguments/, () => c.excessArguments],
  ];
  const rule = rules.find(([pattern]) => pattern.test(text));
  if (!rule) return text;
  const [pattern, say] = rule;
  const suggestion = /\(Did you mean (?:one of )?([^?]+)\?\)/.exec(text)?.[1];
  const groups = pattern.exec(text)?.slice(1) ?? [];
  return `${msg.error} ${say(...groups)}${suggestion ? c.didYouMean(suggestion) : ''}\n`;
}
