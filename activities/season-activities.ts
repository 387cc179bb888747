import { appendAuditEvent } from '../db/audit';
import type { AuditEventInput } from '../domain/messages';
import type { ActivityDeps } from './index';

export interface SeasonPlan {
  title: string;
  timeZone: string;
  branches: { id: string; name: string }[];
}

export function createSeasonActivities({ db }: ActivityDeps) {
  return {
    /** Marks the season running and records who started it. */
    async markSeasonStarted(event: AuditEventInput & { seasonId: string }): Promise<void> {
      await db.$transaction(async (tx) => {
        await tx.season.update({
          where: { id: event.seasonId },
          data: { status: 'running', startedAt: new Date(event.occurredAt) },
        });
        await appendAuditEvent(tx, event);
      });
    },

    /** The season's wording and its participating branches: every one with a secretary. */
    async loadSeasonPlan(seasonId: string): Promise<SeasonPlan> {
      const season = await db.season.findUniqueOrThrow({ where: { id: seasonId } });
      const roles = await db.roleAssignment.findMany({
        where: { seasonId, role: 'secretary', validUntil: null },
        include: { organization: true },
        orderBy: { organizationId: 'asc' },
      });
      return {
        title: season.title,
        timeZone: season.timeZone,
        branches: roles.flatMap((role) =>
          role.organization ? [{ id: role.organization.id, name: role.organization.name }] : [],
        ),
      };
    },
  };
}
