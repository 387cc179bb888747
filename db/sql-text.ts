// Plain SQL that SQLite and PostgreSQL both read, for the hot statements that skip Prisma's query
// compiler: the dashboard's reads (bench/README.md, change 12), and a report's change, its audit
// event and its mail (change 16), where each statement through the model API cost the worker far
// more CPU, its query compiler running on every call. Such statements write themselves what Prisma
// would fill in (ids, @default(now()), @updatedAt), and dates as Date parameters, which Prisma
// stores in the format its model API reads. Parameters are written $1, $2…: SQLite reads them as
// PostgreSQL does as long as each is first used in order.

/**
 * Our own constants (report states, roles) as a list of SQL string literals, so that one
 * statement text serves both databases. Only plain words are accepted: never user input.
 */
export function sqlWordList(words: readonly string[]): string {
  for (const word of words) {
    if (!/^[a-z_]+$/.test(word)) throw new Error(`not a plain word for SQL: ${JSON.stringify(word)}`);
  }
  return words.map((word) => `'${word}'`).join(', ');
}
