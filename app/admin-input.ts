// What an admin types into a form, checked before anything is asked of a workflow, each refusal in
// words a person can act on: a date that is no date, or is past; a new secretary's address that
// is no address, is already the secretary, or names someone the app has no name for. Never a raw
// 500 (`Invalid time value`), never "已完成" for nothing done.
import type { Db } from '../db/client';
import { formatInZone, parseDueDate } from '../domain/time';
import { words } from '../domain/words';
import type { Client } from '@temporalio/client';
import type { Actor } from '../domain/report-api';
import { assertEmailAddress, reassignReport, ReportRequestError } from './report-commands';
import { NAME_LIMITS } from '../domain/season-file';
import { VALUE_WORDS } from './season-file-words';

/** A day picked in a form (YYYY-MM-DD), as the end of that day where the season runs; it must be in the future. */
export function readNewDueDate(text: string | undefined, timeZone: string, now = new Date()): Date {
  const typed = (text ?? '').trim();
  if (!typed) throw new ReportRequestError('date_missing', words('请选择新的截止日期。', 'Choose the new due date.'));
  const date = /^\d{4}-\d{2}-\d{2}$/.test(typed) ? parseDueDate(typed, timeZone) : new Date(NaN);
  if (Number.isNaN(date.getTime())) {
    throw new ReportRequestError(
      'bad_date',
      words(`“${typed}”不是有效的日期，请按“年-月-日”选择，例如 2027-01-31。`, `"${typed}" is not a date: choose one as year-month-day, e.g. 2027-01-31.`),
    );
  }
  if (date.getTime() <= now.getTime()) {
    throw new ReportRequestError(
      'date_in_past',
      words(
        `${typed} 已经过去，新的截止日期须晚于现在（${formatInZone(now, timeZone)}）。`,
        `${typed} has passed: the new due date must be later than now (${formatInZone(now, timeZone)}).`,
      ),
    );
  }
  return date;
}

/**
 * A report's new secretary: a real address, someone other than the present secretary, and, for a
 * person the app has never heard of (a new secretary often is), a name, so pages and mails can
 * call them by it. Someone outside the season is accepted: handing over a branch brings them in.
 */
export async function checkNewSecretary(
  db: Db,
  current: { secretaryEmail: string },
  toEmail: string | undefined,
  toName: string | undefined,
): Promise<{ email: string; name?: string }> {
  const email = (toEmail ?? '').trim().toLowerCase();
  assertEmailAddress(email);
  if (email === current.secretaryEmail.toLowerCase()) {
    throw new ReportRequestError('same_secretary', words('这位同志已是本支部书记，无需更换。', 'This person is already the branch secretary.'));
  }
  const name = toName?.trim() || undefined;
  if (name && name.length > NAME_LIMITS.person) {
    throw new ReportRequestError('name_too_long', VALUE_WORDS.tooLong(words('姓名', 'A name'), NAME_LIMITS.person, name.length));
  }
  if (!name && !(await db.person.findUnique({ where: { email }, select: { id: true } }))) {
    throw new ReportRequestError(
      'name_required',
      words('系统中还没有这位同志的记录，请填写新书记的姓名。', 'The app does not know this person yet: give the new secretary’s name.'),
    );
  }
  return { email, name };
}

/**
 * Hands a report to a new secretary, checked as above: the one way the pages and the CLI reassign.
 * (The CLI once skipped the checks: the same person in capitals was recorded as a hand-over to
 * themselves, and a 300-character name was taken.)
 */
export async function handOverReport(client: Client, db: Db, reportId: string, actor: Actor, toEmail: string | undefined, toName: string | undefined) {
  const report = await db.report.findUnique({ where: { id: reportId }, select: { secretaryEmail: true } });
  if (!report) throw new ReportRequestError('not_found', words(`没有这份报告：${reportId}`, `No such report: ${reportId}`));
  const to = await checkNewSecretary(db, report, toEmail, toName);
  return reassignReport(client, reportId, actor, to.email, to.name);
}
