// The only writer of the record. Always called inside the transaction that makes the change it
// records, so the two commit together or not at all.
import type { AuditEventInput } from '../domain/messages';
import type { DbTransaction } from './client';

export async function appendAuditEvent(tx: DbTransaction, event: AuditEventInput): Promise<void> {
  const existing = await tx.auditEvent.findUnique({ where: { key: event.key }, select: { id: true } });
  if (existing) return; // the same step, retried: already recorded
  await tx.auditEvent.create({
    data: {
      key: event.key,
      occurredAt: new Date(event.occurredAt),
      actorEmail: event.actorEmail,
      onBehalfOf: event.onBehalfOf ?? null,
      action: event.action,
      channel: event.channel,
      seasonId: event.seasonId ?? null,
      reportId: event.reportId ?? null,
      versionNumber: event.versionNumber ?? null,
      detailJson: JSON.stringify(event.detail ?? {}),
    },
  });
}
