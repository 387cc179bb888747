// The schema's refusals (domain/season-file.ts) in words of our own: zod's English ("Invalid
// input: expected string, received number") is for programmers, not for an organization office.
import { z } from 'zod';
import { SCHEMA_MESSAGES, type SchemaMessage } from '../domain/season-file';
import { words, type Words } from '../domain/words';
import { VALUE_WORDS } from './season-file-words';

type Issue = z.core.$ZodIssue;
export type FieldPath = (string | number)[];

const BY_MESSAGE = new Map(Object.entries(SCHEMA_MESSAGES).map(([key, message]) => [message as string, key as SchemaMessage]));

/** A value as the messages quote it. */
function shown(value: unknown): Words {
  if (value === null || value === undefined || value === '') return words('空白', 'empty');
  if (Array.isArray(value)) return words('一个列表', 'a list');
  if (typeof value === 'object') return words('一组字段', 'a set of fields');
  return typeof value === 'string' ? words(`“${value}”`, `"${value}"`) : words(` ${String(value)}`, String(value));
}

const leafOf = (path: FieldPath): string => String([...path].reverse().find((part) => typeof part === 'string') ?? '');

/** The field as a sentence names it: "name", or "entry 2 of sections" for an entry of a list. */
function labelOf(path: FieldPath): Words {
  const last = path[path.length - 1];
  const leaf = leafOf(path);
  return typeof last === 'number' ? words(`${leaf} 的第 ${last + 1} 项`, `entry ${last + 1} of ${leaf}`) : words(`${leaf} `, leaf);
}

/** What to say about one refusal of the value at `path` (undefined when the field is not there at all). */
export function issueWords(issue: Issue, path: FieldPath, value: unknown, present: boolean): Words {
  const leaf = leafOf(path);
  const text = value === undefined || value === null ? '' : typeof value === 'object' ? JSON.stringify(value) : String(value);
  if (issue.code === 'invalid_type' && !present) return VALUE_WORDS.required(leaf);
  const own = BY_MESSAGE.get(issue.message);
  if (own) return ownWords(own, path, text);
  if (issue.code === 'invalid_type') return VALUE_WORDS.wrongType(issue.expected, shown(value));
  if (issue.code === 'invalid_value') return VALUE_WORDS.locale(text);
  if ((issue.code === 'too_small' || issue.code === 'too_big') && issue.origin === 'number') return VALUE_WORDS.positiveWholeNumber(text);
  if (issue.code === 'too_small' && issue.origin === 'string') return VALUE_WORDS.blank(labelOf(path));
  if (issue.code === 'too_big' && issue.origin === 'string') return VALUE_WORDS.tooLong(labelOf(path), Number(issue.maximum), text.trim().length);
  return VALUE_WORDS.other(issue.message);
}

function ownWords(message: SchemaMessage, path: FieldPath, value: string): Words {
  switch (message) {
    case 'id':
      return VALUE_WORDS.id(value);
    case 'email':
      return VALUE_WORDS.email(value);
    case 'year':
      return VALUE_WORDS.year(value);
    case 'dueDate':
      return VALUE_WORDS.dueDateFormat(value);
    case 'duration':
      return VALUE_WORDS.durationFormat(value);
    case 'positive':
      return VALUE_WORDS.zeroDuration(leafOf(path), value);
    case 'admins':
      return VALUE_WORDS.admins();
    case 'leaders':
      return VALUE_WORDS.leaders();
    case 'boolean':
      return VALUE_WORDS.boolean(value);
    case 'blank':
      return VALUE_WORDS.blank(labelOf(path));
    case 'share':
      return VALUE_WORDS.share(value);
    case 'score':
      return VALUE_WORDS.score(value);
    case 'grades':
      return VALUE_WORDS.grades(String(path[path.length - 1] ?? value));
    case 'grade':
      return VALUE_WORDS.grade(value);
  }
}

const unwrap = (schema: z.ZodType): z.ZodType =>
  schema instanceof z.ZodDefault || schema instanceof z.ZodPrefault || schema instanceof z.ZodOptional ? unwrap(schema.unwrap() as z.ZodType) : schema;

/** The fields the schema allows at `path` (an object in the file), for "did you mean". */
export function knownFields(schema: z.ZodType, path: FieldPath): string[] {
  let current = unwrap(schema);
  for (const part of path) {
    if (typeof part === 'number' && current instanceof z.ZodArray) current = unwrap(current.element as z.ZodType);
    else if (typeof part === 'string' && current instanceof z.ZodObject && part in current.shape) current = unwrap(current.shape[part] as z.ZodType);
    else return [];
  }
  return current instanceof z.ZodObject ? Object.keys(current.shape) : [];
}

/** The known field a typo most likely meant: the same but for case, or one or two letters off. */
export function closestField(typed: string, known: string[]): string | undefined {
  const scored = known.map((name) => ({ name, distance: typed.toLowerCase() === name.toLowerCase() ? 0 : editDistance(typed, name) }));
  const best = scored.sort((a, b) => a.distance - b.distance)[0];
  return best && best.distance <= Math.min(2, Math.floor(typed.length / 3)) ? best.name : undefined;
}

/** Edits between two names, a swap of neighbouring letters counting as one (nmae → name). */
function editDistance(a: string, b: string): number {
  const rows: number[][] = [Array.from({ length: b.length + 1 }, (_, j) => j)];
  for (let i = 1; i <= a.length; i++) {
    const row = [i];
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      const up = rows[i - 1] ?? [];
      let best = Math.min((up[j] ?? 0) + 1, (row[j - 1] ?? 0) + 1, (up[j - 1] ?? 0) + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) best = Math.min(best, (rows[i - 2]?.[j - 2] ?? 0) + 1);
      row[j] = best;
    }
    rows.push(row);
  }
  return rows[a.length]?.[b.length] ?? 0;
}
