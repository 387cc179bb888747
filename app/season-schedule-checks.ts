// A schedule that cannot hurt anyone: a due date that exists and fits the year, reminders that can
// fire, nothing that repeats more often than the notice gap, and a template of distinct sections.
import { durationMs } from '../domain/duration';
import type { SeasonFile } from '../domain/season-file';
import { dateFault, formatInZone, parseDueDate } from '../domain/time';
import { earlierAt, SCHEDULE_WORDS } from './season-file-words';
import type { Origin, SeasonFileProblem } from './season-file-problem';
import type { FieldPath } from './season-file-zod';

export interface ScheduleContext {
  at: (path: FieldPath) => Origin;
  /** Whether the file itself writes the field (not a default). */
  present: (path: FieldPath) => boolean;
  now: Date;
  /** The caller moves the due date itself (the demo): checks against now are left out. */
  allowPastDueDate: boolean;
}

/** A season is about a year; a reminder further ahead than this was never meant. */
const LONGEST_REMINDER = '366d';
/** The notice gap a season gets unless its file lowers it (the workflows hold notices to it too). */
const USUAL_NOTICE_GAP = '1h';

interface Found {
  problems: SeasonFileProblem[];
  warnings: SeasonFileProblem[];
}

export function scheduleChecks(file: SeasonFile, context: ScheduleContext): Found {
  const found: Found = { problems: [], warnings: [] };
  dueDateChecks(file, context, found);
  reminderChecks(file, context, found);
  repeatChecks(file, context, found);
  sectionChecks(file, context, found);
  return found;
}

function dueDateChecks(file: SeasonFile, { at, now, allowPastDueDate }: ScheduleContext, found: Found) {
  const add = (path: FieldPath, message: SeasonFileProblem['message']) => found.problems.push({ ...at(path), message });
  const zoneKnown = isTimeZone(file.timeZone);
  if (!zoneKnown) add(['timeZone'], SCHEDULE_WORDS.unknownTimeZone(file.timeZone));
  const fault = dateFault(file.dueDate);
  if (fault?.part === 'month') return add(['dueDate'], SCHEDULE_WORDS.noSuchMonth(file.dueDate));
  if (fault?.part === 'day') return add(['dueDate'], SCHEDULE_WORDS.noSuchDay(file.dueDate, fault.daysInMonth));
  if (fault?.part === 'time') return add(['dueDate'], SCHEDULE_WORDS.noSuchTime(file.dueDate));
  if (fault) return add(['dueDate'], SCHEDULE_WORDS.noSuchOffset(file.dueDate));
  // The report on a year is due in it or in the first half of the next (述职 is often held in January).
  const day = file.dueDate.slice(0, 10);
  if (day < `${file.year}-01-01` || day > `${file.year + 1}-06-30`) add(['year'], SCHEDULE_WORDS.yearMismatch(file.year, file.dueDate));
  if (zoneKnown && !allowPastDueDate && parseDueDate(file.dueDate, file.timeZone).getTime() <= now.getTime()) {
    add(['dueDate'], SCHEDULE_WORDS.dueDatePast(file.dueDate));
  }
}

function reminderChecks(file: SeasonFile, { at, present, now, allowPastDueDate }: ScheduleContext, found: Found) {
  const reminders = file.schedule.remindersBeforeDue;
  const path = (i: number): FieldPath =>
    present(['schedule', 'remindersBeforeDue', i]) ? ['schedule', 'remindersBeforeDue', i] : ['schedule', 'remindersBeforeDue'];
  const add = (i: number, message: SeasonFileProblem['message']) => found.problems.push({ ...at(path(i)), message });
  const offsets = reminders.map(durationMs);
  offsets.forEach((offset, i) => {
    if (offsets.indexOf(offset) !== i) add(i, SCHEDULE_WORDS.duplicateReminder(reminders[i] ?? ''));
    else if (offset > durationMs(LONGEST_REMINDER)) add(i, SCHEDULE_WORDS.reminderTooEarly(reminders[i] ?? '', LONGEST_REMINDER));
  });
  const due = isTimeZone(file.timeZone) ? parseDueDate(file.dueDate, file.timeZone) : new Date(NaN);
  // Only reminders the file writes: the default ones that have passed are simply skipped by the workflow.
  if (allowPastDueDate || Number.isNaN(due.getTime()) || due <= now || !present(['schedule', 'remindersBeforeDue'])) return;
  offsets.forEach((offset, i) => {
    const moment = new Date(due.getTime() - offset);
    if (offset <= durationMs(LONGEST_REMINDER) && moment <= now) {
      add(i, SCHEDULE_WORDS.reminderPassed(reminders[i] ?? '', `${formatInZone(moment, file.timeZone)} (${file.timeZone})`));
    }
  });
}

/** Anything that repeats, or comes in a row, to one person: not closer than the notice gap. */
function repeatChecks(file: SeasonFile, { at, present }: ScheduleContext, found: Found) {
  const { schedule } = file;
  const gapText = schedule.minimumNoticeGap;
  const gap = durationMs(gapText);
  if (gap < durationMs(USUAL_NOTICE_GAP) && present(['schedule', 'minimumNoticeGap'])) {
    found.warnings.push({ ...at(['schedule', 'minimumNoticeGap']), message: SCHEDULE_WORDS.gapLowered(gapText) });
  }
  if (durationMs(schedule.digestEvery) < gap) {
    found.problems.push({ ...at(['schedule', 'digestEvery']), message: SCHEDULE_WORDS.repeatsTooOften(schedule.digestEvery, gapText) });
  }
  if (durationMs(schedule.escalateToPartyGroupSecretaryAfter) < durationMs(schedule.escalateToLiaisonAfter)) {
    found.problems.push({ ...at(['schedule', 'escalateToPartyGroupSecretaryAfter']), message: SCHEDULE_WORDS.escalationOrder() });
  }
  // Each reminder once (a repeated one is a problem of its own), the earliest first.
  const byOffset = [...new Map(schedule.remindersBeforeDue.map((written) => [durationMs(written), written])).entries()].sort(([a], [b]) => b - a);
  byOffset.slice(1).forEach(([laterMs, later], i) => {
    const [earlierMs, earlier] = byOffset[i] ?? [laterMs, later];
    if (earlierMs - laterMs < gap) {
      found.problems.push({ ...at(['schedule', 'remindersBeforeDue']), message: SCHEDULE_WORDS.remindersTooClose(earlier, later, gapText) });
    }
  });
}

function sectionChecks(file: SeasonFile, { at }: ScheduleContext, found: Found) {
  const sections = file.template.sections;
  if (!sections.length) found.problems.push({ ...at(['template', 'sections']), message: SCHEDULE_WORDS.noSections() });
  sections.forEach((section, i) => {
    const first = sections.indexOf(section);
    if (first !== i) {
      found.problems.push({
        ...at(['template', 'sections', i]),
        message: SCHEDULE_WORDS.duplicateSection(section, earlierAt(at(['template', 'sections', first]).line)),
      });
    }
  });
}

function isTimeZone(zone: string): boolean {
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: zone });
    return true;
  } catch {
    return false;
  }
}
