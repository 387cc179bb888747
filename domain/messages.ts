// Shapes that cross the workflow/activity boundary. Workflow-safe: types only.
import type { Channel, MailKind } from './vocabulary';

/** One step of the record. `key` is its idempotency key: retrying the step writes it once. */
export interface AuditEventInput {
  key: string;
  occurredAt: string; // ISO-8601; from the workflow clock, so a replay gives the same value
  actorEmail: string;
  onBehalfOf?: string;
  action: string;
  channel: Channel;
  seasonId?: string;
  reportId?: string;
  versionNumber?: number;
  detail?: Record<string, unknown>;
}

/** A mail the workflow wants sent; the activity renders it in the recipient's language. */
export interface MailRequest {
  idempotencyKey: string;
  kind: MailKind;
  toEmail: string;
  seasonId?: string;
  reportId?: string;
  /** Workflow time at which the mail became due (a reminder's or an escalation's moment). */
  requestedAt?: string;
  /** Values the template fills in (season title, branch name, due date, …); `linkPath` becomes
   *  a full link under the public base URL. */
  values: Record<string, string>;
}
