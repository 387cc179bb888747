// The worker, the web app and the CLI write to one SQLite file. Each process's Prisma client runs
// its transactions on its one connection (db/sqlite-connections.ts): a write that meets another
// process's lock waits for it, and a failed transaction leaves nothing behind.
import { spawn } from 'node:child_process';
import { createClient, type Client } from '@libsql/client';
import { PROJECT_ROOT } from '../../config/env';
import { createScratchSqlite, type ScratchDatabase } from '../../db/scratch-database';

describe('SQLite transactions', () => {
  let scratch: ScratchDatabase;
  let otherProcess: Client;

  beforeEach(async () => {
    scratch = await createScratchSqlite();
    otherProcess = createClient({ url: scratch.url });
  });
  afterEach(async () => {
    otherProcess.close();
    await scratch.drop();
  });

  /**
   * Another process takes the file's write lock and holds it for `ms`; resolves once it has it.
   * `stillHeldAt`: a moment (its clock, ms) when the lock was still held, just before its commit.
   * (Another process, because a waiting SQLite call blocks its own process's event loop.)
   */
  function holdWriteLockElsewhere(ms: number): Promise<{ exited: Promise<unknown>; stillHeldAt: Promise<number> }> {
    const script = `
      const db = require('@libsql/client').createClient({ url: process.argv[1] });
      db.transaction('write').then((tx) => {
        console.log('locked');
        setTimeout(() => { console.log('held ' + Date.now()); tx.commit().then(() => db.close()); }, ${ms});
      });`;
    const child = spawn(process.execPath, ['-e', script, scratch.url], { cwd: PROJECT_ROOT, stdio: ['ignore', 'pipe', 'inherit'] });
    const exited = new Promise((resolve) => child.once('exit', resolve));
    let said = '';
    child.stdout.on('data', (chunk: Buffer) => (said += chunk.toString()));
    const stillHeldAt = exited.then(() => Number(/held (\d+)/.exec(said)?.[1]));
    return new Promise((resolve, reject) => {
      child.stdout.once('data', () => resolve({ exited, stillHeldAt }));
      void exited.then((code) => reject(new Error(`the locking process exited (${String(code)}) before it held the lock`)));
    });
  }

  const addPerson = (email: string) =>
    scratch.db.$transaction(async (tx) => {
      await tx.person.create({ data: { email, name: email } });
    });

  test("a write waits for another process's write to finish, after earlier transactions too", async () => {
    await addPerson('first@school.example');
    await addPerson('second@school.example');

    const locker = await holdWriteLockElsewhere(300);
    await addPerson('third@school.example');
    const doneAt = Date.now();
    // It did meet the lock and waited: it finished after a moment the other still held it. (Not
    // a duration: on a busy machine the news of the lock can arrive most of the 300 ms late.)
    expect(doneAt).toBeGreaterThanOrEqual(await locker.stillHeldAt);
    expect(await scratch.db.person.count()).toBe(3);
  });

  test('a transaction that has read still writes when another process writes meanwhile: the other waits', async () => {
    await addPerson('first@school.example');
    let other: { exited: Promise<unknown> } | undefined;
    await scratch.db.$transaction(async (tx) => {
      expect(await tx.person.count()).toBe(1);
      other = writeElsewhere('other@school.example');
      await new Promise((resolve) => setTimeout(resolve, 500)); // time enough for it to commit, were it let
      await tx.person.create({ data: { email: 'mine@school.example', name: 'mine' } });
    });
    await other?.exited;
    expect((await scratch.db.person.findMany({ select: { email: true }, orderBy: { email: 'asc' } })).map((p) => p.email)).toEqual([
      'first@school.example',
      'mine@school.example',
      'other@school.example',
    ]);
  });

  /** Another process adds a person, waiting for the file's lock as the product's clients do. */
  function writeElsewhere(email: string): { exited: Promise<unknown> } {
    const script = `
      const db = require('@libsql/client').createClient({ url: process.argv[1] });
      db.execute('PRAGMA busy_timeout = 10000')
        .then(() => db.execute({ sql: 'INSERT INTO Person (id, email, name, updatedAt) VALUES (?, ?, ?, ?)', args: ['p-' + Date.now(), process.argv[2], 'other', new Date().toISOString()] }))
        .then(() => db.close(), (error) => { console.error(error.message); process.exit(1); });`;
    const child = spawn(process.execPath, ['-e', script, scratch.url, email], { cwd: PROJECT_ROOT, stdio: ['ignore', 'inherit', 'inherit'] });
    return {
      exited: new Promise((resolve, reject) => child.once('exit', (code) => (code === 0 ? resolve(code) : reject(new Error(`the writer exited ${code}`))))),
    };
  }

  test('every transaction keeps the busy timeout and foreign keys', async () => {
    for (let i = 0; i < 3; i++) {
      await scratch.db.$transaction(async (tx) => {
        expect(await tx.$queryRawUnsafe('PRAGMA busy_timeout')).toEqual([{ timeout: 10000 }]);
        expect(await tx.$queryRawUnsafe('PRAGMA foreign_keys')).toEqual([{ foreign_keys: 1 }]);
      });
    }
    expect(await scratch.db.$queryRawUnsafe('PRAGMA busy_timeout')).toEqual([{ timeout: 10000 }]);
  });

  test('a transaction that fails is rolled back, and the next one starts clean', async () => {
    await expect(
      scratch.db.$transaction(async (tx) => {
        await tx.person.create({ data: { email: 'half@school.example', name: 'half' } });
        throw new Error('the second half failed');
      }),
    ).rejects.toThrow('the second half failed');
    await expect(addPerson('dup@school.example').then(() => addPerson('dup@school.example'))).rejects.toThrow();

    await addPerson('after@school.example');
    expect((await scratch.db.person.findMany({ orderBy: { email: 'asc' } })).map((p) => p.email)).toEqual(['after@school.example', 'dup@school.example']);
    // Nothing was left open on the connection: another process can write at once.
    await otherProcess.execute({ sql: 'DELETE FROM Person WHERE email = ?', args: ['after@school.example'] });
  });
});
