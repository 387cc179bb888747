// A report's timeline as people read it: each act of the record by its name (domain/vocabulary.ts
// EVENT_NAMES), who did it by name, from where, and the one detail that matters (the new date,
// to whom a reminder went, the reason) — never `report.assigned · system · workflow`.
import { CHANNEL_NAMES, eventName, type Channel, type Locale } from '../../domain/vocabulary';
import { html, type Html } from '../html';
import type { PageContext } from '../layout';
import { dateIn } from '../format';
import { people, person, type NameOf } from '../people';
import type { ReportView } from '../report-view';

type Event = ReportView['timeline'][number];

export function timeline(ctx: PageContext, view: ReportView) {
  const { locale } = ctx;
  const { nameOf } = view.guide;
  const tz = view.report.season.timeZone;
  return html`<section><h2>${ctx.t('timeline')}</h2><ul class="timeline" data-testid="timeline">${view.timeline.map(
    (e) =>
      html`<li data-action="${e.action}">${dateIn(e.occurredAt, tz)} · <strong>${eventName(e.action, locale)}</strong> · ${person(nameOf, e.actorEmail, locale)}${
        e.onBehalfOf ? html`（${locale === 'en' ? 'for ' : '代'}${person(nameOf, e.onBehalfOf, locale)}）` : ''
      }${e.actorEmail === 'system' ? '' : html` <span class="muted">${channelName(e.channel, locale)}</span>`}${detailOf(e, nameOf, tz, locale)}</li>`,
  )}</ul></section>`;
}

const channelName = (channel: string, locale: Locale) => CHANNEL_NAMES[channel as Channel]?.[locale] ?? '';

/** The one thing of an act's detail worth a reader's eye. */
function detailOf(e: Event, nameOf: NameOf, timeZone: string, locale: Locale): Html | string {
  const d = JSON.parse(e.detailJson || '{}') as Record<string, unknown>;
  const zh = locale === 'zh-CN';
  const date = (v: unknown) => (typeof v === 'string' && !Number.isNaN(Date.parse(v)) ? dateIn(new Date(v), timeZone) : '');
  const emails = (v: unknown) => [v].flat().filter((x): x is string => typeof x === 'string');
  if (e.action === 'report.extended' && date(d.until)) return html` · ${zh ? '延至' : 'until'} ${date(d.until)}`;
  if (e.action === 'report.revision_requested' && date(d.revisionDueAt)) return html` · ${zh ? '修改截止' : 'revision due'} ${date(d.revisionDueAt)}`;
  if (e.action.endsWith('_changed') || e.action === 'report.reassigned') {
    return html` · ${zh ? '改为' : 'now'} ${person(nameOf, emails(d.to)[0], locale)}`;
  }
  if (emails(d.to).length) return html` · ${zh ? '发给' : 'to'} ${people(nameOf, emails(d.to), locale)}`;
  if (typeof d.reason === 'string' && d.reason) return html` · ${zh ? '理由：' : 'reason: '}${d.reason}`;
  return '';
}
