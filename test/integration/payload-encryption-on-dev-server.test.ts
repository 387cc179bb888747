// What Temporal stores holds no personal data: a report submitted and sent back with a comment,
// through the CLI and the worker process as they run in production, leaves histories in which a
// client without the key finds no address, name or comment, while a client with it reads the
// report as always. The send-back's mail first meets SMTP down, so a failure is stored too: its
// message is sealed like any payload.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { Client, type WorkflowHandle } from '@temporalio/client';
import type { Payload } from '@temporalio/common';
import { stringify } from 'yaml';
import { reportQuery } from '../../domain/report-api';
import { ENCRYPTED_ENCODING, PayloadEncryptionCodec } from '../../temporal/payload-codec';
import { runCli } from '../helpers/cli';
import { TEST_PAYLOAD_KEYRING } from '../helpers/payload-codec';
import { replayEveryHistory } from '../helpers/replay-all';
import { GOOD_REPORT } from '../helpers/report-harness';
import { demoSeason } from '../helpers/seasons';
import { startRealStack, type RealStack } from '../helpers/real-stack';
import { waitUntil } from '../helpers/wait';

const MIDDLE = 'demo-2026/no1-middle-school';
const SECRETARY = 'shuji.yizhong@school.example';
const SECRETARY_NAME = '周书记';
const ADMIN = 'zuzhi@bureau.example';
const COMMENT = '请补充全年主题党日的次数和参加人数';

type History = Awaited<ReturnType<WorkflowHandle['fetchHistory']>>;

/**
 * Every payload in a history, wherever it sits (inputs, results, update arguments, query answers),
 * but for two kinds the codec never sees: search attributes, which the server indexes (the season,
 * the branch and the state alone: domain/constants.ts SEARCH_ATTRIBUTES), and the SDK's own
 * bookkeeping in a local activity's marker (its number, type and times, beside its encrypted result).
 */
function payloadsIn(value: unknown, path: string[] = [], found: Payload[] = []): Payload[] {
  if (value instanceof Uint8Array || value === null || typeof value !== 'object') return found;
  if ('data' in value && 'metadata' in value && (value as Payload).data instanceof Uint8Array) found.push(value as Payload);
  else {
    for (const [key, item] of Object.entries(value)) {
      const markerBookkeeping = key === 'data' && path.slice(-2).join('.') === 'markerRecordedEventAttributes.details';
      if (key !== 'searchAttributes' && !markerBookkeeping) payloadsIn(item, [...path, key], found);
    }
  }
  return found;
}

interface StoredFailure {
  message?: string | null;
  stackTrace?: string | null;
  encodedAttributes?: Payload | null;
}

/** Every failure a history holds (an activity's, a local activity's in its marker, an update's), causes included. */
function failuresIn(value: unknown, found: StoredFailure[] = []): StoredFailure[] {
  if (value instanceof Uint8Array || value === null || typeof value !== 'object') return found;
  for (const [key, item] of Object.entries(value)) {
    if ((key === 'failure' || key === 'lastFailure' || key === 'cause') && item && typeof item === 'object') found.push(item as StoredFailure);
    failuresIn(item, found);
  }
  return found;
}

/** Everything a reader of the history sees, bytes and strings alike, as text. */
function everythingIn(value: unknown): string {
  if (value instanceof Uint8Array) return Buffer.from(value).toString('utf8');
  if (typeof value === 'string') return value;
  if (value === null || typeof value !== 'object') return '';
  return Object.values(value).map(everythingIn).join('\n');
}

describe("Temporal's histories on the dev server", () => {
  let stack: RealStack;
  let histories: History[];

  beforeAll(async () => {
    stack = await startRealStack('encryption');
    stack.startWorker();
    const seasonFile = join(stack.dir, 'season.yaml');
    writeFileSync(seasonFile, stringify(demoSeason()));
    const report = join(stack.dir, 'report.md');
    writeFileSync(report, GOOD_REPORT);
    for (const args of [
      ['season', 'create', '--file', seasonFile],
      ['season', 'start', 'demo-2026', '--wait'],
      ['report', 'submit', MIDDLE, '--file', report, '--as', SECRETARY],
      ['report', 'review', MIDDLE, '--request-revision', '--comment', COMMENT, '--as', ADMIN],
    ]) {
      // The send-back's mail finds SMTP refusing connections on its first try, and goes out once it is back.
      if (args[1] === 'review') await stack.smtpDown();
      const result = await runCli(args, stack.cliEnv);
      // stderr is shown when a command fails; `season start --wait` writes its progress there.
      expect({ args, code: result.code, ...(result.code === 0 ? {} : { stderr: result.stderr }) }).toEqual({ args, code: 0 });
    }
    await stack.smtpUp();
    const revisionMailSent = async () =>
      (await stack.scratch.db.sentMail.count({ where: { reportId: MIDDLE, kind: 'revision_requested', status: 'sent' } })) === 1;
    await waitUntil(revisionMailSent, 60_000, 'the send-back mail, once SMTP is back');
    // Read as the Web UI reads them: straight from the server, with no codec.
    const raw = new Client({ connection: stack.env.connection, namespace: 'default' });
    histories = [];
    for await (const { history } of raw.workflow.list().intoHistories()) histories.push(history as History);
  }, 180_000);
  afterAll(() => stack?.stop());

  test('every workflow of the season was read, its payloads all encrypted', () => {
    expect(histories.length).toBe(4); // the season and its three reports
    const payloads = histories.flatMap((history) => payloadsIn(history.events));
    expect(payloads.length).toBeGreaterThan(10);
    expect(new Set(payloads.map((p) => Buffer.from(p.metadata?.encoding ?? []).toString()))).toEqual(new Set([ENCRYPTED_ENCODING]));
  });

  test('a failure in them (SMTP refused the first try of a mail) keeps its message and stack sealed', async () => {
    const failures = histories.flatMap((history) => failuresIn(history.events));
    expect(failures.length).toBeGreaterThan(0);
    for (const failure of failures) {
      expect(failure.message).toBe('Encoded failure');
      expect(failure.stackTrace ?? '').toBe('');
      expect(Buffer.from(failure.encodedAttributes?.metadata?.encoding ?? []).toString()).toBe(ENCRYPTED_ENCODING);
    }
    const seen = histories.map(everythingIn).join('\n');
    expect(seen).not.toContain('ECONNREFUSED');
    // With the key, the message is there.
    const codec = new PayloadEncryptionCodec(TEST_PAYLOAD_KEYRING);
    const opened = everythingIn(await codec.decode(failures.flatMap((f) => (f.encodedAttributes ? [f.encodedAttributes] : []))));
    expect(opened).toContain('ECONNREFUSED');
  });

  test('without the key, no address, name or comment appears anywhere in them', () => {
    const seen = histories.map(everythingIn).join('\n');
    for (const secret of [SECRETARY, ADMIN, SECRETARY_NAME, COMMENT, '全年发展预备党员'])
      expect({ secret, found: seen.includes(secret) }).toEqual({ secret, found: false });
  });

  test('with the key, the same histories hold them, and a client with the codec reads the report as always', async () => {
    const codec = new PayloadEncryptionCodec(TEST_PAYLOAD_KEYRING);
    const opened = everythingIn(await codec.decode(histories.flatMap((history) => payloadsIn(history.events))));
    for (const secret of [SECRETARY, COMMENT]) expect({ secret, found: opened.includes(secret) }).toEqual({ secret, found: true });

    const snapshot = await stack.env.client.workflow.getHandle(`report/${MIDDLE}`).query(reportQuery);
    expect(snapshot).toMatchObject({ state: 'revision_requested', secretaryEmail: SECRETARY, revisionRound: 1 });
    const shown = await runCli(['report', 'show', MIDDLE, '--json'], stack.cliEnv);
    expect(JSON.parse(shown.stdout)).toMatchObject({ state: 'revision_requested', comments: [{ version: 1, body: COMMENT }] });
  });

  test('the encrypted histories replay on the workflow code, decrypted with the key', async () => {
    const { replayed, failures } = await replayEveryHistory(stack.env.client, stack.dir);
    expect({ replayed, failures }).toEqual({ replayed: 4, failures: [] });
  });
});
