// Checks across the people and branches of a season file, wherever they were written (the YAML or
// its CSV lists): duplicates, references to people, and who approves whose report.
import { basename } from 'node:path';
import { approversFor, leadership } from '../domain/duties';
import type { SeasonFile } from '../domain/season-file';
import { earlierAt, PEOPLE_WORDS, type Role } from './season-file-words';
import type { Origin, SeasonFileProblem } from './season-file-problem';
import type { FieldPath } from './season-file-zod';

export interface SeasonOrigins {
  at: (path: FieldPath) => Origin;
  /** Where each person (by index in file.people) and branch was written. */
  people: Origin[];
  branches: Origin[];
}

/** The origin of entry `i`; the loader records one for every entry it reads. */
function originOf(origins: Origin[], i: number): Origin {
  const origin = origins[i];
  if (!origin) throw new Error(`no origin recorded for entry ${i}`);
  return origin;
}

/** Where an earlier entry is, as seen from a later one. */
const firstAt = (first: Origin, later: Origin) => earlierAt(first.line, first.file === later.file ? undefined : basename(first.file));

/** Where a branch's field is: its line in the season file, or its row in the branches CSV. */
function branchFieldAt(origins: SeasonOrigins, i: number, field: string): Origin {
  const origin = originOf(origins.branches, i);
  return origin.file.endsWith('.csv') ? { ...origin, field } : origins.at(['organization', 'branches', i, field]);
}

export function peopleChecks(file: SeasonFile, origins: SeasonOrigins): SeasonFileProblem[] {
  const problems: SeasonFileProblem[] = [];
  const people = new Map<string, number>();
  file.people.forEach((person, i) => {
    const email = person.email.toLowerCase();
    const first = people.get(email);
    const origin = originOf(origins.people, i);
    if (first === undefined) people.set(email, i);
    else problems.push({ ...origin, message: PEOPLE_WORDS.duplicatePerson(email, firstAt(originOf(origins.people, first), origin)) });
  });
  const known = (email: string, origin: Origin, role: Role) => {
    if (!people.has(email.toLowerCase())) problems.push({ ...origin, message: PEOPLE_WORDS.unknownPerson(role, email) });
  };
  file.admins.forEach((email, i) => known(email, origins.at(['admins', i]), 'admin'));
  file.leaders.forEach((email, i) => known(email, origins.at(['leaders', i]), 'leader'));
  known(file.partyGroupSecretary, origins.at(['partyGroupSecretary']), 'partyGroupSecretary');

  const branches = new Map<string, number>();
  file.organization.branches.forEach((branch, i) => {
    const origin = originOf(origins.branches, i);
    const first = branches.get(branch.id);
    if (first === undefined) branches.set(branch.id, i);
    else problems.push({ ...origin, message: PEOPLE_WORDS.duplicateBranch(branch.id, firstAt(originOf(origins.branches, first), origin)) });
    if (branch.id === file.organization.id) problems.push({ ...origin, message: PEOPLE_WORDS.branchIsOrganization(branch.id) });
    known(branch.secretary, branchFieldAt(origins, i, 'secretary'), 'secretary');
    if (branch.liaison) known(branch.liaison, branchFieldAt(origins, i, 'liaison'), 'liaison');
    if (branch.reviewer) known(branch.reviewer, branchFieldAt(origins, i, 'reviewer'), 'reviewer');
    if (branch.reviewer && branch.reviewer.toLowerCase() === branch.secretary.toLowerCase()) {
      problems.push({ ...branchFieldAt(origins, i, 'reviewer'), message: PEOPLE_WORDS.reviewsOwn(branch.id) });
    }
  });
  if (!file.organization.branches.length) problems.push({ ...origins.at(['organization']), message: PEOPLE_WORDS.noBranches() });
  return problems;
}

/**
 * Nobody approves their own report (domain/duties.ts). A leader or the Party group secretary who
 * is also a branch's secretary is fine as long as someone else in leadership approves that branch:
 * a warning naming who will. When there is nobody else, the branch's report could never be
 * approved: an error.
 */
export function separationOfDuties(file: SeasonFile, origins: SeasonOrigins): { problems: SeasonFileProblem[]; warnings: SeasonFileProblem[] } {
  const problems: SeasonFileProblem[] = [];
  const warnings: SeasonFileProblem[] = [];
  const everyone = leadership(file.leaders, file.partyGroupSecretary);
  const same = (a: string, b: string) => a.toLowerCase() === b.toLowerCase();
  file.organization.branches.forEach((branch, i) => {
    const approvers = approversFor(branch.secretary, file.leaders, file.partyGroupSecretary);
    if (approvers.length === everyone.length) return; // the secretary is not in leadership
    const origin = branchFieldAt(origins, i, 'secretary');
    const role: Role = file.leaders.some((leader) => same(leader, branch.secretary)) ? 'leader' : 'partyGroupSecretary';
    if (!approvers.length) problems.push({ ...origin, message: PEOPLE_WORDS.nobodyCanApprove(branch.id, branch.secretary) });
    else warnings.push({ ...origin, message: PEOPLE_WORDS.approvedByOthers(branch.secretary, role, branch.id, approvers) });
  });
  return { problems, warnings };
}
