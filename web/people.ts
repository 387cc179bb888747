// People as pages show them: by name, their address on hover (a title), never an address where a
// name exists. The name is the one the season knew them by (RoleAssignment.personName, of the
// latest role given in it), else their name now: the rule the exports follow (exports/season-names.ts),
// asked here only for the few addresses a page shows.
import type { Db } from '../db/client';
import { CHANNEL_NAMES, type Locale } from '../domain/vocabulary';
import { html, type Html } from './html';

export type NameOf = (email: string) => string;

/** The record's actor for what the workflow did by itself (reminders, the assignment). */
const SYSTEM = 'system';

export async function namesFor(db: Db, seasonId: string | undefined, emails: Iterable<string>): Promise<NameOf> {
  const wanted = [...new Set([...emails].map((e) => e.toLowerCase()))].filter((e) => e && e !== SYSTEM);
  const names = new Map<string, string>();
  if (wanted.length && seasonId) {
    const roles = await db.roleAssignment.findMany({
      where: { seasonId, person: { email: { in: wanted } } },
      select: { personName: true, person: { select: { email: true, name: true } } },
      orderBy: [{ validFrom: 'asc' }, { id: 'asc' }],
    });
    for (const { personName, person } of roles) if (personName || person.name) names.set(person.email, personName || person.name);
  }
  const missing = wanted.filter((e) => !names.has(e));
  if (missing.length) {
    for (const person of await db.person.findMany({ where: { email: { in: missing } }, select: { email: true, name: true } })) {
      if (person.name) names.set(person.email, person.name);
    }
  }
  return (email) => names.get(email.toLowerCase()) ?? email;
}

/** A person by name with the address on hover; the workflow itself as 系统. */
export function person(nameOf: NameOf, email: string | null | undefined, locale: Locale): Html {
  if (!email) return html`—`;
  if (email === SYSTEM) return html`<span class="person">${CHANNEL_NAMES.system[locale]}</span>`;
  const name = nameOf(email);
  return name === email ? html`<span class="person">${email}</span>` : html`<span class="person" title="${email}">${name}</span>`;
}

/** Several people, by name, as a list in the page's language. */
export const people = (nameOf: NameOf, emails: readonly string[], locale: Locale): Html =>
  html`${emails.map((email, i) => html`${i ? (locale === 'en' ? ', ' : '、') : ''}${person(nameOf, email, locale)}`)}`;

/** A person's name as plain text (for sentences built outside a template). */
export const nameText = (nameOf: NameOf, email: string, locale: Locale) => (email === SYSTEM ? CHANNEL_NAMES.system[locale] : nameOf(email));
