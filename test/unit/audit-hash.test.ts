// The record's hash chain, as anyone may recompute it: an event's hash is sha256 over the hash
// before it and the JSON of its chained fields in a fixed order. Seasons already closed printed
// heads made this way, so the formula cannot change without every old event looking edited.
import { createHash } from 'node:crypto';
import {
  AuditKeyConflictError,
  assertSameAct,
  chainOf,
  eventHash,
  GENESIS_HASH,
  headOf,
  headOverChains,
  type ChainedContent,
  type RecordedEvent,
} from '../../db/audit';

const sha256 = (...parts: string[]) => parts.reduce((h, part) => h.update(part), createHash('sha256')).digest('hex');

const event: ChainedContent = {
  chainSeq: 2,
  key: 'report/demo-2026/no1/probe/1',
  occurredAt: new Date('2026-11-25T08:00:00.000Z'),
  actorEmail: 'dangzu.shuji@bureau.example',
  onBehalfOf: 'weiyuan.zhao@bureau.example',
  action: 'report.approved',
  channel: 'web',
  seasonId: 'demo-2026',
  reportId: 'demo-2026/no1',
  versionNumber: 3,
  detailJson: '{"rating":"好"}',
};

describe("the record's hash chain", () => {
  test('a chain starts from 64 zeros', () => {
    expect(GENESIS_HASH).toBe('0'.repeat(64));
  });

  test("an event's hash is sha256 of the hash before it and its chained fields, in their fixed order", () => {
    const prev = 'a'.repeat(64);
    const fields = [
      2,
      'report/demo-2026/no1/probe/1',
      '2026-11-25T08:00:00.000Z',
      'dangzu.shuji@bureau.example',
      'weiyuan.zhao@bureau.example',
      'report.approved',
      'web',
      'demo-2026',
      'demo-2026/no1',
      3,
      '{"rating":"好"}',
    ];
    expect(eventHash(prev, event)).toBe(sha256(prev, JSON.stringify(fields)));
  });

  test.each(Object.keys(event) as (keyof ChainedContent)[])("changing the event's %s changes its hash", (field) => {
    const changed = {
      ...event,
      [field]:
        field === 'occurredAt' ? new Date('2026-11-25T08:00:00.001Z') : field === 'chainSeq' || field === 'versionNumber' ? 4 : `${String(event[field])}x`,
    };
    expect(eventHash(GENESIS_HASH, changed)).not.toBe(eventHash(GENESIS_HASH, event));
  });

  test("the season's head is one hash over every chain's last hash, whatever order the chains are read in", () => {
    const heads = [
      { chain: 'season:demo-2026', hash: 'b'.repeat(64) },
      { chain: 'report:demo-2026/no1', hash: 'a'.repeat(64) },
    ];
    const expected = sha256(`report:demo-2026/no1=${'a'.repeat(64)}\nseason:demo-2026=${'b'.repeat(64)}`);
    expect(headOverChains(heads)).toBe(expected);
    expect(headOverChains([...heads].reverse())).toBe(expected);
  });

  test("a report's events are its own chain, a season's events without a report the season's, anything else the global chain", () => {
    expect(chainOf({ reportId: 'demo-2026/no1', seasonId: 'demo-2026' })).toBe('report:demo-2026/no1');
    expect(chainOf({ reportId: null, seasonId: 'demo-2026' })).toBe('season:demo-2026');
    expect(chainOf({})).toBe('global');
  });

  test("a chain's head is how many events it holds and its last hash", () => {
    expect(headOf({ chainSeq: 7, hash: 'c'.repeat(64) })).toEqual({ events: 7, hash: 'c'.repeat(64) });
  });
});

describe('one act under one key', () => {
  const recorded: RecordedEvent = {
    key: 'k',
    occurredAt: new Date('2026-11-25T08:00:00.000Z'),
    actorEmail: 'zuzhi@bureau.example',
    action: 'report.extended',
    channel: 'cli',
    seasonId: 'demo-2026',
    reportId: 'demo-2026/no1',
    versionNumber: null,
    chainSeq: 3,
    hash: 'd'.repeat(64),
  };
  const act = {
    key: 'k',
    occurredAt: '2026-11-25T09:30:00.000Z',
    actorEmail: 'zuzhi@bureau.example',
    action: 'report.extended',
    channel: 'cli' as const,
    seasonId: 'demo-2026',
    reportId: 'demo-2026/no1',
  };

  test('the same act retried later is the recorded one', () => {
    expect(() => assertSameAct(recorded, act)).not.toThrow();
  });

  test.each([
    ['another action', { action: 'report.exempted' }],
    ['another actor', { actorEmail: 'someone@else.example' }],
    ['another channel', { channel: 'web' as const }],
    ['another report', { reportId: 'demo-2026/no2' }],
  ])('%s under a recorded key is a conflict that names both acts', (_, change) => {
    const attempt = () => assertSameAct(recorded, { ...act, ...change });
    expect(attempt).toThrow(AuditKeyConflictError);
    expect(attempt).toThrow(
      /^audit key k is already recorded for a different act \(report\.extended by zuzhi@bureau\.example via cli on demo-2026\/no1\); refusing to record .+ under it$/,
    );
  });

  test('a season act is told from a report act by its subject', () => {
    const seasonAct = { ...recorded, reportId: null };
    expect(() => assertSameAct(seasonAct, { ...act, reportId: undefined })).not.toThrow();
    expect(() => assertSameAct({ ...seasonAct, seasonId: null }, { ...act, reportId: undefined, seasonId: undefined })).not.toThrow();
    try {
      assertSameAct(seasonAct, act);
      throw new Error('not refused');
    } catch (error) {
      expect(error).toMatchObject({
        name: 'AuditKeyConflictError',
        key: 'k',
        recorded: 'report.extended by zuzhi@bureau.example via cli on demo-2026',
        attempted: 'report.extended by zuzhi@bureau.example via cli on demo-2026/no1',
      });
    }
  });
});
