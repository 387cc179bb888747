// Plain SQL that SQLite and PostgreSQL both read, for the few hot reads that skip Prisma's query
// compiler (bench/README.md, change 12). Parameters are written $1, $2…: SQLite reads them as
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
