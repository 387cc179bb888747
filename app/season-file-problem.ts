// One thing wrong with a season file (or a CSV file it names): where it is and what to do, in the
// words of both of the app's languages.
import type { Locale } from '../domain/vocabulary';
import type { Words } from '../domain/words';

/** Where a value came from: the file, its line, and the field as a path (schedule.digestEvery, people[2].email). */
export interface Origin {
  file: string;
  line: number;
  /** Empty when no one field is at fault: the file as a whole (not text, not YAML) at line 1, or that line. */
  field: string;
}

export interface SeasonFileProblem extends Origin {
  /** What is wrong and what to write instead. */
  message: Words;
}

/** What stands in for the field when no one field is at fault: the file (found at line 1), or the line. */
const WHOLE_FILE: Words = { 'zh-CN': '（整个文件）', en: '(file)' };
const WHOLE_LINE: Words = { 'zh-CN': '（整行）', en: '(line)' };

/** `file:line: field: message`, the shape editors and terminals link to a line. */
export const formatProblem = (problem: SeasonFileProblem, locale: Locale = 'zh-CN'): string =>
  `${problem.file}:${problem.line}: ${problem.field || (problem.line === 1 ? WHOLE_FILE : WHOLE_LINE)[locale]}: ${problem.message[locale]}`;

export class SeasonFileError extends Error {
  constructor(readonly problems: SeasonFileProblem[]) {
    super(problems.map((problem) => formatProblem(problem, 'en')).join('\n'));
    this.name = 'SeasonFileError';
  }

  explain(locale: Locale): string {
    return this.problems.map((problem) => formatProblem(problem, locale)).join('\n');
  }
}

/** A field path as the messages write it: organization.branches[1].secretary. */
export const fieldName = (path: readonly (string | number)[]): string =>
  path
    .map((part) => (typeof part === 'number' ? `[${part}]` : `.${part}`))
    .join('')
    .replace(/^\./, '');
