// Writes a parsed season file into the database: the organization subtree, the people, their
// roles and the season itself, with its audit event, in one transaction. Upserts throughout, so
// importing the same file twice changes nothing. A closed season is never imported again.
import type { Channel } from '../domain/vocabulary';
import type { SeasonFile } from '../domain/season-file';
import { parseDueDate } from '../domain/time';
import type { Db, DbTransaction } from './client';
import { appendAuditEvent } from './audit';
import type { AuditKey } from '../config/audit-key';

export interface ImportResult {
  seasonId: string;
  branches: number;
  people: number;
  created: boolean;
}

export async function importSeason(db: Db, file: SeasonFile, actor: { email: string; channel: Channel; at?: Date }, auditKey: AuditKey): Promise<ImportResult> {
  return db.$transaction(async (tx) => {
    const existing = await tx.season.findUnique({ where: { id: file.id }, select: { id: true, status: true } });
    // A closed season is the record as it was: importing its file again must not rename, re-time or
    // re-staff it. Refused before anything is written.
    if (existing?.status === 'closed') throw new ClosedSeasonError(file.id);
    await upsertPeople(tx, file);
    await upsertSeason(tx, file); // before the branches: each branch's SeasonBranch refers to it
    await upsertOrganization(tx, file);
    await upsertRoles(tx, file);
    await appendAuditEvent(tx, auditKey, {
      key: `season/${file.id}/imported/${existing ? 'again' : 'first'}/${Date.now()}`,
      occurredAt: (actor.at ?? new Date()).toISOString(),
      actorEmail: actor.email,
      action: existing ? 'season.updated' : 'season.created',
      channel: actor.channel,
      seasonId: file.id,
      // The names as imported, under the event's MAC: verify holds the season's snapshot against them.
      detail: {
        branches: file.organization.branches.length,
        people: file.people.length,
        branchNames: Object.fromEntries(file.organization.branches.map((branch) => [branch.id, branch.name])),
      },
    });
    return {
      seasonId: file.id,
      branches: file.organization.branches.length,
      people: file.people.length,
      created: !existing,
    };
    // All or nothing even for 10,000 branches: well past Prisma's 5-second default, which on
    // PostgreSQL cut a 1,000-branch import off half-way.
  }, IMPORT_TRANSACTION);
}

/** Importing a season file whose season has closed: its record must not change. */
export class ClosedSeasonError extends Error {
  readonly reason: { 'zh-CN': string; en: string };

  constructor(readonly seasonId: string) {
    const reason = {
      'zh-CN': `述职季度 ${seasonId} 已结束，不能再导入或修改；如需新的季度，请使用新的季度编号。`,
      en: `Season ${seasonId} is closed and cannot be changed: import the file under a new season id.`,
    };
    super(reason.en);
    this.reason = reason;
    this.name = 'ClosedSeasonError';
  }

  explain(locale: 'zh-CN' | 'en'): string {
    return this.reason[locale];
  }
}

const IMPORT_TRANSACTION = { maxWait: 30_000, timeout: 15 * 60_000 };

async function upsertPeople(tx: DbTransaction, file: SeasonFile) {
  for (const person of file.people) {
    const email = person.email.toLowerCase();
    await tx.person.upsert({
      where: { email },
      create: { email, name: person.name, locale: person.locale },
      update: { name: person.name, locale: person.locale },
    });
  }
}

async function upsertOrganization(tx: DbTransaction, file: SeasonFile) {
  const root = file.organization;
  const rootPath = `/${root.id}/`;
  await tx.organization.upsert({
    where: { id: root.id },
    create: { id: root.id, name: root.name, kind: 'party_group', path: rootPath },
    update: { name: root.name },
  });
  for (const branch of root.branches) await upsertBranchOrganization(tx, file.id, root.id, branch);
}

/**
 * A branch under the season's root organization: the organization as it is now, and the season's
 * own snapshot of it (its name and path in this season), which later imports never touch.
 */
export async function upsertBranchOrganization(tx: DbTransaction, seasonId: string, rootId: string, branch: { id: string; name: string }) {
  const data = { name: branch.name, kind: 'branch', parentId: rootId, path: `/${rootId}/${branch.id}/` };
  await tx.organization.upsert({ where: { id: branch.id }, create: { id: branch.id, ...data }, update: data });
  const snapshot = { name: data.name, path: data.path };
  await tx.seasonBranch.upsert({
    where: { seasonId_branchId: { seasonId, branchId: branch.id } },
    create: { seasonId, branchId: branch.id, ...snapshot },
    update: snapshot,
  });
}

/** A season role; its key (season:organization:role:email) makes granting it twice harmless. */
export async function grantSeasonRole(
  tx: DbTransaction,
  grant: { seasonId: string; organizationId: string; role: string; personId: string; email: string; personName: string },
) {
  const key = `${grant.seasonId}:${grant.organizationId}:${grant.role}:${grant.email.toLowerCase()}`;
  const { seasonId, organizationId, role, personId, personName } = grant;
  await tx.roleAssignment.upsert({
    where: { key },
    create: { key, personId, role, organizationId, seasonId, personName },
    update: { personName },
  });
}

async function upsertSeason(tx: DbTransaction, file: SeasonFile) {
  const data = {
    title: file.title,
    year: file.year,
    timeZone: file.timeZone,
    dueAt: parseDueDate(file.dueDate, file.timeZone),
    scheduleJson: JSON.stringify(file.schedule),
    templateJson: JSON.stringify(file.template),
    rootOrganizationId: file.organization.id,
    leadersMayApproveUnreviewed: file.leadersMayApproveUnreviewed ?? false,
    finalGradeJson: file.finalGrade ? JSON.stringify(file.finalGrade) : null,
    rectificationJson: file.rectification ? JSON.stringify(file.rectification) : null,
    dimensionsJson: file.evaluationDimensions?.length ? JSON.stringify(file.evaluationDimensions) : null,
    parentSeasonId: file.parent?.season ?? null,
    parentBranchId: file.parent?.branch ?? null,
  };
  await tx.season.upsert({ where: { id: file.id }, create: { id: file.id, ...data }, update: data });
}

async function upsertRoles(tx: DbTransaction, file: SeasonFile) {
  const people = new Map((await tx.person.findMany({ where: { email: { in: file.people.map((p) => p.email.toLowerCase()) } } })).map((p) => [p.email, p]));
  const grant = async (email: string, role: string, organizationId: string) => {
    const person = people.get(email.toLowerCase());
    if (!person) throw new Error(`${email} is not listed under people`);
    await grantSeasonRole(tx, { seasonId: file.id, organizationId, role, personId: person.id, email, personName: person.name });
  };
  for (const email of file.admins) await grant(email, 'admin', file.organization.id);
  for (const email of file.leaders) await grant(email, 'leader', file.organization.id);
  await grant(file.partyGroupSecretary, 'party_group_secretary', file.organization.id);
  for (const branch of file.organization.branches) {
    await grant(branch.secretary, 'secretary', branch.id);
    if (branch.liaison) await grant(branch.liaison, 'liaison', branch.id);
    if (branch.reviewer) await grant(branch.reviewer, 'reviewer', branch.id);
  }
}
