// CSV as spreadsheets expect it: a header row, every field quoted when it needs to be, CRLF, and
// a byte-order mark so Excel reads the Chinese correctly, and nothing a spreadsheet would run.
import { stringify } from 'csv-stringify/sync';

export function toCsv(header: string[], rows: (string | number | null | undefined)[][]): string {
  return stringify([header, ...rows], {
    bom: true,
    record_delimiter: 'windows',
    // A line break of either kind inside a cell is quoted, or Excel starts a new row there.
    quoted_match: /[\r\n]/,
    // A cell starting = + - @ or a tab is a formula to a spreadsheet (=HYPERLINK can leak data):
    // written with a leading ' it shows as typed.
    escape_formulas: true,
  });
}

export function auditCsv(
  events: {
    id: number;
    occurredAt: Date;
    actorEmail: string;
    onBehalfOf: string | null;
    action: string;
    channel: string;
    reportId: string | null;
    versionNumber: number | null;
    detailJson: string;
    hash: string | null;
  }[],
): string {
  return toCsv(
    ['id', 'occurredAt', 'actor', 'onBehalfOf', 'action', 'channel', 'report', 'version', 'detail', 'hash'],
    events.map((e) => [e.id, e.occurredAt.toISOString(), e.actorEmail, e.onBehalfOf, e.action, e.channel, e.reportId, e.versionNumber, e.detailJson, e.hash]),
  );
}
