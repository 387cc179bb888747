// Reads a season file as a YAML document, or says in plain words why it cannot: not there, not
// text, empty, or not valid YAML (at the line where the mistake begins, once per mistake).
import { CST, isMap, LineCounter, parseDocument, Parser, type Document, type YAMLError } from 'yaml';
import { FILE_WORDS, YAML_WORDS } from './season-file-words';
import type { SeasonFileProblem } from './season-file-problem';
import { readSeasonText } from './season-file-text';

export interface SeasonYaml {
  doc: Document;
  lineCounter: LineCounter;
}

export interface SeasonYamlRead {
  yaml?: SeasonYaml;
  problems: SeasonFileProblem[];
  /** Worth a look, never blocking: the file was decoded from GB18030 or UTF-16. */
  warnings: SeasonFileProblem[];
}

export function readSeasonYaml(path: string): SeasonYamlRead {
  const whole = (message: SeasonFileProblem['message']): SeasonFileProblem => ({ file: path, line: 1, field: '', message });
  const read = readSeasonText(path, path, whole(FILE_WORDS.notFound(path)));
  if ('problem' in read) return { problems: [read.problem], warnings: [] };
  const { text, warnings } = read;
  if (!text.trim()) return { problems: [whole(FILE_WORDS.empty())], warnings };
  const lineCounter = new LineCounter();
  const doc = parseDocument(text, { lineCounter, prettyErrors: true, uniqueKeys: true });
  if (doc.errors.length) return { problems: yamlProblems(path, text, doc.errors, lineCounter), warnings };
  if (!isMap(doc.contents)) return { problems: [whole(FILE_WORDS.notAMapping())], warnings };
  return { yaml: { doc, lineCounter }, problems: [], warnings };
}

/**
 * One problem per mistake. The parser reports a tab once as a tab and again as each thing it then
 * misreads, and an unclosed quote or bracket where the file ends: the first is kept and placed
 * where the quote or bracket opens. Duplicate keys are separate mistakes, each kept.
 */
function yamlProblems(path: string, text: string, errors: YAMLError[], lineCounter: LineCounter): SeasonFileProblem[] {
  const lineAt = (offset: number) => lineCounter.linePos(offset).line;
  const problem = (offset: number, message: SeasonFileProblem['message'], field = ''): SeasonFileProblem => ({
    file: path,
    line: lineAt(offset),
    field,
    message,
  });
  const tabs = errors.filter((error) => error.code === 'TAB_AS_INDENT');
  if (tabs.length) {
    const lines = [...new Set(tabs.map((error) => lineAt(error.pos[0])))];
    return lines.map((line) => ({ file: path, line, field: '', message: YAML_WORDS.tab() }));
  }
  const duplicates = errors
    .filter((error) => error.code === 'DUPLICATE_KEY')
    .map((error) => {
      const key = /^[^:\n]*/.exec(text.slice(error.pos[0]))?.[0].trim() ?? '';
      return problem(error.pos[0], YAML_WORDS.duplicateKey(key), key);
    });
  const first = errors.find((error) => error.code !== 'DUPLICATE_KEY');
  const syntax = first ? [syntaxProblem(first, text, problem)] : [];
  return [...duplicates, ...syntax].sort((a, b) => a.line - b.line);
}

type ProblemAt = (offset: number, message: SeasonFileProblem['message']) => SeasonFileProblem;

function syntaxProblem(error: YAMLError, text: string, problem: ProblemAt): SeasonFileProblem {
  const unclosed = unclosedOpening(text, error.pos[0]);
  if (unclosed) {
    const { offset, open } = unclosed;
    if (open === '"' || open === "'") return problem(offset, YAML_WORDS.unclosedQuote(open));
    return problem(offset, YAML_WORDS.unclosedFlow(open, open === '[' ? ']' : '}'));
  }
  if (['BAD_INDENT', 'MULTILINE_IMPLICIT_KEY', 'BLOCK_AS_IMPLICIT_KEY', 'MISSING_CHAR', 'UNEXPECTED_TOKEN'].includes(error.code)) {
    return problem(error.pos[0], YAML_WORDS.layout());
  }
  const detail = (error.message.split('\n')[0] ?? error.message).replace(/ at line \d+, column \d+:?$/, '');
  return problem(error.pos[0], YAML_WORDS.other(detail));
}

/** The quote or bracket still open where the parser gave up: where it opens, and which it is. */
function unclosedOpening(text: string, errorOffset: number): { offset: number; open: string } | undefined {
  let found: { offset: number; open: string } | undefined;
  for (const token of new Parser().parse(text)) {
    if (token.type !== 'document') continue;
    CST.visit(token, (item) => {
      for (const node of [item.key, item.value]) {
        if (!node || node.offset > errorOffset) continue;
        if ((node.type === 'double-quoted-scalar' || node.type === 'single-quoted-scalar') && !closedQuote(node.source)) {
          found = { offset: node.offset, open: node.source[0] ?? '"' };
        }
        if (node.type === 'flow-collection' && !node.end.some((end) => end.type === 'flow-seq-end' || end.type === 'flow-map-end')) {
          found ??= { offset: node.offset, open: node.start.source };
        }
      }
    });
  }
  return found;
}

/** Whether a quoted scalar's source ends with its own quote (an escaped or doubled one does not count). */
function closedQuote(source: string): boolean {
  const quote = source[0];
  if (source.length < 2 || !source.endsWith(quote ?? '')) return false;
  const inner = source.slice(1, -1);
  return quote === '"' ? !/(^|[^\\])(\\\\)*\\$/.test(inner) : !/(^|[^'])('')*'$/.test(inner);
}
