// The report's record: every change to the read model commits with its audit event.
import { ApplicationFailure } from '@temporalio/activity';
import { appendAuditEvent, appendUnrecordedAuditEvent, isRecorded } from '../db/audit';
import type { DbTransaction } from '../db/client';
import { recordDecision, recordRating, updateReport, type ChangedReport, type ReportColumns, type Review } from '../db/report-changes';
import type { AuditEventInput } from '../domain/messages';
import { reportId, reportWorkflowId } from '../domain/ids';
import { durationMs } from '../domain/duration';
import type { SeasonSchedule, SeasonTemplate } from '../domain/season-file';
import { checkReport, type ReportTemplate } from '../domain/submission-check';
import type { Rating, ReportState } from '../domain/vocabulary';
import { CHECK_FAILED, WARNINGS_NOT_ACCEPTED, type Actor, type VersionSaved } from '../workflows/report-api';
import type { ReportPeople } from '../workflows/report-rules';
import type { ScheduleMs } from '../workflows/report-timers';
import type { ActivityDeps } from './index';

/** What the report workflow needs to know about its branch once it is assigned. */
export interface Assignment {
  reportId: string;
  secretaryEmail: string;
  liaisonEmail: string | null;
  reviewerEmail: string | null;
  dueAt: string;
  people: ReportPeople;
  schedule: ScheduleMs;
}

/** One audited change: who did what, when, under which idempotency key. */
export interface ChangeStamp {
  auditKey: string;
  occurredAt: string;
  actor: Actor | { email: 'system'; channel: 'workflow'; onBehalfOf?: undefined };
  action: string;
  detail?: Record<string, unknown>;
}

/** Read-model fields a change may set (dates as ISO strings; null clears). */
export interface ReportPatch {
  state?: ReportState;
  secretaryEmail?: string;
  dueAt?: string;
  revisionDueAt?: string | null;
  reviewDueAt?: string | null;
  escalatedTo?: string | null;
  escalatedAt?: string | null;
  submittedAt?: string;
  approvedAt?: string;
  revisionRounds?: number;
  rating?: Rating;
}

function toScheduleMs(schedule: SeasonSchedule): ScheduleMs {
  return {
    remindersBeforeDue: schedule.remindersBeforeDue.map(durationMs),
    escalateToLiaisonAfter: durationMs(schedule.escalateToLiaisonAfter),
    escalateToPartyGroupSecretaryAfter: durationMs(schedule.escalateToPartyGroupSecretaryAfter),
    digestEvery: durationMs(schedule.digestEvery),
    revisionPeriod: durationMs(schedule.revisionPeriod ?? '7d'),
    reviewSla: durationMs(schedule.reviewSla),
    reviewReminderBeforeSla: durationMs(schedule.reviewReminderBeforeSla ?? '1d'),
  };
}

const toDate = (iso: string | null | undefined) => (iso === undefined ? undefined : iso === null ? null : new Date(iso));

function patchColumns(patch: ReportPatch): ReportColumns {
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
    rating: patch.rating,
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

export function createReportActivities({ db }: ActivityDeps) {
  async function seasonOf(tx: DbTransaction, id: string) {
    const report = await tx.report.findUniqueOrThrow({ where: { id }, include: { season: true } });
    return { report, season: report.season };
  }

  return {
    /** Creates the report's read-model row in state "assigned", with its audit event. */
    async recordAssignment(input: {
      seasonId: string;
      branchId: string;
      occurredAt: string;
      auditKey: string;
    }): Promise<Assignment> {
      const { seasonId, branchId } = input;
      const id = reportId(seasonId, branchId);
      return db.$transaction(async (tx) => {
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
        await appendAuditEvent(tx, {
          key: input.auditKey,
          occurredAt: input.occurredAt,
          actorEmail: 'system',
          action: 'report.assigned',
          channel: 'workflow',
          seasonId,
          reportId: id,
          detail: { secretaryEmail },
        });
        return {
          reportId: id,
          secretaryEmail,
          liaisonEmail: people.liaison ?? null,
          reviewerEmail: people.reviewer ?? null,
          dueAt: season.dueAt.toISOString(),
          people,
          schedule: toScheduleMs(JSON.parse(season.scheduleJson) as SeasonSchedule),
        };
      });
    },

    /**
     * Saves a draft or a submission as a new version. A submission must pass the check: errors
     * refuse it, and warnings refuse it unless accepted. Refusals are not retried.
     */
    async saveReportVersion(input: {
      reportId: string;
      contentHash: string;
      kind: 'draft' | 'submission';
      acceptWarnings: boolean;
      stamp: ChangeStamp;
      patch: ReportPatch;
    }): Promise<VersionSaved> {
      return db.$transaction(async (tx) => {
        const { report, season } = await seasonOf(tx, input.reportId);
        const content = await tx.reportContent.findUnique({ where: { hash: input.contentHash } });
        if (!content) {
          throw ApplicationFailure.nonRetryable(`no stored report text with hash ${input.contentHash}`, CHECK_FAILED);
        }
        const template = JSON.parse(season.templateJson) as SeasonTemplate as ReportTemplate;
        const check = checkReport(content.body, template);
        if (input.kind === 'submission' && check.errors.length) {
          throw ApplicationFailure.create({ type: CHECK_FAILED, message: 'the submission check found errors', details: [check.errors], nonRetryable: true });
        }
        if (input.kind === 'submission' && check.warnings.length && !input.acceptWarnings) {
          throw ApplicationFailure.create({ type: WARNINGS_NOT_ACCEPTED, message: 'the submission check has warnings to accept', details: [check.warnings], nonRetryable: true });
        }
        const existing = await tx.reportVersion.findFirst({ where: { reportId: report.id, createdAt: new Date(input.stamp.occurredAt), contentHash: input.contentHash } });
        if (existing && (await isRecorded(tx, input.stamp.auditKey))) {
          return { versionNumber: existing.number, warnings: check.warnings, figures: check.figures };
        }
        const versionNumber = report.currentVersion + 1;
        await tx.reportVersion.create({
          data: {
            reportId: report.id,
            number: versionNumber,
            kind: input.kind,
            body: content.body,
            contentHash: input.contentHash,
            authorEmail: input.stamp.actor.email,
            figuresJson: JSON.stringify(check.figures),
            acceptedWarningsJson: input.kind === 'submission' && check.warnings.length ? JSON.stringify(check.warnings) : null,
            createdAt: new Date(input.stamp.occurredAt),
          },
        });
        await changeReport(tx, report.id, { ...patchColumns(input.patch), currentVersion: versionNumber });
        await appendAuditEvent(tx, auditOf(report.id, report.seasonId, input.stamp, versionNumber));
        return { versionNumber, warnings: check.warnings, figures: check.figures };
      });
    },

    /** Any other change: the read model, the review decision, comment and rating it carries, and the audit event. */
    async recordReportChange(input: {
      reportId: string;
      stamp: ChangeStamp;
      patch: ReportPatch;
      versionNumber?: number;
      decision?: { decision: 'revision_requested' | 'passed' | 'approved'; comment?: string };
      rating?: Rating;
    }): Promise<void> {
      await db.$transaction(async (tx) => {
        // A retried activity must not apply twice.
        if (await isRecorded(tx, input.stamp.auditKey)) return;
        // The update returns the row, so the report is not read first: one round trip fewer for
        // every approval and reminder. (A patch never touches currentVersion, read below.)
        const report = await changeReport(tx, input.reportId, patchColumns(input.patch));
        const actor = input.stamp.actor;
        const review: Review = {
          key: input.stamp.auditKey,
          reportId: report.id,
          versionNumber: input.versionNumber ?? report.currentVersion,
          email: actor.email,
          onBehalfOf: actor.onBehalfOf ?? null,
          at: new Date(input.stamp.occurredAt),
        };
        if (input.decision) await recordDecision(tx, review, input.decision.decision, input.decision.comment ?? null);
        if (input.rating) await recordRating(tx, review, input.rating);
        await appendUnrecordedAuditEvent(tx, auditOf(report.id, report.seasonId, input.stamp, input.versionNumber));
      });
    },

    /** Hands the branch to a new secretary: the old role ends, the new one begins, both recorded. */
    async reassignSecretary(input: { reportId: string; toEmail: string; toName?: string; stamp: ChangeStamp }): Promise<void> {
      await replaceRole({ ...input, role: 'secretary' });
    },

    /** A new liaison or reviewer for the branch, recorded the same way. */
    async changeReportRole(input: { reportId: string; role: 'liaison' | 'reviewer'; toEmail: string; toName?: string; stamp: ChangeStamp }): Promise<void> {
      await replaceRole(input);
    },
  };

  async function replaceRole(input: { reportId: string; role: 'secretary' | 'liaison' | 'reviewer'; toEmail: string; toName?: string; stamp: ChangeStamp }) {
    await db.$transaction(async (tx) => {
      if (await isRecorded(tx, input.stamp.auditKey)) return;
      const report = await tx.report.findUniqueOrThrow({ where: { id: input.reportId } });
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
        data: { key, personId: person.id, role: input.role, organizationId: report.branchId, seasonId: report.seasonId, validFrom: at },
      });
      const column = { secretary: 'secretaryEmail', liaison: 'liaisonEmail', reviewer: 'reviewerEmail' } as const;
      await tx.report.update({ where: { id: report.id }, data: { [column[input.role]]: email } });
      await appendUnrecordedAuditEvent(tx, auditOf(report.id, report.seasonId, input.stamp));
    });
  }
}
