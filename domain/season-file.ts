// The season file (YAML): who reports, to whom, by when, and the schedule. Parsed on the client
// side only (zod is not needed inside workflows).
import { z } from 'zod';
import { DURATION_PATTERN } from './duration';
import { LOCALES } from './vocabulary';

const email = z.email();
const duration = z.string().regex(DURATION_PATTERN, 'must be a duration such as 7d, 12h, 30m or 45s');

export const branchSchema = z.strictObject({
  id: z.string().regex(/^[a-z0-9][a-z0-9-]*$/, 'must be lower-case letters, digits and dashes'),
  name: z.string().min(1),
  secretary: email,
  liaison: email.optional(),
  reviewer: email.optional(),
});

export const personSchema = z.strictObject({ email, name: z.string().min(1), locale: z.enum(LOCALES).default('zh-CN') });

/** The file as written: people and branches inline, or in CSV files beside it. */
export const seasonFileSchema = z.strictObject({
  id: z.string().regex(/^[a-z0-9][a-z0-9-]*$/, 'must be lower-case letters, digits and dashes'),
  title: z.string().min(1),
  year: z.number('must be a year such as 2026').int().min(2000, 'must be a year such as 2026').max(2100, 'must be a year such as 2026'),
  timeZone: z.string().default('Asia/Shanghai'),
  /** YYYY-MM-DD, meaning the end of that day in the season's time zone, or an ISO date-time. */
  dueDate: z
    .string()
    .regex(
      /^\d{4}-\d{2}-\d{2}(T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2}))?$/,
      'must be a date YYYY-MM-DD (or a date-time such as 2026-12-31T18:00+08:00)',
    ),
  schedule: z
    .strictObject({
      remindersBeforeDue: z.array(duration).default(['7d', '3d', '1d']),
      escalateToLiaisonAfter: duration.default('1d'),
      escalateToPartyGroupSecretaryAfter: duration.default('3d'),
      digestEvery: duration.default('7d'),
      revisionPeriod: duration.default('7d'),
      reviewSla: duration.default('5d'),
      reviewReminderBeforeSla: duration.default('1d'),
    })
    .prefault({}),
  template: z
    .strictObject({
      sections: z.array(z.string().min(1)).default(['一、主要工作', '二、存在的主要问题及原因', '三、下步工作思路和主要措施']),
      maxCharacters: z.number().int().positive().default(20000),
    })
    .prefault({}),
  people: z.array(personSchema).default([]),
  /** A CSV (email,name,locale) of more people, relative to the season file. */
  peopleCsv: z.string().min(1).optional(),
  admins: z.array(email).min(1, 'at least one admin'),
  leaders: z.array(email).min(1, 'at least one leader'),
  partyGroupSecretary: email,
  /**
   * Whether leaders may approve a report that has not passed review (giving a reason). Off unless
   * the file says so; left optional so a file (or a generated season) without it means false.
   */
  leadersMayApproveUnreviewed: z.boolean('must be true or false').optional(),
  organization: z.strictObject({
    id: z.string().regex(/^[a-z0-9][a-z0-9-]*$/, 'must be lower-case letters, digits and dashes'),
    name: z.string().min(1),
    branches: z.array(branchSchema).default([]),
    /** A CSV (id,name,secretary,liaison,reviewer) of more branches, relative to the season file. */
    branchesCsv: z.string().min(1).optional(),
  }),
});

export type SeasonFile = z.infer<typeof seasonFileSchema>;
export type SeasonFileBranch = z.infer<typeof branchSchema>;
export type SeasonSchedule = SeasonFile['schedule'];
export type SeasonTemplate = SeasonFile['template'];
