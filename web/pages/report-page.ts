// The report page: the editor for its secretary while writing; for everyone else the text with its
// figures; review and admin forms for those who hold those roles; versions with their comments; the
// timeline.
import { RATINGS, WRITING_STATES, REVIEW_STATES, type ReportState } from '../../domain/vocabulary';
import type { Finding, ReportFigures } from '../../domain/submission-check';
import { html, type Html } from '../html';
import { csrfField, type PageContext } from '../layout';
import { dateIn, daysUntil, reportHref, stateBadge } from '../format';
import { splitSections, type SectionedReport } from '../report-sections';
import type { ReportView } from '../report-view';
import type { Viewer } from '../context';

export interface ReportPageOptions {
  /** The text to show in the editor instead of the latest version (after a refused submit). */
  draft?: SectionedReport;
  findings?: Finding[];
  message?: { kind: 'error' | 'notice'; text: string };
}

export function reportPage(ctx: PageContext, view: ReportView, viewer: Viewer, options: ReportPageOptions = {}): Html {
  const { report, versions } = view;
  const latest = versions.at(-1);
  const state = report.state as ReportState;
  const isSecretary = report.secretaryEmail === viewer.email;
  const writing = isSecretary && WRITING_STATES.includes(state);
  const due = report.state === 'revision_requested' && report.revisionDueAt ? report.revisionDueAt : report.dueAt;
  return html`
    <p class="facts">
      ${stateBadge(state, ctx.locale)}
      <span>${ctx.t('branch')}: ${report.seasonBranch.name}</span>
      <span>${ctx.t('dueDate')}: ${dateIn(due, report.season.timeZone)}</span>
      <span data-testid="days-left">${daysUntil(due) >= 0 ? html`${ctx.t('daysLeft')}: ${daysUntil(due)}` : html`${ctx.t('overdueBy')}: ${-daysUntil(due)}`}</span>
      ${report.rating ? html`<span>${ctx.t('rating')}: ${report.rating}</span>` : ''}
    </p>
    ${options.message ? html`<p class="${options.message.kind}" data-testid="message">${options.message.text}</p>` : ''}
    ${options.findings?.length ? findingsList(ctx, options.findings) : ''}
    ${
      writing
        ? editor(
            ctx,
            view,
            options.draft ?? splitSections(latest?.body ?? '', view.template.sections),
            !!options.findings?.some((f) => f.severity === 'warning'),
          )
        : reading(ctx, view)
    }
    ${reviewForms(ctx, view, viewer, state)}
    ${view.report.season && viewer.reach.adminSeasons.includes(report.seasonId) ? adminForms(ctx, view) : ''}
    ${versionList(ctx, view)}
    ${timeline(ctx, view)}`;
}

function findingsList(ctx: PageContext, findings: Finding[]) {
  return html`<ul class="findings" data-testid="findings">${findings.map(
    (f) => html`<li class="${f.severity}" data-code="${f.code}">${f.severity === 'error' ? '✗' : '!'} ${f.message[ctx.locale]}</li>`,
  )}</ul>`;
}

function editor(ctx: PageContext, view: ReportView, draft: SectionedReport, warned: boolean) {
  const action = reportHref(view.report.id);
  return html`
    <form method="post" action="${action}/submit" id="editor" data-report="${view.report.id}" data-draft-url="${action}/draft"
          data-check-url="${action}/check" data-upload-url="${action}/upload">
      ${csrfField(ctx)}
      <label class="upload">${ctx.t('uploadDocx')} <input type="file" accept=".docx" data-testid="upload"></label>
      <label>${ctx.t('preamble')}<textarea name="preamble" rows="3" data-testid="preamble">${draft.preamble}</textarea></label>
      ${draft.sections.map(
        (section, i) => html`<label>${section.name}<textarea name="section-${i}" rows="8" data-testid="section-${i}">${section.text}</textarea></label>`,
      )}
      <p class="autosave muted" data-testid="autosave" aria-live="polite"></p>
      <div id="live-findings" data-testid="live-findings"></div>
      ${warned ? html`<label class="accept"><input type="checkbox" name="acceptWarnings" value="yes" data-testid="accept-warnings"> ${ctx.t('acceptWarnings')}</label>` : ''}
      <div class="buttons">
        <button type="button" data-action="save" data-testid="save">${ctx.t('saveDraft')}</button>
        <button type="button" data-action="check" data-testid="check">${ctx.t('check')}</button>
        <button type="submit" class="primary" data-testid="submit">${ctx.t('submit')}</button>
      </div>
    </form>`;
}

function reading(ctx: PageContext, view: ReportView) {
  const latest = view.versions.at(-1);
  if (!latest) return html`<p class="muted">${ctx.t('nothingHere')}</p>`;
  const figures = latest.figuresJson ? (JSON.parse(latest.figuresJson) as ReportFigures) : {};
  return html`
    <article class="report-text" data-testid="report-text">${latest.body}</article>
    ${
      Object.keys(figures).length
        ? html`<h2>${ctx.t('figures')}</h2><dl class="figures">${Object.entries(figures).map(([k, v]) => html`<dt>${k}</dt><dd>${String(v)}</dd>`)}</dl>`
        : ''
    }`;
}

function reviewForms(ctx: PageContext, view: ReportView, viewer: Viewer, state: ReportState) {
  const reviewable = [...REVIEW_STATES, 'reviewed'].includes(state) && view.report.secretaryEmail !== viewer.email;
  if (!reviewable) return '';
  const action = `${reportHref(view.report.id)}/review`;
  return html`
    <section class="review">
      <form method="post" action="${action}">
        ${csrfField(ctx)}
        <input type="hidden" name="decision" value="request_revision">
        <label>${ctx.t('comment')}<textarea name="comment" rows="3" required data-testid="revision-comment"></textarea></label>
        <button data-testid="request-revision">${ctx.t('requestRevision')}</button>
      </form>
      <form method="post" action="${action}">
        ${csrfField(ctx)}
        <input type="hidden" name="decision" value="approve">
        <label>${ctx.t('rating')} <select name="rating" data-testid="rating"><option value="">—</option>${RATINGS.map((r) => html`<option>${r}</option>`)}</select></label>
        <label>${ctx.t('comment')}<input name="comment" data-testid="approve-comment"></label>
        ${state === 'reviewed' ? '' : html`<label>${ctx.t('unreviewedReason')}<input name="reason" data-testid="unreviewed-reason"></label>`}
        <button data-testid="approve">${state === 'reviewed' ? ctx.t('approve') : html`${ctx.t('passReview')} / ${ctx.t('approve')}`}</button>
      </form>
    </section>`;
}

function adminForms(ctx: PageContext, view: ReportView) {
  const action = `${reportHref(view.report.id)}/admin`;
  const form = (name: string, label: string, fields: Html | string = '') =>
    html`<form method="post" action="${action}" class="inline">${csrfField(ctx)}<input type="hidden" name="action" value="${name}">${fields}<button data-testid="admin-${name}">${label}</button></form>`;
  return html`<section class="admin">
    ${form('extend', ctx.t('extend'), html`<input type="date" name="until" required>`)}
    ${form('reassign', ctx.t('reassign'), html`<input type="email" name="toEmail" required placeholder="email"><input name="toName" placeholder="name">`)}
    ${form('remind', ctx.t('remindNow'))}
    ${form('exempt', ctx.t('exempt'), html`<input name="reason" required placeholder="reason">`)}
  </section>`;
}

function versionList(ctx: PageContext, view: ReportView) {
  if (!view.versions.length) return '';
  const href = reportHref(view.report.id);
  return html`<section><h2>${ctx.t('versions')}</h2><ol class="versions" data-testid="versions">${view.versions.map((v, i) => {
    const comments = view.comments.filter((c) => c.versionNumber === v.number);
    return html`<li data-version="${v.number}">v${v.number} · ${v.kind} · ${v.authorEmail} · ${dateIn(v.createdAt, view.report.season.timeZone)}
      ${i > 0 ? html` · <a href="${href}/diff?from=${view.versions[i - 1]?.number ?? 0}&to=${v.number}">${ctx.t('diff')}</a>` : ''}
      ${
        comments.length
          ? html`<ul class="comments" data-testid="comments-v${v.number}">${comments.map((c) => html`<li><strong>${c.authorEmail}</strong>${c.anchor ? html` (${c.anchor})` : ''}: <span class="comment-body">${c.body}</span></li>`)}</ul>`
          : ''
      }</li>`;
  })}</ol></section>`;
}

function timeline(ctx: PageContext, view: ReportView) {
  return html`<section><h2>${ctx.t('timeline')}</h2><ul class="timeline" data-testid="timeline">${view.timeline.map(
    (e) =>
      html`<li>${dateIn(e.occurredAt, view.report.season.timeZone)} · ${e.action} · ${e.actorEmail}${e.onBehalfOf ? html` (for ${e.onBehalfOf})` : ''} · ${e.channel}</li>`,
  )}</ul></section>`;
}
