// The report's record: every change to the read model commits with its audit event, under the
// key that identifies the act. The same act retried finds itself recorded and returns what was
// recorded; a different act under a recorded key fails loudly and is not retried.
import { ApplicationFailure, Context } from '@temporalio/activity';
import {
  appendAuditEvent,
  appendUnrecordedAuditEvent,
  assertSameAct,
  AuditKeyConflictError,
  chainHead,
  chainOf,
  eventsBetween,
  findRecordedEvent,
  findRecordedKeys,
  headOf,
  type RecordedEvent,
} from '../db/audit';
import type { DbTransaction } from '../db/client';
import { contentHashOf } from '../db/report-content';
import { recordDecision, recordRating, updateReport, type ChangedReport, type ReportColumns, type Review } from '../db/report-changes';
import type { RecordReportChangeInput, ReplaceRoleInput, ReportActivities, ReviewDecision } from '../domain/activity-contract';
import type { AuditEventInput, ChangeStamp, RecordedAct, RecordHead, ReportPatch, ReportPeople, ScheduleMs, UnseenEvent } from '../domain/messages';
import { reportId, reportWorkflowId } from '../domain/ids';
import { durationMs } from '../domain/duration';
import { isPlainText, isWithinLimit, MAX_FINDINGS_RETURNED, measureReport, NOT_TEXT_MESSAGE, tooLargeMessage } from '../domain/report-limits';
import type { SeasonSchedule, SeasonTemplate } from '../domain/season-file';
import { checkReport, type ReportTemplate } from '../domain/submission-check';
import { AUDIT_KEY_CONFLICT, CHECK_FAILED, REJECTION, WARNINGS_NOT_ACCEPTED, type RejectionDetail } from '../domain/report-api';
import type { ActivityDeps } from './deps';

function toScheduleMs(schedule: SeasonSchedule): ScheduleMs {
  return {
    remindersBeforeDue: schedule.remindersBeforeDue.map(durationMs),
    escalateToLiaisonAfter: durationMs(schedule.escalateToLiaisonAfter),
    escalateToPartyGroupSecretaryAfter: durationMs(schedule.escalateToPartyGroupSecretaryAfter),
    digestEvery: durationMs(schedule.digestEvery),
    revisionPeriod: durationMs(schedule.revisionPeriod ?? '7d'),
    reviewSla: durationMs(schedule.reviewSla),
    reviewReminderBeforeSla: durationMs(schedule.reviewReminderBeforeSla ?? '1d'),
    minimumNoticeGap: durationMs(schedule.minimumNoticeGap ?? '1h'),
  };
}

const toDate = (iso: string | null | undefined) => (iso === undefined ? undefined : iso === null ? null : new Date(iso));

function patchColumns(patch: ReportPatch, decision?: ReviewDecision): ReportColumns {
  return {
    state: patch.state,
    secretaryEmail: patch.secretaryEmail,
    dueAt: toDate(patch.dueAt) ?? undefined,
    revisionDueAt: toDate(patch.revisionDueAt),
    reviewDueAt: toDate(patch.reviewDueAt),
    escalatedTo: patch.escalatedTo,
    escalatedAt: toDate(patch.escalatedAt),
    submittedAt: toDate(patch.submittedAt) ?? undefined,
    approvedAt: toDate(patch.approvedAt) ?? undefined,
    revisionRounds: patch.revisionRounds,
    rating: decision?.rating,
  };
}

/** Applies the patch; a report that does not exist fails the change and rolls its transaction back. */
async function changeReport(tx: DbTransaction, id: string, columns: ReportColumns): Promise<ChangedReport> {
  const report = await updateReport(tx, id, columns);
  if (!report) throw new Error(`no report ${id} to change`);
  return report;
}

function auditOf(id: string, seasonId: string, stamp: ChangeStamp, versionNumber?: number): AuditEventInput {
  return {
    key: stamp.auditKey,
    occurredAt: stamp.occurredAt,
    actorEmail: stamp.actor.email,
    onBehalfOf: stamp.actor.onBehalfOf,
    action: stamp.action,
    channel: stamp.actor.channel,
    seasonId,
    reportId: id,
    versionNumber,
    detail: stamp.detail,
  };
}

/**
 * The caller stores the text before it asks, so a missing text is either not visible to this
 * connection yet (SQLite readers on another process) or was never stored (a request made by hand).
 * A few quick retries tell the two apart before the request is refused.
 */
const CONTENT_LOOKUPS = 3;
const CONTENT_NOT_FOUND = 'ReportContentNotFound';
function contentNotFound(hash: string): ApplicationFailure {
  const message = `no stored report text with hash ${hash}`;
  return currentAttempt() < CONTENT_LOOKUPS ? ApplicationFailure.retryable(message, CONTENT_NOT_FOUND) : ApplicationFailure.nonRetryable(message, CHECK_FAILED);
}

/** Which attempt of its activity this is; a call outside an activity (a unit test) is the last. */
function currentAttempt(): number {
  try {
    return Context.current().info.attempt;
  } catch {
    return Number.POSITIVE_INFINITY;
  }
}

/** The decision's comment and rating go into the record's event, beside what the workflow said. */
function withDecision({ stamp, decision }: RecordReportChangeInput): ChangeStamp {
  if (!decision) return stamp;
  const { comment, rating } = decision;
  return { ...stamp, detail: { ...stamp.detail, comment, ...(rating ? { rating } : {}) } };
}

/** The recorded act, as a retried attempt returns it. */
const recordedAct = (event: RecordedEvent): RecordedAct => ({
  occurredAt: event.occurredAt.toISOString(),
  versionNumber: event.versionNumber ?? undefined,
  head: headOf(event),
});

/** A conflict under an act key is a bug or a forgery, never worth retrying. */
async function refusingConflicts<T>(work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (error) {
    if (error instanceof AuditKeyConflictError) throw ApplicationFailure.create({ type: AUDIT_KEY_CONFLICT, message: error.message, nonRetryable: true });
    throw error;
  }
}

const refusal = (code: string, message: { 'zh-CN': string; en: string }) => {
  const detail: RejectionDetail = { code, ...message };
  return ApplicationFailure.create({ type: REJECTION, message: message.en, details: [detail], nonRetryable: true });
};

export function createReportActivities({ db, auditKey }: ActivityDeps): ReportActivities {
  /**
   * The events between the head the workflow knew and its act: written by a task that died before
   * Temporal heard of it. Only events this installation's key authenticates are told back.
   */
  async function unseenBefore(tx: DbTransaction, reportId: string, stamp: ChangeStamp, own: RecordHead): Promise<UnseenEvent[] | undefined> {
    const known = stamp.knownHead;
    if (!known || own.events - 1 <= known.events) return undefined;
    const events = await eventsBetween(tx, chainOf({ reportId }), known.events, own.events);
    return events
      .filter((event) => event.key !== stamp.auditKey && event.macKeyId === auditKey.id && event.mac === auditKey.mac(event.hash))
      .map((event) => ({
        key: event.key,
        action: event.action,
        occurredAt: event.occurredAt.toISOString(),
        detail: JSON.parse(event.detailJson) as Record<string, unknown>,
      }));
  }

  /** The act as recorded, with what the workflow has not seen before it. */
  async function told(tx: DbTransaction, reportId: string, stamp: ChangeStamp, act: RecordedAct): Promise<RecordedAct> {
    const unseen = await unseenBefore(tx, reportId, stamp, act.head);
    return unseen?.length ? { ...act, unseen } : act;
  }

  async function seasonOf(tx: DbTransaction, id: string) {
    const report = await tx.report.findUniqueOrThrow({ where: { id }, include: { season: true } });
    return { report, season: report.season };
  }

  return {
    /** Creates the report's read-model row in state "assigned", with its audit event. */
    async recordAssignment(input) {
      const { seasonId, branchId } = input;
      const id = reportId(seasonId, branchId);
      return refusingConflicts(() =>
        db.$transaction(async (tx) => {
          const season = await tx.season.findUniqueOrThrow({ where: { id: seasonId } });
          const roles = await tx.roleAssignment.findMany({
            where: { seasonId, validUntil: null, OR: [{ organizationId: branchId }, { organizationId: season.rootOrganizationId }] },
            include: { person: true },
            orderBy: { validFrom: 'asc' },
          });
          const emailsOf = (role: string, organizationId: string) =>
            roles.filter((r) => r.role === role && r.organizationId === organizationId).map((r) => r.person.email);
          const secretaryEmail = emailsOf('secretary', branchId)[0];
          if (!secretaryEmail) throw new Error(`branch ${branchId} has no secretary in season ${seasonId}`);
          const people: ReportPeople = {
            secretary: secretaryEmail,
            liaison: emailsOf('liaison', branchId)[0],
            reviewer: emailsOf('reviewer', branchId)[0],
            partyGroupSecretary: emailsOf('party_group_secretary', season.rootOrganizationId)[0],
            leaders: emailsOf('leader', season.rootOrganizationId),
            admins: emailsOf('admin', season.rootOrganizationId),
          };
          await tx.report.upsert({
            where: { id },
            create: {
              id,
              seasonId,
              branchId,
              workflowId: reportWorkflowId(seasonId, branchId),
              state: 'assigned',
              assignedAt: new Date(input.occurredAt),
              secretaryEmail,
              liaisonEmail: people.liaison ?? null,
              reviewerEmail: people.reviewer ?? null,
              dueAt: season.dueAt,
            },
            update: {},
          });
          const head = await appendAuditEvent(tx, auditKey, {
            key: input.auditKey,
            occurredAt: input.occurredAt,
            actorEmail: 'system',
            action: 'report.assigned',
            channel: 'workflow',
            seasonId,
            reportId: id,
            detail: { secretaryEmail, dueAt: season.dueAt.toISOString() },
          });
          return {
            reportId: id,
            secretaryEmail,
            dueAt: season.dueAt.toISOString(),
            people,
            schedule: toScheduleMs(JSON.parse(season.scheduleJson) as SeasonSchedule),
            rules: { leadersMayApproveUnreviewed: season.leadersMayApproveUnreviewed },
            head,
          };
        }),
      );
    },

    /**
     * Saves a draft or a submission as a new version, once per act. The stored text must fit the
     * size limit, and a submission must pass the check: errors refuse it, and warnings refuse it
     * unless accepted. Refusals are not retried.
     */
    async saveReportVersion(input) {
      return refusingConflicts(() =>
        db.$transaction(async (tx) => {
          const { report, season } = await seasonOf(tx, input.reportId);
          const content = await tx.reportContent.findUnique({ where: { hash: input.contentHash } });
          if (!content) throw contentNotFound(input.contentHash);
          const size = measureReport(content.body);
          if (!isWithinLimit(size)) throw refusal('too_large', tooLargeMessage(size));
          // A text the database cut short (at a NUL) no longer has the hash it was stored under.
          if (!isPlainText(content.body) || contentHashOf(content.body) !== input.contentHash) throw refusal('not_text', NOT_TEXT_MESSAGE);
          const check = checkReport(content.body, JSON.parse(season.templateJson) as SeasonTemplate as ReportTemplate);
          const answer = { warnings: check.warnings.slice(0, MAX_FINDINGS_RETURNED), warningCount: check.warnings.length, figures: check.figures };
          // The text's hash goes into the MAC-protected event: a version's text edited later shows.
          const event = auditOf(report.id, report.seasonId, { ...input.stamp, detail: { ...input.stamp.detail, contentHash: input.contentHash } });
          const recorded = await findRecordedEvent(tx, input.stamp.auditKey);
          if (recorded) {
            assertSameAct(recorded, event);
            const act = await told(tx, report.id, input.stamp, recordedAct(recorded));
            return { ...answer, ...act, versionNumber: act.versionNumber ?? report.currentVersion };
          }
          if (input.kind === 'submission' && check.errors.length) {
            const details = [check.errors.slice(0, MAX_FINDINGS_RETURNED)];
            throw ApplicationFailure.create({ type: CHECK_FAILED, message: 'the submission check found errors', details, nonRetryable: true });
          }
          if (input.kind === 'submission' && check.warnings.length && !input.acceptWarnings) {
            const details = [answer.warnings];
            throw ApplicationFailure.create({
              type: WARNINGS_NOT_ACCEPTED,
              message: 'the submission check has warnings to accept',
              details,
              nonRetryable: true,
            });
          }
          const versionNumber = report.currentVersion + 1;
          await tx.reportVersion.create({
            data: {
              reportId: report.id,
              number: versionNumber,
              kind: input.kind,
              contentHash: input.contentHash,
              authorEmail: input.stamp.actor.email,
              figuresJson: JSON.stringify(check.figures),
              acceptedWarningsJson: input.kind === 'submission' && check.warnings.length ? JSON.stringify(answer.warnings) : null,
              createdAt: new Date(input.stamp.occurredAt),
              actKey: input.stamp.auditKey,
            },
          });
          await changeReport(tx, report.id, { ...patchColumns(input.patch), currentVersion: versionNumber });
          const head = await appendUnrecordedAuditEvent(tx, auditKey, { ...event, versionNumber }, input.stamp.knownHead);
          return { ...answer, ...(await told(tx, report.id, input.stamp, { versionNumber, occurredAt: input.stamp.occurredAt, head })), versionNumber };
        }),
      );
    },

    /** Any other change: the read model, the review decision, comment and rating it carries, and the audit event. */
    async recordReportChange(input) {
      return refusingConflicts(() =>
        db.$transaction(async (tx) => {
          const stamp = withDecision(input);
          const recorded = await findRecordedEvent(tx, stamp.auditKey);
          if (recorded) {
            assertSameAct(recorded, auditOf(input.reportId, recorded.seasonId ?? '', stamp));
            return told(tx, input.reportId, stamp, recordedAct(recorded));
          }
          // The update returns the row, so the report is not read first: one round trip fewer for
          // every approval and reminder. (A patch never touches currentVersion, read below.)
          const report = await changeReport(tx, input.reportId, patchColumns(input.patch, input.decision));
          const actor = stamp.actor;
          const review: Review = {
            key: stamp.auditKey,
            reportId: report.id,
            versionNumber: input.versionNumber ?? report.currentVersion,
            email: actor.email,
            onBehalfOf: actor.onBehalfOf ?? null,
            at: new Date(stamp.occurredAt),
          };
          if (input.decision) await recordDecision(tx, review, input.decision.decision, input.decision.comment ?? null);
          if (input.decision?.rating) await recordRating(tx, review, input.decision.rating);
          const head = await appendUnrecordedAuditEvent(tx, auditKey, auditOf(report.id, report.seasonId, stamp, input.versionNumber), stamp.knownHead);
          return told(tx, report.id, stamp, { occurredAt: stamp.occurredAt, head });
        }),
      );
    },

    /** Which of these reminder and escalation notices are recorded already (by an attempt that did not finish), and where the report's chain stands. */
    async findRecordedNotices(input) {
      const recorded = await findRecordedKeys(db, input.keys);
      return {
        notices: recorded.map((event) => ({
          key: event.key,
          occurredAt: event.occurredAt.toISOString(),
          missed: (JSON.parse(event.detailJson) as { missed?: string[] }).missed ?? [],
        })),
        head: recorded.length ? await chainHead(db, chainOf({ reportId: input.reportId })) : null,
      };
    },

    /** Hands the branch to a new secretary: the old role ends, the new one begins, both recorded. */
    async reassignSecretary(input) {
      return replaceRole({ ...input, role: 'secretary' });
    },

    /** A new liaison or reviewer for the branch, recorded the same way. */
    async changeReportRole(input) {
      return replaceRole(input);
    },
  };

  async function replaceRole(input: ReplaceRoleInput & { role: 'secretary' | 'liaison' | 'reviewer' }): Promise<RecordedAct> {
    return refusingConflicts(() =>
      db.$transaction(async (tx) => {
        const report = await tx.report.findUniqueOrThrow({ where: { id: input.reportId } });
        const event = auditOf(report.id, report.seasonId, input.stamp);
        const recorded = await findRecordedEvent(tx, input.stamp.auditKey);
        if (recorded) {
          assertSameAct(recorded, event);
          return told(tx, report.id, input.stamp, recordedAct(recorded));
        }
        const email = input.toEmail.toLowerCase();
        const person = await tx.person.upsert({
          where: { email },
          create: { email, name: input.toName ?? email },
          update: input.toName ? { name: input.toName } : {},
        });
        const at = new Date(input.stamp.occurredAt);
        await tx.roleAssignment.updateMany({
          where: { seasonId: report.seasonId, organizationId: report.branchId, role: input.role, validUntil: null },
          data: { validUntil: at },
        });
        const key = `${report.seasonId}:${report.branchId}:${input.role}:${email}:${input.stamp.auditKey}`;
        await tx.roleAssignment.create({
          data: {
            key,
            personId: person.id,
            personName: input.toName ?? person.name,
            role: input.role,
            organizationId: report.branchId,
            seasonId: report.seasonId,
            validFrom: at,
          },
        });
        const column = { secretary: 'secretaryEmail', liaison: 'liaisonEmail', reviewer: 'reviewerEmail' } as const;
        await tx.report.update({ where: { id: report.id }, data: { [column[input.role]]: email } });
        const head = await appendUnrecordedAuditEvent(tx, auditKey, event, input.stamp.knownHead);
        return told(tx, report.id, input.stamp, { occurredAt: input.stamp.occurredAt, head });
      }),
    );
  }
}
