// Reads a season file and reports every problem at once with its file, line and field.
import { readFileSync } from 'node:fs';
import { isNode, LineCounter, parseDocument } from 'yaml';
import { seasonFileSchema, type SeasonFile } from '../domain/season-file';

export interface SeasonFileProblem {
  file: string;
  line: number;
  field: string;
  message: string;
}

export class SeasonFileError extends Error {
  constructor(readonly problems: SeasonFileProblem[]) {
    super(problems.map((p) => `${p.file}:${p.line}: ${p.field || '(file)'}: ${p.message}`).join('\n'));
    this.name = 'SeasonFileError';
  }
}

export function loadSeasonFile(path: string): SeasonFile {
  const lineCounter = new LineCounter();
  const doc = parseDocument(readFileSync(path, 'utf8'), { lineCounter, prettyErrors: true });
  if (doc.errors.length) {
    throw new SeasonFileError(
      doc.errors.map((error) => ({
        file: path,
        line: error.linePos?.[0]?.line ?? 1,
        field: '',
        message: error.message.split('\n')[0],
      })),
    );
  }
  const result = seasonFileSchema.safeParse(doc.toJS());
  if (result.success) return result.data;
  throw new SeasonFileError(
    result.error.issues.map((issue) => {
      const path_ = issue.path.map((part) => (typeof part === 'symbol' ? String(part) : part));
      return {
        file: path,
        line: lineOf(doc, path_, lineCounter),
        field: path_.map((part) => (typeof part === 'number' ? `[${part}]` : `.${part}`)).join('').replace(/^\./, ''),
        message: issue.message,
      };
    }),
  );
}

/** The line of the deepest node that exists along the path (a missing field points at its parent). */
function lineOf(doc: ReturnType<typeof parseDocument>, path: (string | number)[], counter: LineCounter): number {
  for (let depth = path.length; depth >= 0; depth--) {
    const node = depth === 0 ? doc.contents : doc.getIn(path.slice(0, depth), true);
    if (isNode(node) && node.range) return counter.linePos(node.range[0]).line;
  }
  return 1;
}
