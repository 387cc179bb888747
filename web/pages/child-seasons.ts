// A parent season's dashboard, one level down: each child season (a bureau's own season) with its
// progress, ratings, final grades and rectification, linked to its own dashboard.
import type { ChildSeasonSummary } from '../../app/season-levels';
import { RATINGS } from '../../domain/vocabulary';
import { html } from '../html';
import { seasonStatusName } from '../i18n';
import type { PageContext } from '../layout';

export function childSeasonsSection(ctx: PageContext, children: ChildSeasonSummary[]) {
  const { t } = ctx;
  const counts = (byGrade: ChildSeasonSummary['ratings']) => RATINGS.map((g) => `${g} ${byGrade[g]}`).join(' · ');
  return html`<section><h2>${t('childSeasons')}</h2>
    <div class="table-scroll"><table data-testid="child-seasons"><thead><tr><th>${t('branch')}</th><th>${t('seasons')}</th><th>${t('progressApproved')}</th>
      <th>${t('ratings')}</th><th>${t('finalGrade')}</th><th>${t('completionRate')}</th></tr></thead><tbody>
    ${children.map(
      (
        c,
      ) => html`<tr data-child="${c.seasonId}"><td>${c.parentBranchName}</td><td><a href="/seasons/${encodeURIComponent(c.seasonId)}">${c.title}</a> · ${seasonStatusName(c.status, ctx.locale)}</td>
        <td>${c.approved}/${c.branches}</td><td>${counts(c.ratings)}</td><td>${counts(c.finalGrades)}</td>
        <td>${c.rectification.total ? `${c.rectification.completionRate}%（${c.rectification.accepted}/${c.rectification.total}）` : '—'}</td></tr>`,
    )}</tbody></table></div></section>`;
}

/**
 * Where this season is held: under a branch of its parent, linked for those who read the parent;
 * to an admin of the parent reading it here, that they read without its buttons.
 */
export function parentLine(ctx: PageContext, parent: { seasonId: string; title: string; branchName: string }, readOnly: boolean) {
  const { t } = ctx;
  return html`<p class="notice" data-testid="parent-season">${t('parentSeason')}: <a href="/seasons/${encodeURIComponent(parent.seasonId)}">${parent.title}</a> · ${parent.branchName}${
    readOnly ? html` · ${t('readOnlyOverseen')}` : ''
  }</p>`;
}

/** The season's exports: CSV (Chinese or program columns), Markdown and Word. */
export function exportLinks(ctx: PageContext, seasonId: string) {
  const { t } = ctx;
  const base = `/seasons/${encodeURIComponent(seasonId)}/export`;
  return html`${t('export')}: <a href="${base}?format=csv">CSV</a> (<a href="${base}?format=csv&amp;columns=en">${t('csvForPrograms')}</a>) · <a href="${base}?format=md">Markdown</a> ·
        <a href="${base}?format=docx">Word</a>`;
}
