// The report page: the editor for its secretary while writing; for everyone else the text with its
// figures; review and admin forms for those who hold those roles; versions with their comments; the
// timeline.
import { writingDue } from '../../domain/report-steps';
import { versionKindName, type ReportState } from '../../domain/vocabulary';
import { FIGURE_LABELS, type FigureField } from '../../domain/report-figures';
import type { Finding, ReportFigures } from '../../domain/submission-check';
import { allowedActs } from '../../app/report-permissions';
import { html, type Html } from '../html';
import { csrfField, type PageContext } from '../layout';
import { dateIn, reportHref, stateBadge, timeLeft } from '../format';
import { joinSections, splitSections, type SectionedReport } from '../report-sections';
import { placeFindings, type PlacedFinding } from '../report-findings';
import type { ReportView } from '../report-view';
import type { Viewer } from '../context';
import { person } from '../people';
import { adminForms } from './report-admin-forms';
import { reviewForms } from './report-review-forms';
import { feedbackSection, type FeedbackView } from './feedback-forms';
import { stepIndicator } from './report-steps';
import { doneSentenceFor, type DoneAct } from './next-step';
import { sendBackBanner } from './send-back-banner';
import { editorSafetyAttributes, signInAgainDialog, workingCopyNotice } from './editor-safety';
import { timeline } from './report-timeline';
import { boxFindings, fieldId, findingsId, generalFindings } from './finding-list';
import { outline } from '../../exports/report-outline';

export interface ReportPageOptions {
  /** The text to show in the editor instead of the latest version (after a refused submit). */
  draft?: SectionedReport;
  findings?: Finding[];
  message?: { kind: 'error' | 'notice'; text: string };
  /** The act just done here: the page says what it did and who acts now. */
  done?: DoneAct;
  /** Autosave's working copy, when it is newer than the latest version (app/working-copy.ts). */
  workingCopy?: { body: string; savedAt: Date };
  /** 点评与整改, once the report is approved (web/pages/feedback-forms.ts). */
  feedback?: FeedbackView;
}

export function reportPage(ctx: PageContext, view: ReportView, viewer: Viewer, options: ReportPageOptions = {}): Html {
  const { report, versions } = view;
  const latest = versions.at(-1);
  const state = report.state as ReportState;
  // Only what the workflow's rules would accept is offered (app/report-permissions.ts).
  const acts = allowedActs(state, view.guide.parties, viewer.email);
  const writing = acts.write;
  const doneText = options.done && doneSentenceFor(options.done, view, viewer.email, ctx.locale);
  const message = options.message ?? (doneText ? { kind: 'notice' as const, text: doneText } : undefined);
  const due = writingDue(report);
  return html`
    <p class="facts">
      ${stateBadge(state, ctx.locale)}
      <span>${ctx.t('branch')}: ${report.seasonBranch.name}</span>
      <span>${ctx.t('dueDate')}: ${dateIn(due, report.season.timeZone)}</span>
      <span data-testid="days-left">${timeLeft(due, ctx.locale)}</span>
      ${report.rating ? html`<span>${ctx.t('rating')}: ${report.rating}</span>` : ''}
    </p>
    ${stepIndicator(ctx, view, viewer.email)}
    ${message ? html`<p class="${message.kind}" data-testid="message" role="status">${message.text}</p>` : ''}
    ${sendBackBanner(ctx, view)}
    ${options.findings?.length && !writing ? findingsList(ctx, options.findings) : ''}
    ${writing ? editor(ctx, view, options.draft ?? splitSections(options.workingCopy?.body ?? latest?.body ?? '', view.template.sections), options.findings ?? [], options.draft ? undefined : options.workingCopy?.savedAt) : reading(ctx, view)}
    ${reviewForms(ctx, view, acts)}
    ${options.feedback ? feedbackSection(ctx, options.feedback) : ''}
    ${acts.administer ? adminForms(ctx, view) : ''}
    ${versionList(ctx, view)}
    ${timeline(ctx, view)}`;
}

function findingsList(ctx: PageContext, findings: Finding[]) {
  return html`<ul class="findings" data-testid="findings">${findings.map(
    (f) => html`<li class="${f.severity}" data-code="${f.code}">${f.severity === 'error' ? '✗' : '!'} ${f.message[ctx.locale]}</li>`,
  )}</ul>`;
}

function editor(ctx: PageContext, view: ReportView, draft: SectionedReport, findings: Finding[], workingCopySavedAt?: Date) {
  const action = reportHref(view.report.id);
  const warned = findings.some((f) => f.severity === 'warning');
  // Each finding at the box it is about (web/report-findings.ts), from the text as it was checked.
  const placed = placeFindings(findings, joinSections(draft), view.template.sections, ctx.locale);
  return html`
    ${signInAgainDialog(ctx, action)}
    ${workingCopySavedAt ? workingCopyNotice(ctx, workingCopySavedAt, view.report.season.timeZone) : ''}
    <form method="post" action="${action}/submit" id="editor" data-report="${view.report.id}" data-draft-url="${action}/draft"
          data-check-url="${action}/check" data-upload-url="${action}/upload" ${editorSafetyAttributes(ctx, view.report.id)}>
      ${csrfField(ctx)}
      <label class="upload">${ctx.t('uploadDocx')} <input type="file" accept=".docx" data-testid="upload"></label>
      ${editorBox(ctx.t('preamble'), 'preamble', draft.preamble, 3, ctx, placed)}
      ${draft.sections.map((section, i) => editorBox(section.name, `section-${i}`, section.text, 8, ctx, placed))}
      <p class="autosave muted" data-testid="autosave" aria-live="polite"></p>
      <div id="live-findings" data-testid="live-findings" data-go-to="${ctx.t('findingGoTo')}">${generalFindings(ctx, placed)}</div>
      ${warned ? html`<label class="accept"><input type="checkbox" name="acceptWarnings" value="yes" data-testid="accept-warnings"> ${ctx.t('acceptWarnings')}</label>` : ''}
      <div class="buttons">
        <button type="button" data-action="save" data-testid="save">${ctx.t('saveDraft')}</button>
        <button type="button" data-action="check" data-testid="check">${ctx.t('check')}</button>
        <button type="submit" class="primary" data-testid="submit">${ctx.t('submit')}</button>
      </div>
    </form>
    <script src="/static/findings.js" defer></script>`;
}

/** One of the editor's boxes, with the findings about it right under it. */
function editorBox(label: string, field: 'preamble' | `section-${number}`, text: string, rows: number, ctx: PageContext, placed: PlacedFinding[]) {
  return html`<label for="${fieldId(field)}">${label}</label>
      <textarea id="${fieldId(field)}" name="${field}" rows="${rows}" data-testid="${field}" aria-describedby="${findingsId(field)}">${text}</textarea>
      ${boxFindings(ctx, field, placed)}`;
}

/**
 * The report laid out as the compilations lay it out (exports/report-outline.ts): its headings as
 * headings, one level under the page's, and each line a paragraph; never its Markdown marks.
 */
function outlined(body: string) {
  return outline(body).map((block) => {
    if (block.kind === 'paragraph') return html`<p>${block.text}</p>`;
    if (block.level === 1) return html`<h2>${block.text}</h2>`;
    return block.level === 2 ? html`<h3>${block.text}</h3>` : html`<h4>${block.text}</h4>`;
  });
}

function reading(ctx: PageContext, view: ReportView) {
  const latest = view.versions.at(-1);
  if (!latest) return html`<p class="muted">${ctx.t('nothingHere')}</p>`;
  const figures = latest.figuresJson ? (JSON.parse(latest.figuresJson) as ReportFigures) : {};
  return html`
    <article class="report-text" data-testid="report-text">${outlined(latest.body)}</article>
    ${
      Object.keys(figures).length
        ? html`<h2>${ctx.t('figures')}</h2><dl class="figures">${Object.entries(figures).map(([k, v]) => html`<dt>${FIGURE_LABELS[k as FigureField]?.[ctx.locale] ?? k}</dt><dd>${String(v)}</dd>`)}</dl>`
        : ''
    }`;
}

function versionList(ctx: PageContext, view: ReportView) {
  if (!view.versions.length) return '';
  const href = reportHref(view.report.id);
  // By default a version is compared with the last submission before it (web/pages/compare-page.ts).
  const compare = view.versions.length > 1 ? html`<p><a href="${href}/diff" data-testid="compare-last">${ctx.t('compareWithLast')}</a></p>` : '';
  return html`<section><h2>${ctx.t('versions')}</h2>${compare}<ol class="versions" data-testid="versions">${view.versions.map((v, i) => {
    const comments = view.comments.filter((c) => c.versionNumber === v.number);
    return html`<li data-version="${v.number}">v${v.number} · ${versionKindName(v.kind, ctx.locale)} · ${person(view.guide.nameOf, v.authorEmail, ctx.locale)} · ${dateIn(v.createdAt, view.report.season.timeZone)}
      ${i > 0 ? html` · <a href="${href}/diff?to=${v.number}" data-testid="compare-v${v.number}">${ctx.t('diff')}</a>` : ''}
      ${
        comments.length
          ? html`<ul class="comments" data-testid="comments-v${v.number}">${comments.map((c) => html`<li><strong>${person(view.guide.nameOf, c.authorEmail, ctx.locale)}</strong>${c.anchor ? html` (${c.anchor})` : ''}: <span class="comment-body">${c.body}</span></li>`)}</ul>`
          : ''
      }</li>`;
  })}</ol></section>`;
}
