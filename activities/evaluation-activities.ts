// The 民主测评 meeting's record. Each act changes its rows and appends its audit event in one
// transaction, keyed by the act, so a retried activity records it once.
import { randomBytes, randomInt } from 'node:crypto';
import { ApplicationFailure } from '@temporalio/activity';
import { appendAuditEvent, findRecordedEvent } from '../db/audit';
import type { DbTransaction } from '../db/client';
import type { EvaluationActivities } from '../domain/activity-contract';
import { unpackVotes, type BallotGrades } from '../domain/evaluation';
import type { ActivityDeps } from './deps';

/** Who the record names for a cast ballot: nobody. */
export const ANONYMOUS_EVALUATOR = 'anonymous';

const meetingRowId = (input: { seasonId: string; meetingId: string }) => `${input.seasonId}/${input.meetingId}`;

export function createEvaluationActivities({ db, auditKey }: ActivityDeps): EvaluationActivities {
  return {
    async recordBallotCast(input) {
      await db.$transaction(async (tx) => {
        if (await findRecordedEvent(tx, input.auditKey)) return;
        await markBallot(tx, input.ballotId, 'cast');
        await appendAuditEvent(tx, auditKey, {
          key: input.auditKey,
          occurredAt: input.occurredAt,
          actorEmail: ANONYMOUS_EVALUATOR,
          action: 'evaluation.ballot_cast',
          channel: input.channel,
          seasonId: input.seasonId,
          detail: { meetingId: input.meetingId, groupId: input.groupId },
        });
      });
    },

    async recordBallotVoided(input) {
      await db.$transaction(async (tx) => {
        if (await findRecordedEvent(tx, input.auditKey)) return;
        await markBallot(tx, input.ballotId, 'void');
        await appendAuditEvent(tx, auditKey, {
          key: input.auditKey,
          occurredAt: input.occurredAt,
          actorEmail: input.actor.email,
          onBehalfOf: input.actor.onBehalfOf,
          action: 'evaluation.ballot_voided',
          channel: input.actor.channel,
          seasonId: input.seasonId,
          detail: { meetingId: input.meetingId, ballotId: input.ballotId, reason: input.reason },
        });
      });
    },

    async recordMeetingClosed(input) {
      await db.$transaction(async (tx) => {
        if (await findRecordedEvent(tx, input.auditKey)) return;
        const meetingId = meetingRowId(input);
        await tx.evaluationVote.createMany({ data: shuffled(unpackVotes(input.votes)).map((vote) => voteRow(meetingId, vote)) });
        await tx.evaluationMeeting.update({
          where: { id: meetingId },
          data: { status: 'closed', closedAt: new Date(input.occurredAt), tallyJson: JSON.stringify(input.tally) },
        });
        const { issued, cast, void: voided } = input.tally;
        await appendAuditEvent(tx, auditKey, {
          key: input.auditKey,
          occurredAt: input.occurredAt,
          actorEmail: input.closedBy?.email ?? 'system',
          onBehalfOf: input.closedBy?.onBehalfOf,
          action: 'evaluation.meeting_closed',
          channel: input.closedBy?.channel ?? 'workflow',
          seasonId: input.seasonId,
          detail: { meetingId: input.meetingId, issued, cast, void: voided, onTime: !input.closedBy },
        });
      });
    },
  };
}

/**
 * Marks a ballot cast or void. A named evaluator's ballot is never marked cast: its row names the
 * evaluator, and in a small group which of them voted, beside the group's results, would tell how
 * each voted. The meeting's workflow alone knows it was spent (ballotSpentQuery).
 */
async function markBallot(tx: DbTransaction, ballotId: string, status: 'cast' | 'void'): Promise<void> {
  const where = { id: ballotId, status: 'issued', ...(status === 'cast' ? { recipientEmail: null } : {}) };
  const marked = await tx.evaluationBallot.updateMany({ where, data: { status } });
  if (marked.count === 1) return;
  const named = status === 'cast' && (await tx.evaluationBallot.count({ where: { id: ballotId, status: 'issued', recipientEmail: { not: null } } })) === 1;
  if (!named) throw ApplicationFailure.nonRetryable(`ballot ${ballotId} is not an issued ballot`, 'BallotNotIssued');
}

/** A vote's row: a fresh random id, so neither the id nor the order of rows follows the casting. */
function voteRow(meetingId: string, vote: { groupId: string; grades: BallotGrades }) {
  return { id: randomBytes(16).toString('base64url'), meetingId, groupId: vote.groupId, gradesJson: JSON.stringify(vote.grades) };
}

/** Fisher–Yates with the system's random numbers: the order of insertion tells nothing either. */
function shuffled<T>(items: readonly T[]): T[] {
  const copy = [...items];
  for (let i = copy.length - 1; i > 0; i -= 1) {
    const j = randomInt(i + 1);
    [copy[i], copy[j]] = [copy[j] as T, copy[i] as T];
  }
  return copy;
}
