// Time as it happened: reminders that fall due while no worker runs go out when one is back,
// recorded at the moment they were sent (the planned moment kept beside it), and each person gets
// one notice saying how many it stands for, not a burst. Real time on the dev server: the
// time-skipping server stops skipping while a workflow task waits for a worker.
import { reportQuery } from '../../domain/report-api';
import { PEOPLE, ReportHarness } from '../helpers/report-harness';

const SECOND = 1000;
const h = new ReportHarness('dev');
beforeAll(() => h.start());
afterAll(() => h.stop());

test(
  'after an outage each person gets one notice saying how many were missed, recorded when it was sent',
  async () => {
    const { reportId, dueAt, handle } = await h.startReport({
      dueInMs: 20 * SECOND,
      schedule: {
        remindersBeforeDue: ['6s', '4s', '2s'],
        escalateToLiaisonAfter: '1s',
        escalateToPartyGroupSecretaryAfter: '2s',
        digestEvery: '1h',
        minimumNoticeGap: '1s',
      },
    });
    await h.stopWorker();
    // Stopped well before the first reminder (14 s after the start), however slow the start was.
    expect(Date.now()).toBeLessThan(dueAt - 6 * SECOND);
    await new Promise((resolve) => setTimeout(resolve, dueAt + 3 * SECOND - Date.now())); // every reminder and both escalations fall due
    const back = Date.now();
    await h.startWorker();
    await h.waitFor(async () => (await h.mails(reportId)).length >= 4, 30 * SECOND);
    await new Promise((resolve) => setTimeout(resolve, 2 * SECOND)); // nothing more comes

    expect((await h.mails(reportId)).map((m) => [m.kind, m.to])).toEqual([
      ['assignment', PEOPLE.secretary],
      ['reminder', PEOPLE.secretary],
      ['escalation', PEOPLE.liaison],
      ['escalation', PEOPLE.partyGroupSecretary],
    ]);
    const events = await h.db.auditEvent.findMany({ where: { reportId, action: { not: 'report.assigned' } }, orderBy: { chainSeq: 'asc' } });
    expect(events.map((e) => e.action)).toEqual(['report.reminded', 'report.escalated', 'report.escalated']);
    for (const event of events) expect(event.occurredAt.getTime()).toBeGreaterThanOrEqual(back - SECOND);
    expect(JSON.parse((events[0] as (typeof events)[number]).detailJson)).toMatchObject({
      plannedAt: new Date(dueAt - 2 * SECOND).toISOString(),
      missed: [expect.stringContaining('/reminder/6000'), expect.stringContaining('/reminder/4000')],
    });
    const reminder = (await h.deliveredMails(reportId)).filter((m) => m.to === PEOPLE.secretary).at(-1);
    expect(reminder?.subject).toContain('逾期');
    expect(reminder?.text).toContain('另有 2 次提醒未能按时发出');
    expect(await handle.query(reportQuery)).toMatchObject({ record: { events: 4 } });
  },
  90 * SECOND,
);
