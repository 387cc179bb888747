import { toCsv } from './csv';
import { formatInZone } from '../domain/time';
import type { SeasonExportData } from './season-data';

/** Every branch's status and dates, one row each (dates in the season's time zone). */
export function seasonCsv(data: SeasonExportData): string {
  const at = (date: Date | null) => (date ? formatInZone(date, data.timeZone) : '');
  return toCsv(
    ['branch_id', 'branch', 'secretary', 'state', 'due', 'first_submitted', 'on_time', 'approved', 'revision_rounds', 'rating', 'escalated_to'],
    data.rows.map((r) => [
      r.branchId,
      r.branchName,
      r.secretaryEmail,
      r.state,
      at(r.dueAt),
      at(r.firstSubmittedAt),
      r.firstSubmittedAt ? (r.firstSubmittedAt <= r.dueAt ? 'yes' : 'no') : '',
      at(r.approvedAt),
      r.revisionRounds,
      r.rating,
      r.escalatedTo,
    ]),
  );
}
