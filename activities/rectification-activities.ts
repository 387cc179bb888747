// A rectification item's record: its row and its audit event in one transaction, keyed by the act
// (the item's creation, a request's update id, a timer), so a retried activity records it once.
// Its events sit on the season's chain: the report's chain is its workflow's to witness.
import { appendAuditEvent, findRecordedEvent } from '../db/audit';
import type { DbTransaction } from '../db/client';
import type { RectificationActivities, RectificationChange } from '../domain/activity-contract';
import type { ActivityDeps } from './deps';

export function createRectificationActivities({ db, auditKey }: ActivityDeps): RectificationActivities {
  return {
    async recordRectificationChange(input) {
      await db.$transaction(async (tx) => {
        if (await findRecordedEvent(tx, input.auditKey)) return;
        await writeRow(tx, input);
        if (input.progress) {
          await tx.rectificationProgress.create({
            data: {
              id: input.auditKey,
              itemId: input.itemId,
              authorEmail: input.actor.email.toLowerCase(),
              text: input.progress.text,
              evidenceJson: JSON.stringify(input.progress.evidence),
              at: new Date(input.occurredAt),
            },
          });
        }
        await appendAuditEvent(tx, auditKey, {
          key: input.auditKey,
          occurredAt: input.occurredAt,
          actorEmail: input.actor.email.toLowerCase(),
          onBehalfOf: input.actor.onBehalfOf,
          action: input.action,
          channel: input.actor.channel,
          seasonId: input.seasonId,
          reportId: input.reportId,
          onSeasonChain: true,
          detail: { itemId: input.itemId, ...input.detail, ...(input.progress ? { progress: input.progress } : {}) },
        });
      });
    },
  };
}

async function writeRow(tx: DbTransaction, input: RectificationChange): Promise<void> {
  if (input.create) {
    // Written with the 点评 that named it (app/rectification.ts); written here only if it was not.
    if (await tx.rectificationItem.findUnique({ where: { id: input.itemId }, select: { id: true } })) return;
    const { reviewers, dueAt, ...item } = input.create;
    await tx.rectificationItem.create({
      data: { id: input.itemId, seasonId: input.seasonId, reportId: input.reportId, ...item, reviewersJson: JSON.stringify(reviewers), dueAt: new Date(dueAt) },
    });
    return;
  }
  const { lastProgressAt, escalatedAt, closedAt, ...rest } = input.patch ?? {};
  await tx.rectificationItem.update({
    where: { id: input.itemId },
    data: {
      ...rest,
      ...(lastProgressAt ? { lastProgressAt: new Date(lastProgressAt) } : {}),
      ...(escalatedAt ? { escalatedAt: new Date(escalatedAt) } : {}),
      ...(closedAt ? { closedAt: new Date(closedAt) } : {}),
    },
  });
}
