// Separation of duties: nobody reviews or approves a report they are the secretary of. Leadership
// is the season's leaders and the Party group secretary; a leader's own report is approved by the
// others. Used by the workflow's rules and by `season validate` alike. Workflow-safe.

const same = (a: string | undefined, b: string | undefined) => !!a && !!b && a.toLowerCase() === b.toLowerCase();

/** Everyone who may approve reports in the season: the leaders and the Party group secretary. */
export function leadership(leaders: readonly string[], partyGroupSecretary?: string): string[] {
  const all = partyGroupSecretary ? [...leaders, partyGroupSecretary] : [...leaders];
  return all.filter((email, i) => all.findIndex((other) => same(other, email)) === i);
}

/** Who may approve the report of a branch with this secretary: leadership, minus the secretary. */
export function approversFor(secretary: string, leaders: readonly string[], partyGroupSecretary?: string): string[] {
  return leadership(leaders, partyGroupSecretary).filter((email) => !same(email, secretary));
}

/** Whether this person is the report's own secretary (directly, or acting for them). */
export function isOwnReport(secretary: string, actor: { email: string; onBehalfOf?: string }): boolean {
  return same(secretary, actor.email) || same(secretary, actor.onBehalfOf);
}
