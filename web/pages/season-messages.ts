// What the season dashboard says after an admin's act: how many reports were extended and to
// when, which were not and why, that the season is closing and what follows — never "已完成" for
// something that did nothing. And the confirmation before closing the season.
import type { BulkResult } from '../../app/bulk';
import type { Locale } from '../../domain/vocabulary';
import type { PageContext } from '../layout';
import type { Confirmation } from './confirm-page';

export interface DashboardMessage {
  kind: 'notice' | 'error';
  text: string;
}

/** The query a redirect after an act carries back to the dashboard. */
export interface DashboardQuery {
  page?: string;
  done?: string;
  n?: string;
  until?: string;
}

const zh = (locale: Locale) => locale === 'zh-CN';

/** After the redirect: `done=extended&n=3&until=2027-01-31`, or `done=closing`. */
export function doneMessage(locale: Locale, query: DashboardQuery): DashboardMessage | undefined {
  if (query.done === 'closing') {
    return {
      kind: 'notice',
      text: zh(locale)
        ? '已通知结束本季度：尚未完成的报告将按当前状态结算，随后生成季度总结，稍后刷新本页可见。'
        : 'The season is closing: reports not yet done are settled as they stand, then the summary is written; reload this page in a moment to see it.',
    };
  }
  if (query.done === 'extended' && query.n && query.until && /^\d+$/.test(query.n) && /^\d{4}-\d{2}-\d{2}$/.test(query.until)) {
    return { kind: 'notice', text: extendedText(locale, Number(query.n), query.until) };
  }
  return undefined;
}

const extendedText = (locale: Locale, n: number, until: string) =>
  zh(locale)
    ? `已将 ${n} 份正在撰写的报告的截止日期延至 ${until}，各支部书记会收到邮件通知。现在由各支部书记在新的截止日期前提交报告。`
    : `${n} reports being written are now due on ${until}; each branch secretary is told by mail and submits by the new date.`;

/** The extension's outcome when some reports were not extended: which, and why. */
export function extensionOutcome(locale: Locale, until: string, results: BulkResult[], branchName: (reportId: string) => string): DashboardMessage {
  const done = results.filter((r) => r.outcome === 'done').length;
  const left = results.filter((r) => r.outcome !== 'done');
  if (!results.length) {
    return {
      kind: 'error',
      text: zh(locale) ? '本季度没有正在撰写的报告，没有延期任何报告。' : 'No report of this season is being written: nothing was extended.',
    };
  }
  const list = left.map((r) => `${branchName(r.reportId)}${zh(locale) ? '：' : ': '}${r.reason?.[locale] ?? ''}`).join(zh(locale) ? '；' : '; ');
  const notDone = zh(locale) ? `另有 ${left.length} 份未能延期——${list}` : `${left.length} could not be extended — ${list}`;
  if (!left.length) return { kind: 'notice', text: extendedText(locale, done, until) };
  return { kind: done ? 'notice' : 'error', text: done ? `${extendedText(locale, done, until)}${zh(locale) ? '' : ' '}${notDone}` : notDone };
}

/** Closing the season ends every report still open: it confirms first. */
export function closeConfirmation(ctx: PageContext, season: { id: string; title: string }, open: number): Confirmation {
  const path = `/seasons/${encodeURIComponent(season.id)}`;
  return {
    action: `${path}/close`,
    fields: {},
    text: zh(ctx.locale)
      ? `结束“${season.title}”：仍有 ${open} 份报告尚未完成，将按当前状态结算（未提交、待审阅、待审批的都记为未完成），此后不能再提交、审阅或审批。此操作记入台账，不能撤回。`
      : `Close "${season.title}": ${open} reports not yet done are settled as they stand (unsubmitted, awaiting review or approval), and nothing can be submitted, reviewed or approved afterwards. This is recorded and cannot be undone.`,
    button: zh(ctx.locale) ? '确认结束本季度' : 'Close the season',
    back: path,
  };
}
