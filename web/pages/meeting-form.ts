// The admin's form to schedule a 民主测评 meeting: what a meeting file says (examples/demo-meeting.yaml),
// on one page — the title, when voting closes, the reporters (all ticked at first), and the groups
// of evaluators, each with its weight and either a number of anonymous ballots or emails to mail
// ballots to. Sent back with what is wrong named by its label, and everything entered kept.
import { html } from '../html';
import { csrfField, type PageContext } from '../layout';
import { GROUP_ROWS, problemLine, type FormProblem, type MeetingForm } from '../meeting-form-input';
import { keptFormAttributes, signInAgainDialog } from './editor-safety';

export interface MeetingFormView {
  seasonId: string;
  reports: { branchId: string; branchName: string }[];
  /** The form as first shown (every reporter ticked), or as sent. */
  values: MeetingForm;
  problems: FormProblem[];
}

const text = (values: MeetingForm, name: string) => {
  const value = values[name];
  return Array.isArray(value) ? (value[0] ?? '') : (value ?? '');
};

export function meetingForm(ctx: PageContext, view: MeetingFormView) {
  const { t } = ctx;
  const ticked = new Set(Array.isArray(view.values.reporter) ? view.values.reporter : view.values.reporter ? [view.values.reporter] : []);
  return html`
    ${view.problems.length ? problemList(ctx, view.problems) : ''}
    <p class="muted">${t('scheduleMeetingHelp')}</p>
    ${signInAgainDialog(ctx, `/seasons/${view.seasonId}/meetings`)}
    <form method="post" action="/seasons/${view.seasonId}/meetings" data-testid="meeting-form" class="meeting-form"
      ${keptFormAttributes(ctx, `meeting:${view.seasonId}`)}>
      ${csrfField(ctx)}
      <label>${t('meetingName')}<input name="title" required maxlength="200" value="${text(view.values, 'title')}" data-testid="meeting-title"></label>
      <label>${t('meetingClosesAt')}<input type="datetime-local" name="closesAt" required value="${text(view.values, 'closesAt')}" data-testid="meeting-closes-at"></label>
      <fieldset><legend>${t('meetingReporters')}</legend>
        ${view.reports.map(
          (r) =>
            html`<label class="tick"><input type="checkbox" name="reporter" value="${r.branchId}" ${ticked.has(r.branchId) ? 'checked' : ''}> ${r.branchName}</label>`,
        )}
      </fieldset>
      <p class="muted">${t('groupsHelp')}</p>
      ${Array.from({ length: GROUP_ROWS }, (_, i) => groupRow(ctx, view.values, i))}
      <button class="primary" data-testid="schedule-meeting">${t('scheduleMeeting')}</button>
    </form>`;
}

function groupRow(ctx: PageContext, values: MeetingForm, i: number) {
  const { t } = ctx;
  const field = (name: string) => `group-${name}-${i}`;
  return html`<fieldset class="group" data-testid="group-${i}"><legend>${t('evaluatorGroup')} ${i + 1}</legend>
    <label>${t('groupName')}<input name="${field('name')}" maxlength="60" value="${text(values, field('name'))}"></label>
    <label>${t('groupWeight')}<input type="number" name="${field('weight')}" min="1" max="100" step="1" inputmode="numeric" value="${text(values, field('weight'))}"></label>
    <label>${t('groupBallots')}<input type="number" name="${field('ballots')}" min="1" max="1000" step="1" inputmode="numeric" value="${text(values, field('ballots'))}"></label>
    <label>${t('groupEvaluators')}<textarea name="${field('evaluators')}" rows="2">${text(values, field('evaluators'))}</textarea></label>
  </fieldset>`;
}

function problemList(ctx: PageContext, problems: FormProblem[]) {
  return html`<div class="error" role="alert" data-testid="message"><p>${ctx.t('meetingFormProblems')}</p>
    <ul>${problems.map((p) => html`<li>${problemLine(p, ctx.locale)}</li>`)}</ul></div>`;
}
