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
