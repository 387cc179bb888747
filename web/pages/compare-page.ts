// Two versions of a report side by side in one text: which two (by default the latest against the
// last submission before it; any two chosen by a form that works without script), a key that says
// in words what the marks mean, and the text with added words in <ins> and removed ones in <del>.
import { versionKindName } from '../../domain/vocabulary';
import { compareTexts, type DiffRow, type Piece } from '../compare-diff';
import { dateIn, reportHref } from '../format';
import { html, type Html } from '../html';
import { fillIn } from '../i18n';
import type { PageContext } from '../layout';
import type { ReportView } from '../report-view';

export interface ComparableVersion {
  number: number;
  kind: string;
  createdAt: Date;
  body: string;
}

export interface ChosenVersions<V> {
  from?: V;
  to?: V;
}

/**
 * The two versions to compare: those the query names, where they exist; otherwise the latest, and
 * the last submission before it (a reviewer sees what changed since the text they sent back; a
 * secretary what she changed since she last submitted), else the version before it. The earlier
 * is always "from", whichever way round they were picked.
 */
export function chooseVersions<V extends { number: number; kind: string }>(versions: V[], query: { from?: string; to?: string }): ChosenVersions<V> {
  const numbered = (n: string | undefined) => (n ? versions.find((v) => String(v.number) === n.trim()) : undefined);
  const to = numbered(query.to) ?? versions.at(-1);
  if (!to) return {};
  const before = versions.filter((v) => v.number < to.number);
  const from = numbered(query.from) ?? before.filter((v) => v.kind === 'submission').at(-1) ?? before.at(-1);
  if (!from) return { to };
  return from.number <= to.number ? { from, to } : { from: to, to: from };
}

export function comparePage(ctx: PageContext, view: ReportView, chosen: ChosenVersions<ComparableVersion>): Html {
  const href = reportHref(view.report.id);
  const back = html`<p><a href="${href}" data-testid="back-to-report">← ${ctx.t('backToReport')}${view.report.seasonBranch.name}</a></p>`;
  const { from, to } = chosen;
  if (!from || !to) return html`${back}<p class="muted" data-testid="compare-summary">${ctx.t(to ? 'compareOnlyOne' : 'nothingHere')}</p>`;
  const comparison = compareTexts(from.body, to.body);
  return html`${back}
    ${choiceForm(ctx, view, href, chosen)}
    <p class="diff-legend" data-testid="compare-legend">${ctx.t('compareLegend')}<ins>${ctx.t('compareAddedMark')}</ins>${ctx.t('compareAdded')}<del>${ctx.t(
      'compareRemovedMark',
    )}</del>${ctx.t('compareRemoved')}</p>
    <p data-testid="compare-summary">${fillIn(ctx.t('comparePair'), { from: versionName(ctx, from), to: versionName(ctx, to) })}${
      comparison.changes ? fillIn(ctx.t('compareChanges'), { n: comparison.changes }) : ctx.t('compareSame')
    }</p>
    <div class="diff" data-testid="diff">${comparison.rows.map((row) => diffRow(ctx, row))}</div>`;
}

const versionName = (ctx: PageContext, v: ComparableVersion) => fillIn(ctx.t('versionWithKind'), { n: v.number, kind: versionKindName(v.kind, ctx.locale) });

function choiceForm(ctx: PageContext, view: ReportView, href: string, chosen: ChosenVersions<ComparableVersion>): Html {
  const options = (selected: number | undefined) =>
    view.versions.map(
      (v) =>
        html`<option value="${v.number}"${v.number === selected ? html` selected` : ''}>${fillIn(ctx.t('versionNumbered'), { n: v.number })} · ${versionKindName(
          v.kind,
          ctx.locale,
        )} · ${dateIn(v.createdAt, view.report.season.timeZone)}</option>`,
    );
  return html`<form method="get" action="${href}/diff" class="compare-choice" data-testid="compare-choice">
    <label>${ctx.t('compareFrom')} <select name="from" data-testid="compare-from">${options(chosen.from?.number)}</select></label>
    <label>${ctx.t('compareTo')} <select name="to" data-testid="compare-to">${options(chosen.to?.number)}</select></label>
    <button data-testid="compare-show">${ctx.t('compareShow')}</button>
  </form>`;
}

// A heading row left as it was shows as a heading, without the "##" it is stored with.
const HEADING = /^\s*#+\s*/;

function diffRow(ctx: PageContext, row: DiffRow): Html {
  const changed = row.some((p) => p.kind !== 'same');
  const only = row.length === 1 ? row[0] : undefined;
  if (!changed && only && HEADING.test(only.text)) return html`<div class="diff-row diff-heading">${only.text.replace(HEADING, '')}</div>`;
  return html`<div class="diff-row${changed ? ' changed' : ''}">${row.map((piece) => diffPiece(ctx, piece))}</div>`;
}

function diffPiece(ctx: PageContext, piece: Piece): Html | string {
  if (piece.kind === 'same') return piece.text;
  // A line break added or removed has no text to mark: it shows as ↵, named for screen readers.
  const text = piece.text === '\n' ? html`<span aria-hidden="true">↵</span><span class="visually-hidden">${ctx.t('compareLineBreak')}</span>` : piece.text;
  return piece.kind === 'added' ? html`<ins>${text}</ins>` : html`<del>${text}</del>`;
}
