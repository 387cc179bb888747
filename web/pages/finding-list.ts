// The findings of the submission check in the editor: a list under each box for the findings about
// it, and one under the editor for the report as a whole. web/public/findings.js draws the same
// markup from the live check, into the same lists, and makes each link select its place.
import { html, type Html } from '../html';
import type { PageContext } from '../layout';
import type { PlacedFinding } from '../report-findings';
import type { EditorField } from '../report-sections';

/** The id of the textarea a field is typed in: what a finding's link points at. */
export const fieldId = (field: EditorField) => `field-${field}`;
export const findingsId = (field: EditorField | 'general') => `findings-${field}`;

export function boxFindings(ctx: PageContext, field: EditorField, findings: PlacedFinding[]): Html {
  return html`<ul class="findings box-findings" id="${findingsId(field)}" data-findings-for="${field}" data-testid="findings" aria-live="polite">${findings
    .filter((f) => f.field === field)
    .map((f) => findingItem(ctx, f))}</ul>`;
}

export function generalFindings(ctx: PageContext, findings: PlacedFinding[]): Html {
  return html`<ul class="findings" id="${findingsId('general')}" data-testid="findings" aria-live="polite">${findings
    .filter((f) => !f.field)
    .map((f) => findingItem(ctx, f))}</ul>`;
}

function findingItem(ctx: PageContext, f: PlacedFinding): Html {
  const words = `${f.severity === 'error' ? '✗' : '!'} ${f.message}`;
  if (!f.field) return html`<li class="${f.severity}" data-code="${f.code}">${words}</li>`;
  // Without script the link still scrolls to the box; findings.js also focuses it and selects the spot.
  return html`<li class="${f.severity}" data-code="${f.code}"><a href="#${fieldId(f.field)}" class="finding-place" data-field="${f.field}"
    data-start="${f.start ?? 0}" data-end="${f.end ?? 0}" title="${ctx.t('findingGoTo')}">${words}</a></li>`;
}
