// Who stands in for whom: a delegation is recorded on its report ('report.delegated', its detail
// the Delegation) and lasts until its `until`. Read here for what a person may see; what they may
// do is the workflow's (workflows/report-rules.ts, effectiveActor).
import type { Delegation } from '../domain/report-api';
import type { Db } from './client';

/** The reports someone stands in on at `now`: delegated to them, not yet past `until`. */
export async function reportsDelegatedTo(db: Db, email: string, now: Date): Promise<string[]> {
  const address = email.toLowerCase();
  const events = await db.auditEvent.findMany({
    where: { action: 'report.delegated', detailJson: { contains: address } },
    select: { reportId: true, detailJson: true },
  });
  const live = events.filter(({ detailJson }) => {
    const delegation = JSON.parse(detailJson) as Delegation;
    return delegation.to.toLowerCase() === address && Date.parse(delegation.until) > now.getTime();
  });
  return [...new Set(live.flatMap(({ reportId }) => (reportId ? [reportId] : [])))];
}
