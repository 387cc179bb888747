// What an admin types into a report's forms (a new due date, a new secretary), checked before any
// request reaches the report's workflow.
import { checkNewSecretary } from '../../app/admin-input';
import { ReportRequestError } from '../../app/report-commands';
import type { Db } from '../../db/client';

// A name given, so nothing needs looking up: the checks refuse before the database is asked.
const noDatabase = {} as Db;
const current = { secretaryEmail: 'old@school.example' };

test('a new secretary’s name longer than a mail or a table can hold is refused, saying how long', async () => {
  await expect(checkNewSecretary(noDatabase, current, 'new@school.example', '王'.repeat(41))).rejects.toMatchObject({
    code: 'name_too_long',
    reason: { 'zh-CN': '姓名最多 40 字，现在有 41 字：请缩短。' },
  });
  await expect(checkNewSecretary(noDatabase, current, 'new@school.example', '王'.repeat(40))).resolves.toEqual({
    email: 'new@school.example',
    name: '王'.repeat(40),
  });
});

test('the present secretary is not a new one', async () => {
  await expect(checkNewSecretary(noDatabase, current, ' OLD@school.example ', '旧书记')).rejects.toBeInstanceOf(ReportRequestError);
});
