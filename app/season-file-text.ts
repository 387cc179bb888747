// The text of a file a season names (the season file itself, a CSV beside it), or the one problem
// that stops it: not there, not text, unreadable. A file decoded from GB18030 or UTF-16 reads with
// a warning naming the encoding.
import { existsSync } from 'node:fs';
import type { SeasonFileProblem } from './season-file-problem';
import { FILE_WORDS } from './season-file-words';
import { NotTextError, readTextFile } from './text-file';

export type SeasonText = { text: string; warnings: SeasonFileProblem[] } | { problem: SeasonFileProblem };

/** `path` is where the file is; `written` how the person wrote it, for the messages; `missing` what to say when it is not there. */
export function readSeasonText(path: string, written: string, missing: SeasonFileProblem): SeasonText {
  const whole = (message: SeasonFileProblem['message']): SeasonFileProblem => ({ file: path, line: 1, field: '', message });
  if (!existsSync(path)) return { problem: missing };
  try {
    const decoded = readTextFile(path);
    return { text: decoded.text, warnings: decoded.notice ? [whole(decoded.notice)] : [] };
  } catch (error) {
    if (error instanceof NotTextError) return { problem: whole(error.words) };
    const code = (error as NodeJS.ErrnoException).code;
    if (code) return { problem: whole(FILE_WORDS.unreadable(written, code)) };
    throw error;
  }
}
