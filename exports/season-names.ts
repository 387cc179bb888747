// People as the exports name them: by the name the season knew them by (RoleAssignment.personName,
// of the latest role given in it), else their name now, and by their address only when the app
// has no name for them at all.
import type { Db } from '../db/client';

export type NameOf = (email: string) => string;

export async function loadSeasonNames(db: Db, seasonId: string, emails: Iterable<string>): Promise<NameOf> {
  const roles = await db.roleAssignment.findMany({
    where: { seasonId },
    select: { personName: true, person: { select: { email: true, name: true } } },
    orderBy: [{ validFrom: 'asc' }, { id: 'asc' }],
  });
  const names = new Map<string, string>();
  for (const { personName, person } of roles) {
    if (personName) names.set(person.email, personName);
    else if (!names.has(person.email) && person.name) names.set(person.email, person.name);
  }
  const missing = [...new Set(emails)].map((email) => email.toLowerCase()).filter((email) => !names.has(email));
  if (missing.length) {
    for (const person of await db.person.findMany({ where: { email: { in: missing } }, select: { email: true, name: true } })) {
      if (person.name) names.set(person.email, person.name);
    }
  }
  return (email) => names.get(email.toLowerCase()) ?? email;
}
