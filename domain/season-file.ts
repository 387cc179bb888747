// The season file (YAML): who reports, to whom, by when, and the schedule. Parsed on the client
// side only (zod is not needed inside workflows).
import { z } from 'zod';
import { DURATION_PATTERN, isZeroDuration } from './duration';
import { GRADE_SET_PATTERN, SCORE_PATTERN, SHARE_PATTERN } from './final-grade';
import { LOCALES, RATINGS } from './vocabulary';

/**
 * The schema's own refusals. Each is also the key the season file loader
 * (app/season-file-words.ts) turns into words, in Chinese or English, saying what to write instead.
 */
export const SCHEMA_MESSAGES = {
  id: 'must be lower-case letters, digits and dashes',
  email: 'must be an email address',
  year: 'must be a year such as 2026',
  dueDate: 'must be a date YYYY-MM-DD (or a date-time such as 2026-12-31T18:00+08:00)',
  duration: 'must be a duration such as 7d, 12h, 30m or 45s',
  positive: 'must be longer than 0',
  admins: 'at least one admin',
  leaders: 'at least one leader',
  boolean: 'must be true or false',
  blank: 'must not be blank',
  share: 'must be a comparison and a share, such as ">= 70%" or "> 1/3"',
  score: 'must be a comparison and a score, such as ">= 85"',
  grades: 'must be grades joined by +, such as 好 or 好+较好',
  grade: 'must be one of 好, 较好, 一般, 差',
} as const;
export type SchemaMessage = keyof typeof SCHEMA_MESSAGES;

const email = z.email(SCHEMA_MESSAGES.email);
const id = z.string().regex(/^[a-z0-9][a-z0-9-]*$/, SCHEMA_MESSAGES.id);
/** Leading and trailing spaces dropped; nothing but spaces is blank. */
const text = z.string().trim().min(1, SCHEMA_MESSAGES.blank);
/** Names that go into mail subjects, table cells and headings: room for any real one, not a page. */
export const NAME_LIMITS = { title: 100, unit: 60, person: 40 } as const;
// Zero would fire a timer at once and, where it repeats, again and again (issue #23: 50 mails in 50 s).
const duration = z
  .string()
  .regex(DURATION_PATTERN, SCHEMA_MESSAGES.duration)
  .refine((written) => !isZeroDuration(written), SCHEMA_MESSAGES.positive);

export const branchSchema = z.strictObject({
  id,
  name: text.max(NAME_LIMITS.unit),
  secretary: email,
  liaison: email.optional(),
  reviewer: email.optional(),
});

export const personSchema = z.strictObject({ email, name: text.max(NAME_LIMITS.person), locale: z.enum(LOCALES).default('zh-CN') });

/** When reminders, escalations and repeats fall due; every field has a default. */
export const scheduleSchema = z.strictObject({
  remindersBeforeDue: z.array(duration).default(['7d', '3d', '1d']),
  escalateToLiaisonAfter: duration.default('1d'),
  escalateToPartyGroupSecretaryAfter: duration.default('3d'),
  digestEvery: duration.default('7d'),
  revisionPeriod: duration.default('7d'),
  reviewSla: duration.default('5d'),
  reviewReminderBeforeSla: duration.default('1d'),
  /**
   * The least time between two notices to one person about one report, and so the floor for
   * anything that repeats. An hour unless the file lowers it (a demo, a test).
   */
  minimumNoticeGap: duration.default('1h'),
});

/** The schedule a season file gets when it says nothing: what the bench and the tests' seasons start from. */
export const DEFAULT_SCHEDULE = scheduleSchema.parse({});

const grade = z.enum(RATINGS, SCHEMA_MESSAGES.grade);

/** 综合评价: how the meeting's vote and leadership's rating make the final grade (domain/final-grade.ts). */
export const finalGradeSchema = z.strictObject({
  rules: z
    .array(
      z.strictObject({
        grade,
        votes: z.record(z.string().regex(GRADE_SET_PATTERN, SCHEMA_MESSAGES.grades), z.string().regex(SHARE_PATTERN, SCHEMA_MESSAGES.share)).optional(),
        score: z.string().regex(SCORE_PATTERN, SCHEMA_MESSAGES.score).optional(),
        leadership: z.array(grade).min(1).optional(),
      }),
    )
    .min(1),
});

/** The file as written: people and branches inline, or in CSV files beside it. */
export const seasonFileSchema = z.strictObject({
  id,
  title: text.max(NAME_LIMITS.title),
  /** The year reported on: the due date falls in it or in the first half of the next (app/season-schedule-checks.ts). */
  year: z.number(SCHEMA_MESSAGES.year).int(SCHEMA_MESSAGES.year).min(2000, SCHEMA_MESSAGES.year).max(2100, SCHEMA_MESSAGES.year),
  timeZone: z.string().default('Asia/Shanghai'),
  /** YYYY-MM-DD, meaning the end of that day in the season's time zone, or an ISO date-time. */
  dueDate: z.string().regex(/^\d{4}-\d{2}-\d{2}(T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2}))?$/, SCHEMA_MESSAGES.dueDate),
  schedule: scheduleSchema.prefault({}),
  template: z
    .strictObject({
      sections: z.array(text).default(['一、主要工作', '二、存在的主要问题及原因', '三、下步工作思路和主要措施']),
      maxCharacters: z.number().int().positive().default(20000),
    })
    .prefault({}),
  people: z.array(personSchema).default([]),
  /** A CSV (email,name,locale) of more people, relative to the season file. */
  peopleCsv: z.string().min(1).optional(),
  admins: z.array(email).min(1, SCHEMA_MESSAGES.admins),
  leaders: z.array(email).min(1, SCHEMA_MESSAGES.leaders),
  partyGroupSecretary: email,
  /**
   * Whether leaders may approve a report that has not passed review (giving a reason). Off unless
   * the file says so; left optional so a file (or a generated season) without it means false.
   */
  leadersMayApproveUnreviewed: z.boolean(SCHEMA_MESSAGES.boolean).optional(),
  /**
   * Seasons at several levels: this season is held under a branch of a parent season (a bureau of
   * a district's season), whose dashboard and export roll it up.
   */
  parent: z.strictObject({ season: id, branch: id }).optional(),
  /** 点评与整改: an item's default time to rectify, its reminders, and when an overdue one is escalated. */
  rectification: z
    .strictObject({
      period: duration.default('90d'),
      remindersBeforeDue: z.array(duration).default(['7d', '1d']),
      escalateAfter: duration.default('3d'),
    })
    .optional(),
  /** 民主测评: scores a ballot may give each reporter beside the grade (政治建设 0–10, …). */
  evaluationDimensions: z
    .array(z.strictObject({ id, name: text, max: z.number().int().min(1).max(100) }))
    .max(10)
    .optional(),
  /** How the final grade (综合评价) is reached; without it, a season has no final grades. */
  finalGrade: finalGradeSchema.optional(),
  organization: z.strictObject({
    id,
    name: text.max(NAME_LIMITS.unit),
    branches: z.array(branchSchema).default([]),
    /** A CSV (id,name,secretary,liaison,reviewer) of more branches, relative to the season file. */
    branchesCsv: z.string().min(1).optional(),
  }),
});

export type SeasonFile = z.infer<typeof seasonFileSchema>;
export type SeasonFileBranch = z.infer<typeof branchSchema>;
export type SeasonSchedule = SeasonFile['schedule'];
export type SeasonTemplate = SeasonFile['template'];
