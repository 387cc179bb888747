// The admin's page of one 民主测评 meeting: the count (live while the vote is open, for the
// meeting room's screen), each group's QR code, the close button and the results once the vote has
// closed. The printable slips are a page of their own: each is a ballot, and a projected screen is
// photographed.
import QRCode from 'qrcode';
import type { MeetingStatus } from '../../app/evaluation-meeting';
import type { MeetingTally } from '../../domain/evaluation';
import { RATINGS } from '../../domain/vocabulary';
import { colon, dateIn } from '../format';
import { html, raw, type Html } from '../html';
import { csrfField, type PageContext } from '../layout';

export interface HandedOutBallot {
  ballotId: string;
  groupId: string;
  link: string;
}

/** Each reporter's leadership rating and final grade (综合评价), once set; whether the season has a rule for it. */
export interface Grades {
  byReport: Map<string, { rating: string | null; finalGrade: string | null }>;
  seasonHasRule: boolean;
}

export interface BallotBatch {
  groupId: string;
  groupName: string;
  left: number;
  link: string;
}

export const meetingAddress = (meeting: { seasonId: string; meetingId: string }) =>
  `/seasons/${encodeURIComponent(meeting.seasonId)}/meetings/${encodeURIComponent(meeting.meetingId)}`;

export async function meetingPage(ctx: PageContext, meeting: MeetingStatus, timeZone: string, grades: Grades, batches: BallotBatch[] = []): Promise<Html> {
  const { t } = ctx;
  const { count } = meeting;
  const base = meetingAddress(meeting);
  const groupName = (id: string) => meeting.groups.find((g) => g.id === id)?.name ?? id;
  const untaken = batches.reduce((sum, batch) => sum + batch.left, 0);
  return html`
    <p>${t('ballotClosesAt')}${colon(ctx.locale)}${dateIn(meeting.closesAt, timeZone)} · ${count.closed ? t('meetingClosed') : t('meetingOpen')}</p>
    <dl class="meeting-count" data-testid="meeting-count" data-count-url="${count.closed ? '' : `${base}/count`}">
      <div><dt>${t('ballotsIssued')}</dt><dd data-count="issued">${count.issued}</dd></div>
      <div><dt>${t('ballotsCast')}</dt><dd data-count="cast">${count.cast}</dd></div>
      <div><dt>${t('ballotsVoid')}</dt><dd data-count="void">${count.void}</dd></div>
    </dl>
    ${
      count.closed
        ? ''
        : html`<form method="post" action="${base}/close" class="inline">${csrfField(ctx)}<button class="primary" data-testid="close-meeting">${t('closeMeeting')}</button></form>`
    }
    ${meeting.tally ? resultsTable(ctx, meeting.tally, groupName, grades) : ''}
    ${
      meeting.tally && grades.seasonHasRule
        ? html`<form method="post" action="${base}/grades" class="inline">${csrfField(ctx)}<button data-testid="grade-meeting">${t('setFinalGrades')}</button></form>`
        : ''
    }
    ${!count.closed && batches.length ? await batchCodes(ctx, batches) : ''}
    ${
      !count.closed && untaken
        ? html`<p><a href="${base}/slips" data-testid="slips-link">${t('printSlips')}（${untaken}）</a> <span class="muted">${t('printSlipsHelp')}</span></p>`
        : ''
    }
    <script src="/static/meeting.js" defer></script>`;
}

/** The printable slips, by group in the meeting's order: not for the screen. */
export async function slipsPage(
  ctx: PageContext,
  meeting: Pick<MeetingStatus, 'seasonId' | 'meetingId' | 'groups'>,
  ballots: HandedOutBallot[],
): Promise<Html> {
  const order = (groupId: string) => meeting.groups.findIndex((g) => g.id === groupId);
  const byGroup = [...ballots].sort((a, b) => order(a.groupId) - order(b.groupId));
  const groupName = (id: string) => meeting.groups.find((g) => g.id === id)?.name ?? id;
  return html`<p><a href="${meetingAddress(meeting)}">${ctx.t('backToMeeting')}</a></p>
    ${byGroup.length ? await ballotSlips(ctx, byGroup, groupName) : html`<p data-testid="message">${ctx.t('noSlipsLeft')}</p>`}`;
}

/** What closing the vote does, said before it is done (it cannot be undone). */
export function closeWarning(ctx: PageContext, count: MeetingStatus['count']): string {
  return ctx.locale === 'zh-CN'
    ? `结束投票后，任何选票都不能再投，结果随即统计，不能撤销。已发出 ${count.issued} 张，已投 ${count.cast} 张。`
    : `Once the vote is closed no ballot can be cast and the results are counted; this cannot be undone. ${count.issued} ballots issued, ${count.cast} cast.`;
}

function resultsTable(ctx: PageContext, tally: MeetingTally, groupName: (id: string) => string, grades: Grades): Html {
  const { t } = ctx;
  const of = (reportId: string) => grades.byReport.get(reportId);
  return html`<h2>${t('meetingResults')}</h2>
    <div class="table-scroll"><table data-testid="meeting-results">
      <thead><tr><th>${t('reporter')}</th><th>${t('votes')}</th>${RATINGS.map((g) => html`<th>${g}</th>`)}<th>${t('weightedScore')}</th><th>${t('rating')}</th><th>${t('finalGrade')}</th></tr></thead>
      <tbody>${tally.reporters.map(
        (r) => html`<tr data-report="${r.reportId}"><td>${r.branchName}</td><td>${r.total.votes}</td>
          ${RATINGS.map((g) => html`<td>${r.total.counts[g]}（${r.total.percentages[g]}%）</td>`)}
          <td>${r.weightedScore ?? '—'}</td><td>${of(r.reportId)?.rating ?? '—'}</td><td data-testid="final-grade">${of(r.reportId)?.finalGrade ?? '—'}</td></tr>
          ${r.dimensions.map(
            (d) =>
              html`<tr class="muted" data-dimension="${d.id}"><td class="indent">${d.name}</td><td>${d.scored}</td><td colspan="4"></td><td>${d.mean ?? '—'}</td><td></td><td></td></tr>`,
          )}
          ${r.groups.map(
            (group) => html`<tr class="muted"><td class="indent">${groupName(group.groupId)}</td><td>${group.votes}</td>
              ${RATINGS.map((g) => html`<td>${group.counts[g]}（${group.percentages[g]}%）</td>`)}<td>${group.score ?? '—'}</td><td></td><td></td></tr>`,
          )}`,
      )}</tbody>
    </table></div>`;
}

/** One QR code per group for the meeting room's screen: each phone that scans it takes one ballot. */
async function batchCodes(ctx: PageContext, batches: BallotBatch[]): Promise<Html> {
  const codes = await Promise.all(
    batches.map(async (batch) => {
      const svg = await QRCode.toString(batch.link, { type: 'svg', margin: 1, errorCorrectionLevel: 'M' });
      return html`<figure class="ballot-batch" data-testid="ballot-batch" data-link="${batch.link}">${raw(svg)}<figcaption>${batch.groupName} · ${ctx.t('ballotsLeft')} ${batch.left}</figcaption></figure>`;
    }),
  );
  return html`<h2>${ctx.t('scanForBallot')}</h2><p class="muted">${ctx.t('scanForBallotHelp')}</p><div class="ballot-batches">${codes}</div>`;
}

/** One printable slip per ballot not yet cast: its QR code is the ballot's link. */
async function ballotSlips(ctx: PageContext, ballots: HandedOutBallot[], groupName: (id: string) => string): Promise<Html> {
  const slips = await Promise.all(
    ballots.map(async (ballot, i) => {
      const svg = await QRCode.toString(ballot.link, { type: 'svg', margin: 1, errorCorrectionLevel: 'M' });
      const number = ballots.slice(0, i + 1).filter((b) => b.groupId === ballot.groupId).length;
      return html`<figure class="ballot-slip" data-testid="ballot-slip" data-group="${ballot.groupId}">${raw(svg)}<figcaption>${groupName(ballot.groupId)} · ${number}</figcaption></figure>`;
    }),
  );
  return html`<h2>${ctx.t('anonymousBallots')}</h2><p class="muted">${ctx.t('anonymousBallotsHelp')}</p><div class="ballot-slips">${slips}</div>`;
}
