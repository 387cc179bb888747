// On a report sent back for revision, the reviewer's comment in a banner above the editor: who
// asked, when, on which version, what they wrote, and by when the revision is due. (Until now it
// sat under three text boxes in the version list.)
import { html } from '../html';
import type { PageContext } from '../layout';
import { dateIn } from '../format';
import { person } from '../people';
import type { ReportView } from '../report-view';
import { timeLeft } from '../format';

export function sendBackBanner(ctx: PageContext, view: ReportView) {
  const { report, guide } = view;
  const sendBack = guide.sendBack;
  if (report.state !== 'revision_requested' || !sendBack) return '';
  const { locale, t } = ctx;
  const tz = report.season.timeZone;
  const due = report.revisionDueAt ?? report.dueAt;
  return html`<section class="send-back" role="note" aria-labelledby="send-back-title" data-testid="send-back">
    <h2 id="send-back-title">${t('sendBackTitle')}</h2>
    <p class="who-when">${person(guide.nameOf, sendBack.reviewerEmail, locale)} · ${dateIn(sendBack.createdAt, tz)} · ${
      locale === 'en' ? `on version ${sendBack.versionNumber}` : `针对第 ${sendBack.versionNumber} 版`
    }</p>
    <blockquote class="comment-body" data-testid="send-back-comment">${sendBack.comment ?? ''}</blockquote>
    <p><strong>${t('revisionDue')}</strong>: ${dateIn(due, tz)}（${timeLeft(due, locale)}）</p>
  </section>`;
}
