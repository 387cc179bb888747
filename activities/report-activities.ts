import { appendAuditEvent } from '../db/audit';
import type { AuditEventInput } from '../domain/messages';
import { reportId, reportWorkflowId } from '../domain/ids';
import type { ActivityDeps } from './index';

/** What the report workflow needs to know about its branch once it is assigned. */
export interface Assignment {
  reportId: string;
  secretaryEmail: string;
  liaisonEmail: string | null;
  reviewerEmail: string | null;
  dueAt: string;
}

export function createReportActivities({ db }: ActivityDeps) {
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
          where: { seasonId, organizationId: branchId, validUntil: null },
          include: { person: true },
        });
        const emailOf = (role: string) => roles.find((r) => r.role === role)?.person.email ?? null;
        const secretaryEmail = emailOf('secretary');
        if (!secretaryEmail) throw new Error(`branch ${branchId} has no secretary in season ${seasonId}`);
        const fields = {
          secretaryEmail,
          liaisonEmail: emailOf('liaison'),
          reviewerEmail: emailOf('reviewer'),
          dueAt: season.dueAt,
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
            ...fields,
          },
          update: {},
        });
        const event: AuditEventInput = {
          key: input.auditKey,
          occurredAt: input.occurredAt,
          actorEmail: 'system',
          action: 'report.assigned',
          channel: 'workflow',
          seasonId,
          reportId: id,
          detail: { secretaryEmail },
        };
        await appendAuditEvent(tx, event);
        return { reportId: id, ...fields, dueAt: fields.dueAt.toISOString() };
      });
    },
  };
}
