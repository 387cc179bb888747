// The record's writer, step by step on both databases: each chain counts and links its own events,
// an act finds what was written before it under its keys, and an act whose workflow knew a head the
// chain no longer holds records the break in its own authenticated event.
import {
  appendAuditEvent,
  appendUnrecordedAuditEvent,
  chainHead,
  eventHash,
  eventsBetween,
  findRecordedKeys,
  GENESIS_HASH,
  headOverChains,
  seasonRecordHead,
} from '../../db/audit';
import { verifyAuditChain } from '../../db/audit-verify';
import { importSeason } from '../../db/season-import';
import type { AuditEventInput, RecordHead } from '../../domain/messages';
import { TEST_AUDIT_KEY, TEST_AUDIT_KEYRING } from '../helpers/audit-key';
import { describeEachDatabase, type ScratchDatabase } from '../helpers/databases';
import { demoSeason } from '../helpers/seasons';

const SEASON = 'demo-2026';
const REPORT = `${SEASON}/no1-middle-school`;
const CHAIN = `report:${REPORT}`;

describeEachDatabase("the record's writer", (kind) => {
  let scratch: ScratchDatabase;
  let n = 0;
  const act = (over: Partial<AuditEventInput> = {}): AuditEventInput => {
    n += 1;
    return {
      key: `report/${REPORT}/probe/${n}`,
      occurredAt: new Date(Date.UTC(2026, 10, 25, 8, n)).toISOString(),
      actorEmail: 'system',
      action: 'report.reminded',
      channel: 'workflow',
      seasonId: SEASON,
      reportId: REPORT,
      detail: { n },
      ...over,
    };
  };
  const append = (event: AuditEventInput) => scratch.db.$transaction((tx) => appendAuditEvent(tx, TEST_AUDIT_KEY, event));
  const appendKnowing = (event: AuditEventInput, known: RecordHead) =>
    scratch.db.$transaction((tx) => appendUnrecordedAuditEvent(tx, TEST_AUDIT_KEY, event, known));
  const row = (key: string) => scratch.db.auditEvent.findUniqueOrThrow({ where: { key } });
  /** What verify finds in the chains (the probe's report has no row, which it names as well). */
  const chainProblems = async () => (await verifyAuditChain(scratch.db, TEST_AUDIT_KEYRING, SEASON)).problems.filter((p) => p.problem !== 'read_model');

  beforeEach(async () => {
    scratch = await kind.create();
    await importSeason(scratch.db, demoSeason(), { email: 'zuzhi@bureau.example', channel: 'cli' }, TEST_AUDIT_KEY);
  });
  afterEach(() => scratch?.drop());

  test('each event follows the one before it in its chain, from 64 zeros, and is stored as it was asked with its MAC', async () => {
    const first = act({ onBehalfOf: 'weiyuan.zhao@bureau.example', versionNumber: 2 });
    const second = act();
    const heads = [await append(first), await append(second)];
    const [a, b] = [await row(first.key), await row(second.key)];
    expect(heads).toEqual([
      { events: 1, hash: a.hash },
      { events: 2, hash: b.hash },
    ]);
    expect(a).toMatchObject({
      chain: CHAIN,
      chainSeq: 1,
      prevHash: GENESIS_HASH,
      actorEmail: 'system',
      onBehalfOf: 'weiyuan.zhao@bureau.example',
      action: 'report.reminded',
      channel: 'workflow',
      seasonId: SEASON,
      reportId: REPORT,
      versionNumber: 2,
      detailJson: JSON.stringify(first.detail),
      macKeyId: TEST_AUDIT_KEY.id,
    });
    expect(a.occurredAt.toISOString()).toBe(first.occurredAt);
    expect(a.mac).toBe(TEST_AUDIT_KEY.mac(a.hash as string));
    expect(b).toMatchObject({ chainSeq: 2, prevHash: a.hash, onBehalfOf: null, versionNumber: null });
    expect(await chainHead(scratch.db, CHAIN)).toEqual({ events: 2, hash: b.hash });
  });

  test('an event without detail records an empty one', async () => {
    const event = act({ detail: undefined });
    await append(event);
    expect((await row(event.key)).detailJson).toBe('{}');
  });

  test('a chain with no event has no head; chains count apart', async () => {
    expect(await chainHead(scratch.db, CHAIN)).toBeNull();
    await append(act());
    await append(act({ reportId: `${SEASON}/bureau-office` }));
    expect(await chainHead(scratch.db, CHAIN)).toMatchObject({ events: 1 });
    expect(await chainHead(scratch.db, `report:${SEASON}/bureau-office`)).toMatchObject({ events: 1 });
  });

  test("the season's head is one hash over the last event of each of its chains", async () => {
    await append(act());
    const last = await append(act());
    const other = await append(act({ reportId: `${SEASON}/bureau-office` }));
    const seasonChain = await chainHead(scratch.db, `season:${SEASON}`);
    const expected = headOverChains([
      { chain: CHAIN, hash: last.hash },
      { chain: `report:${SEASON}/bureau-office`, hash: other.hash },
      { chain: `season:${SEASON}`, hash: seasonChain?.hash as string },
    ]);
    expect(await scratch.db.$transaction((tx) => seasonRecordHead(tx, SEASON))).toBe(expected);
    expect((await verifyAuditChain(scratch.db, TEST_AUDIT_KEYRING, SEASON)).headHash).toBe(expected);
  });

  test('an act finds the events recorded under its keys, with their time and detail, and nothing for no keys', async () => {
    const [a, b] = [act(), act()];
    await append(a);
    await append(b);
    const found = await findRecordedKeys(scratch.db, [a.key, 'never/recorded', b.key]);
    expect(found.sort((x, y) => x.occurredAt.getTime() - y.occurredAt.getTime())).toEqual([
      { key: a.key, occurredAt: new Date(a.occurredAt), detailJson: JSON.stringify(a.detail) },
      { key: b.key, occurredAt: new Date(b.occurredAt), detailJson: JSON.stringify(b.detail) },
    ]);
    expect(await findRecordedKeys(scratch.db, [])).toEqual([]);
  });

  test('the events between two of a chain, both ends left out, in order, with what authenticates them', async () => {
    const events = [act(), act(), act(), act()];
    for (const event of events) await append(event);
    const between = await eventsBetween(scratch.db, CHAIN, 1, 4);
    expect(between.map((e) => [e.key, e.action, e.detailJson, e.macKeyId])).toEqual(
      events.slice(1, 3).map((e) => [e.key, 'report.reminded', JSON.stringify(e.detail), TEST_AUDIT_KEY.id]),
    );
    expect(between[0]?.occurredAt).toEqual(new Date(events[1]?.occurredAt as string));
    expect(between[0]?.mac).toBe(TEST_AUDIT_KEY.mac(between[0]?.hash as string));
  });

  test('an act whose workflow knew the head the chain still holds, or knew none, records no break', async () => {
    const first = await appendKnowing(act(), { events: 0, hash: GENESIS_HASH });
    await append(act()); // written by a task that died unheard of: the workflow's head is behind, not wrong
    const third = act();
    await appendKnowing(third, first);
    expect(JSON.parse((await row(third.key)).detailJson)).toEqual(third.detail);
    expect(await chainProblems()).toEqual([]);
  });

  test('an act whose workflow knew a head the chain no longer holds records the break, and verify names it', async () => {
    await append(act());
    const known = await append(act());
    const next = act();
    await appendKnowing(next, { ...known, hash: 'f'.repeat(64) });
    expect(JSON.parse((await row(next.key)).detailJson)).toEqual({
      ...next.detail,
      recordBroken: { knownEvents: 2, knownHash: 'f'.repeat(64), foundEvents: 2 },
    });
    const beyond = act();
    await appendKnowing(beyond, { events: 5, hash: known.hash });
    expect(JSON.parse((await row(beyond.key)).detailJson).recordBroken).toEqual({ knownEvents: 5, knownHash: known.hash, foundEvents: 3 });
    expect((await chainProblems()).map((p) => [p.problem, p.chain, p.chainSeq])).toEqual([
      ['witness', CHAIN, 3],
      ['witness', CHAIN, 4],
    ]);
  });
});

describe("an event's time in the chain", () => {
  test('an event whose time is no date gets no hash: the chain never covers an event without its time', () => {
    const undated = {
      chainSeq: 1,
      key: `report/${REPORT}/probe/undated`,
      occurredAt: new Date('the day after tomorrow'),
      actorEmail: 'system',
      onBehalfOf: null,
      action: 'report.reminded',
      channel: 'workflow',
      seasonId: SEASON,
      reportId: REPORT,
      versionNumber: null,
      detailJson: '{}',
    };
    expect(() => eventHash(GENESIS_HASH, undated)).toThrow(RangeError);
  });
});
