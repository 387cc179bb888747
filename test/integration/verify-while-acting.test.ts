// A season goes on while `audit verify` reads it: a reminder recorded after verify read the
// database, but before the report's workflow answered, is no finding. An event the workflow
// witnessed that the database does not hold still is. (Found by record-faults.test.ts under load:
// a weekly notice fell due between the two reads.) Temporal is stood in for by a client whose
// query records the act first, so the race happens every time.
import type { Client } from '@temporalio/client';
import type { ActivityDeps } from '../../activities';
import { createReportActivities } from '../../activities/report-activities';
import { verifySeasonRecord } from '../../app/audit-witness';
import { chainHead } from '../../db/audit';
import { importSeason } from '../../db/season-import';
import type { RecordHead } from '../../domain/messages';
import { TEST_AUDIT_KEY, TEST_AUDIT_KEYRING } from '../helpers/audit-key';
import { describeEachDatabase, type ScratchDatabase } from '../helpers/databases';
import { demoSeason } from '../helpers/seasons';

const SEASON = 'demo-2026';
const BRANCHES = ['bureau-office', 'experimental-primary', 'no1-middle-school'];
const REPORT = `${SEASON}/no1-middle-school`;
const SYSTEM = { email: 'system', channel: 'workflow' as const };

/** A Temporal client whose running report workflows answer with the head `answer` gives. */
function temporalAnswering(answer: (reportId: string) => Promise<RecordHead>): Client {
  return {
    withAbortSignal: <T>(_signal: AbortSignal, work: () => Promise<T>) => work(),
    workflow: {
      list: async function* () {},
      getHandle: (workflowId: string) => ({
        workflowId,
        describe: async () => ({ status: { name: 'RUNNING' }, runId: 'run' }),
        query: async () => ({ record: await answer(workflowId.replace(/^report\//, '')), mail: { asked: 0, waiting: 0 } }),
      }),
    },
  } as unknown as Client;
}

describeEachDatabase('verify while the season goes on', (kind) => {
  let scratch: ScratchDatabase;
  let record: ReturnType<typeof createReportActivities>;
  beforeEach(async () => {
    scratch = await kind.create();
    await importSeason(scratch.db, demoSeason(), { email: 'zuzhi@bureau.example', channel: 'cli' }, TEST_AUDIT_KEY);
    record = createReportActivities({ db: scratch.db, auditKey: TEST_AUDIT_KEY } as ActivityDeps);
    for (const branchId of BRANCHES) {
      await record.recordAssignment({ seasonId: SEASON, branchId, occurredAt: '2026-11-25T08:00:00.000Z', auditKey: `report/${SEASON}/${branchId}/assigned` });
    }
  });
  afterEach(() => scratch?.drop());

  const headOf = async (reportId: string) => (await chainHead(scratch.db, `report:${reportId}`)) as RecordHead;
  const remind = (key: string) =>
    record.recordReportChange({
      reportId: REPORT,
      stamp: { auditKey: key, occurredAt: '2026-11-26T08:00:00.000Z', actor: SYSTEM, action: 'report.reminded' },
      patch: {},
    });

  test('a reminder recorded between verify reading the database and the workflow answering is no finding', async () => {
    let reminded = false;
    const temporal = temporalAnswering(async (reportId) => {
      if (reportId === REPORT && !reminded) {
        reminded = true;
        await remind(`report/${REPORT}/timer/late`);
      }
      return headOf(reportId);
    });
    const result = await verifySeasonRecord(scratch.db, temporal, TEST_AUDIT_KEYRING, SEASON, { concurrency: 1 });
    expect(reminded).toBe(true);
    expect({ ok: result.ok, problems: result.problems, witnessed: result.witnessed }).toEqual({ ok: true, problems: [], witnessed: BRANCHES.length });
  });

  test('an event the workflow witnessed that the database lacks is still named', async () => {
    const temporal = temporalAnswering(async (reportId) => {
      const head = await headOf(reportId);
      return reportId === REPORT ? { events: head.events + 1, hash: 'f'.repeat(64) } : head;
    });
    const result = await verifySeasonRecord(scratch.db, temporal, TEST_AUDIT_KEYRING, SEASON, { concurrency: 1 });
    expect(result.problems.map((p) => [p.problem, p.chain, p.message.en])).toEqual([
      ['witness', `report:${REPORT}`, `report:${REPORT}: events 2…2 are missing; Temporal's history recorded 2`],
    ]);
  });

  test('an event appended since the snapshot that does not end at the witnessed head is named', async () => {
    const temporal = temporalAnswering(async (reportId) => {
      const head = await headOf(reportId);
      if (reportId !== REPORT) return head;
      await remind(`report/${REPORT}/timer/other`);
      return { events: head.events + 1, hash: 'e'.repeat(64) }; // the workflow wrote something else
    });
    const result = await verifySeasonRecord(scratch.db, temporal, TEST_AUDIT_KEYRING, SEASON, { concurrency: 1 });
    expect(result.problems.map((p) => [p.problem, p.chain])).toEqual([['witness', `report:${REPORT}`]]);
  });
});
