// The step indicator at the top of a report: 撰写 → 组织办审阅 → 领导审批 → 完成, the current step
// marked, and a sentence naming who acts now (by name) and by when.
import { REPORT_STEPS, STATE_NAMES, STEP_NAMES, type ReportState } from '../../domain/vocabulary';
import { html } from '../html';
import type { PageContext } from '../layout';
import type { ReportView } from '../report-view';
import { nextStepOf, nowSentence } from './next-step';

export function stepIndicator(ctx: PageContext, view: ReportView, viewerEmail: string) {
  const { locale } = ctx;
  const current = nextStepOf(view).step;
  const at = REPORT_STEPS.indexOf(current);
  const state = view.report.state as ReportState;
  // A report settled otherwise than by approval ends on its own word (免于述职, 已撤销, 已结束).
  const last = current === 'done' && state !== 'approved' ? (STATE_NAMES[state]?.[locale] ?? STEP_NAMES.done[locale]) : STEP_NAMES.done[locale];
  return html`<nav class="steps" aria-label="${ctx.t('progress')}" data-testid="steps">
    <ol>${REPORT_STEPS.map((step, i) => {
      const status = i < at || current === 'done' ? 'past' : i === at ? 'current' : 'future';
      return html`<li class="step-${status}" data-step="${step}" ${status === 'current' || (current === 'done' && step === 'done') ? html`aria-current="step"` : ''}>${step === 'done' ? last : STEP_NAMES[step][locale]}</li>`;
    })}</ol>
    <p class="now" data-testid="now">${nowSentence(view, viewerEmail, locale)}</p>
  </nav>`;
}
