// The first page after sign-in: the person's to-do list first (what they must do now, by when,
// linked), then their own reports, the review queue if it is theirs, and the seasons they run.
import { writingDue } from '../../domain/report-steps';
import { html } from '../html';
import { dateIn, reportHref, stateBadge } from '../format';
import { fillIn, seasonStatusName } from '../i18n';
import type { PageContext } from '../layout';
import type { TodoItem } from '../todo';
import { timeLeft } from '../format';

interface MyReport {
  id: string;
  state: string;
  dueAt: Date;
  revisionDueAt: Date | null;
  seasonBranch: { name: string };
  season: { title: string; timeZone: string };
}

export interface HomeData {
  todo: TodoItem[];
  mine: MyReport[];
  /** Reports waiting in the review queue for this person, when the queue is theirs. */
  reviewing?: number;
  seasons: { id: string; title: string; status: string }[];
}

export function homePage(ctx: PageContext, data: HomeData) {
  const { t, locale } = ctx;
  return html`
    <section class="todo" data-testid="todo"><h2>${t('todo')}</h2>
      ${
        data.todo.length
          ? html`<table><thead><tr><th>${t('whatToDo')}</th><th>${t('branch')}</th><th>${t('byWhen')}</th></tr></thead><tbody>${data.todo.map(
              (
                item,
              ) => html`<tr data-todo="${item.what}"><td><a href="${item.href}">${t(item.what)}</a>${item.count ? html` · ${fillIn(t('reportsCount'), { n: item.count })}` : ''}${
                item.detail ? html`<div class="muted" data-testid="todo-detail">${item.detail}</div>` : ''
              }</td>
                <td>${item.branch ?? ''}${item.season ? html`<div class="muted">${item.season}</div>` : ''}</td>
                <td>${item.dueAt ? html`${dateIn(item.dueAt, item.timeZone ?? 'Asia/Shanghai')}<div class="muted">${timeLeft(item.dueAt, locale)}</div>` : '—'}</td></tr>`,
            )}</tbody></table>`
          : html`<p class="muted" data-testid="nothing-to-do">${t('nothingToDo')}</p>`
      }
    </section>
    <section>
      <h2>${t('myReports')}</h2>
      ${
        data.mine.length
          ? html`<table><thead><tr><th>${t('branch')}</th><th>${t('state')}</th><th>${t('dueDate')}</th></tr></thead><tbody>
          ${data.mine.map((r) => {
            const due = writingDue(r);
            return html`<tr><td><a href="${reportHref(r.id)}">${r.seasonBranch.name}</a><div class="muted">${r.season.title}</div></td>
                <td>${stateBadge(r.state, locale)}</td><td>${dateIn(due, r.season.timeZone)}<div class="muted">${timeLeft(due, locale)}</div></td></tr>`;
          })}</tbody></table>`
          : html`<p class="muted">${t('nothingHere')}</p>`
      }
    </section>
    ${
      data.reviewing === undefined
        ? ''
        : html`<section><h2>${t('reviewQueue')}</h2><p><a href="/queue">${t('reviewQueue')}</a> (${fillIn(t('reportsCount'), { n: data.reviewing })})</p></section>`
    }
    ${
      data.seasons.length
        ? html`<section><h2>${t('seasonsYouRun')}</h2><ul>${data.seasons.map(
            (s) =>
              html`<li><a href="/seasons/${encodeURIComponent(s.id)}">${s.title}</a> — <span data-testid="season-status">${seasonStatusName(s.status, locale)}</span></li>`,
          )}</ul></section>`
        : ''
    }`;
}
