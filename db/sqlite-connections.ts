// Prisma's libsql adapter, with every transaction on the client's one SQLite connection.
//
// Why: @libsql/client hands each transaction the connection it had and opens a new one for what
// follows, and never closes the old one after COMMIT; it waits for garbage collection, which
// does not see SQLite's native memory. So each transaction (every recorded step of every report)
// opened a connection and left one open, and the worker's memory grew with every step, on SQLite
// alone (bench/README.md#what-changed-them, change 7). The new connections also lost
// the per-connection pragmas db/client.ts sets (busy_timeout fell to 0 after the first
// transaction, so a write meeting another process's lock failed at once instead of waiting).
//
// Sharing the one connection is safe: the Prisma adapter holds its lock from the start of a
// transaction to its end, so no other statement of this client runs in between.
import { type Client, type Config, type InStatement, type ResultSet, type Transaction, type TransactionMode } from '@libsql/client';
import { PrismaLibSQL } from '@prisma/adapter-libsql';

export class PrismaLibSQLOnOneConnection extends PrismaLibSQL {
  override createClient(config: Config): Client {
    return withTransactionsOnSameConnection(super.createClient(config));
  }
}

// Prisma begins every interactive transaction "deferred". In WAL mode such a transaction that
// has read, then writes after another process committed, fails at once (SQLITE_BUSY_SNAPSHOT,
// which the busy timeout does not wait out; Prisma says "Operation has timed out"): under load the
// worker's steps failed and retried this way. Taking the write lock at BEGIN makes them wait.
const BEGIN: Record<TransactionMode, string> = {
  write: 'BEGIN IMMEDIATE',
  read: 'BEGIN TRANSACTION READONLY',
  deferred: 'BEGIN IMMEDIATE',
};

export function withTransactionsOnSameConnection(client: Client): Client {
  return new Proxy(client, {
    get(target, property) {
      if (property === 'transaction') {
        return async (mode: TransactionMode = 'write') => {
          await target.execute(BEGIN[mode]);
          return transactionOn(target);
        };
      }
      // The client keeps its connection in private fields: its methods must run on the client itself.
      const value: unknown = Reflect.get(target, property, target);
      return typeof value === 'function' ? (value as (...args: unknown[]) => unknown).bind(target) : value;
    },
  });
}

function transactionOn(client: Client): Transaction {
  let open = true;
  const end = async (statement: 'COMMIT' | 'ROLLBACK') => {
    if (!open) return;
    open = false;
    try {
      await client.execute(statement);
    } catch (error) {
      // A COMMIT that failed (a lock, a deferred constraint) leaves the transaction open on the
      // shared connection: roll it back so the next statement does not run inside it.
      if (statement === 'COMMIT') await client.execute('ROLLBACK').catch(() => undefined);
      throw error;
    }
  };
  return {
    execute: (statement: InStatement) => client.execute(statement),
    batch: async (statements: InStatement[]) => {
      const results: ResultSet[] = [];
      for (const statement of statements) results.push(await client.execute(statement));
      return results;
    },
    executeMultiple: (sql: string) => client.executeMultiple(sql),
    commit: () => end('COMMIT'),
    rollback: () => end('ROLLBACK'),
    close: () => {
      end('ROLLBACK').catch(() => undefined); // close() reports nothing, as the client's own does
    },
    get closed() {
      return !open;
    },
  };
}
