// What every command shares: the user's language, config and database opened and always closed,
// the Temporal client, printing, and times as a person reads them.
import type { Client } from '@temporalio/client';
import { loadConfig, type Config } from '../config/env';
import { openDb, type Db } from '../db/client';
import { redact } from '../db/migrate';
import { connectTemporal } from '../app/temporal';
import type { Actor } from '../domain/report-api';
import { formatInZone, parseDueDate } from '../domain/time';
import type { Locale } from '../domain/vocabulary';
import { words, type Words } from '../domain/words';
import { cliMessages, type CliMessages } from './messages';

/**
 * The language of help and messages. Read leniently here (help must show before anything is
 * validated); a value config/env.ts refuses still fails, naming SHUZHI_LOCALE, at the first command.
 */
export const cliLocale = (env: NodeJS.ProcessEnv = process.env): Locale => (env.SHUZHI_LOCALE === 'en' ? 'en' : 'zh-CN');

export const msg: CliMessages = cliMessages(cliLocale());

/** A refusal the CLI itself makes, in both languages. */
export class CliError extends Error {
  constructor(readonly words: Words) {
    super(words.en);
    this.name = 'CliError';
  }
}

/** Throws a CliError whose words come from the message table, in both languages. */
export function refuseWith<A extends unknown[]>(pick: (m: CliMessages) => string | ((...args: A) => string), ...args: A): never {
  const say = (m: CliMessages) => {
    const message = pick(m);
    return typeof message === 'string' ? message : message(...args);
  };
  throw new CliError(words(say(cliMessages('zh-CN')), say(cliMessages('en'))));
}

export interface Context {
  config: Config;
  db: Db;
}

/** Loads config and database for one command, and always closes what it opened. */
export async function withContext<T>(run: (ctx: Context) => Promise<T>): Promise<T> {
  const config = loadConfig();
  const db = await openDb(config.DATABASE_URL).catch((error: unknown) =>
    refuseWith((m) => m.errors.databaseUnreachable, redact(config.DATABASE_URL), error instanceof Error ? error.message : String(error)),
  );
  try {
    return await run({ config, db });
  } finally {
    await db.$disconnect();
  }
}

export type TemporalContext = Context & { client: Client };

/** As withContext, with a Temporal client too. */
export function withTemporal<T>(run: (ctx: TemporalContext) => Promise<T>): Promise<T> {
  return withKnown(async () => undefined, run);
}

/**
 * As withTemporal, once `known` has looked up what the command names (a season, a report) in the
 * database: an unknown one is said as such even while Temporal is down.
 */
export function withKnown<K, T>(known: (ctx: Context) => Promise<K>, run: (ctx: TemporalContext, found: K) => Promise<T>): Promise<T> {
  return withContext(async ({ config, db }) => {
    const found = await known({ config, db });
    const client = await connectTemporal(config).catch((error: unknown) =>
      refuseWith((m) => m.errors.temporalUnreachable, config.TEMPORAL_ADDRESS, error instanceof Error ? error.message : String(error)),
    );
    try {
      return await run({ config, db, client }, found);
    } finally {
      await client.connection.close();
    }
  });
}

export function print(json: boolean | undefined, value: unknown, text: string) {
  console.log(json ? JSON.stringify(value, null, 2) : text);
}

export const actorOf = (email: string): Actor => ({ email: email.toLowerCase(), channel: 'cli' });

/** An instant as a person reads it: in the season's zone, with the zone named, e.g. 2027-01-15 23:59（Asia/Shanghai）. */
export function timeIn(at: Date | string, timeZone: string): string {
  return msg.at(formatInZone(typeof at === 'string' ? new Date(at) : at, timeZone), timeZone);
}

/** A date a person typed for an option, read in the season's zone; anything else (2027-02-30 too) is refused, naming the option. */
export function dateArg(option: string, text: string, timeZone: string): Date {
  const date = parseDueDate(text, timeZone);
  if (Number.isNaN(date.getTime()) || !isCalendarDay(text)) refuseWith((m) => m.errors.notADate, option, text);
  return date;
}

/** A day that is on the calendar: Date.UTC would quietly roll 2027-02-30 over to 2027-03-02. */
function isCalendarDay(text: string): boolean {
  const day = /^(\d{4})-(\d{2})-(\d{2})/.exec(text);
  if (!day) return true;
  const [year, month, date] = day.slice(1).map(Number) as [number, number, number];
  return new Date(Date.UTC(year, month - 1, date)).toISOString().startsWith(text.slice(0, 10));
}
