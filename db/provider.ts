export type DatabaseProvider = 'sqlite' | 'postgresql';

/** Which of the two supported databases a DATABASE_URL points at. */
export function databaseProvider(databaseUrl: string): DatabaseProvider {
  return databaseUrl.startsWith('file:') ? 'sqlite' : 'postgresql';
}
