// Report text is stored once by its hash, even when many requests store the same text at once
// (a bulk submission of identical text once failed here on PostgreSQL).
import { storeReportContent } from '../../app/report-commands';
import { describeEachDatabase, type ScratchDatabase } from '../helpers/databases';

describeEachDatabase('report content', (kind) => {
  let scratch: ScratchDatabase;
  beforeAll(async () => {
    scratch = await kind.create();
  });
  afterAll(() => scratch?.drop());

  test('the same text stored by 32 requests at once is stored once, and every request gets its hash', async () => {
    for (let round = 0; round < 5; round++) {
      const body = `一、主要工作\n第${round}轮：同一份文本同时提交。`;
      const hashes = await Promise.all(Array.from({ length: 32 }, () => storeReportContent(scratch.db, body)));
      expect(new Set(hashes).size).toBe(1);
      expect(await scratch.db.reportContent.findMany({ where: { hash: hashes[0] }, select: { body: true } })).toEqual([{ body }]);
    }
  });
});
