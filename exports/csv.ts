// CSV as spreadsheets expect it: a header row, every field quoted when it needs to be, CRLF, and
// a byte-order mark so Excel reads the Chinese correctly.

export function toCsv(header: string[], rows: (string | number | null | undefined)[][]): string {
  const field = (value: string | number | null | undefined) => {
    const text = value === null || value === undefined ? '' : String(value);
    return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
  };
  return '\uFEFF' + [header, ...rows].map((row) => row.map(field).join(',')).join('\r\n') + '\r\n';
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
