// The counts the web app's /metrics reports, read when Prometheus scrapes: reports by season and
// state, and mail by kind and status (`sending` is the outbox: asked for, not yet taken by SMTP).
import type { Db } from './client';

export async function reportCountsByState(db: Db): Promise<{ seasonId: string; state: string; count: number }[]> {
  const groups = await db.report.groupBy({ by: ['seasonId', 'state'], _count: { _all: true } });
  return groups.map((group) => ({ seasonId: group.seasonId, state: group.state, count: group._count._all }));
}

export async function mailCountsByStatus(db: Db): Promise<{ kind: string; status: string; count: number }[]> {
  const groups = await db.sentMail.groupBy({ by: ['kind', 'status'], _count: { _all: true } });
  return groups.map((group) => ({ kind: group.kind, status: group.status, count: group._count._all }));
}
