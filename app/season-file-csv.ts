// The CSV lists a season file may name (people, branches), as Excel on Chinese Windows saves them:
// each row validated like its YAML counterpart, every mistake at its line and column.
import { parse as parseCsv } from 'csv-parse/sync';
import type { z } from 'zod';
import { CSV_WORDS, FILE_WORDS, VALUE_WORDS } from './season-file-words';
import type { Origin, SeasonFileProblem } from './season-file-problem';
import { closestField, issueWords } from './season-file-zod';
import { readSeasonText } from './season-file-text';

export interface CsvRows<T> {
  rows: { value: T; line: number }[];
  problems: SeasonFileProblem[];
  warnings: SeasonFileProblem[];
  /** The file could not be read as a list at all: what refers to its entries cannot be checked. */
  unreadable?: boolean;
}

interface CsvRecord {
  record: string[];
  info: { lines: number };
}

/** Reads a CSV with a header row; `referencedAt` is where the season file names it, and `written` how. */
export function readCsvRows<S extends z.ZodObject>(path: string, schema: S, referencedAt: Origin, written: string): CsvRows<z.infer<S>> {
  const none = (problems: SeasonFileProblem[], warnings: SeasonFileProblem[] = []): CsvRows<z.infer<S>> => ({ rows: [], problems, warnings, unreadable: true });
  const read = readSeasonText(path, written, { ...referencedAt, message: FILE_WORDS.csvNotFound(written) });
  if ('problem' in read) return none([read.problem]);
  const { text, warnings } = read;
  let records: CsvRecord[];
  try {
    // Excel leaves rows of bare commas below the list and unnamed columns beside it: nothing in them.
    records = parseCsv(text, {
      delimiter: delimiterOf(text),
      relax_column_count: true,
      skip_empty_lines: true,
      skip_records_with_empty_values: true,
      trim: true,
      info: true,
    }) as unknown as CsvRecord[];
  } catch (error) {
    return none([csvSyntaxProblem(path, text, error as CsvError)], warnings);
  }
  const [writtenHeader, ...body] = records;
  if (!writtenHeader) return { rows: [], problems: [], warnings };
  const header = withoutTrailingBlankColumns(writtenHeader, body);
  const headerProblems = checkHeader(path, header, Object.keys(schema.shape));
  if (headerProblems.length) return none(headerProblems, warnings);
  return { ...validateRows(path, schema, header.record, writtenHeader.record.length, body), warnings };
}

/**
 * Excel's only UTF-16 CSV ("Unicode 文本") separates the columns with tabs: a header row with tabs
 * and no comma is read so; anything else by commas.
 */
function delimiterOf(text: string): ',' | '\t' {
  const header = text.slice(0, text.indexOf('\n') === -1 ? undefined : text.indexOf('\n'));
  return header.includes('\t') && !header.includes(',') ? '\t' : ',';
}

function validateRows<S extends z.ZodObject>(
  path: string,
  schema: S,
  columns: string[],
  writtenWidth: number,
  body: CsvRecord[],
): Omit<CsvRows<z.infer<S>>, 'warnings'> {
  const rows: CsvRows<z.infer<S>>['rows'] = [];
  const problems: SeasonFileProblem[] = [];
  for (const { record, info } of body) {
    const line = info.lines;
    // Past the header's last column (its empty unnamed ones aside): a comma inside a value, unquoted.
    if (record.length > writtenWidth) {
      problems.push({ file: path, line, field: '', message: CSV_WORDS.tooManyFields(record.length, columns.length) });
      continue;
    }
    // An empty cell is a field left out, as in the YAML.
    const cells = Object.fromEntries(columns.map((column, i) => [column, record[i] ?? '']).filter(([, value]) => value !== ''));
    const parsed = schema.safeParse(cells);
    if (parsed.success) rows.push({ value: parsed.data, line });
    for (const issue of parsed.error?.issues ?? []) {
      const field = String(issue.path[0] ?? '');
      problems.push({ file: path, line, field, message: issueWords(issue, [field], cells[field], field in cells) });
    }
  }
  return { rows, problems };
}

/** The header without the unnamed columns at its end that no row fills (Excel's empty columns). */
function withoutTrailingBlankColumns(header: CsvRecord, body: CsvRecord[]): CsvRecord {
  let width = header.record.length;
  while (width > 0 && header.record[width - 1] === '' && body.every(({ record }) => !record[width - 1])) width -= 1;
  return { ...header, record: header.record.slice(0, width) };
}

/** The header names each column once, and only columns the list has. */
function checkHeader(path: string, header: CsvRecord, known: string[]): SeasonFileProblem[] {
  const line = header.info.lines;
  const problems: SeasonFileProblem[] = [];
  header.record.forEach((name, i) => {
    if (!name) problems.push({ file: path, line, field: '', message: CSV_WORDS.blankColumn(i + 1) });
    else if (header.record.indexOf(name) !== i) problems.push({ file: path, line, field: name, message: CSV_WORDS.duplicateColumn(name) });
    else if (!known.includes(name))
      problems.push({ file: path, line, field: name, message: VALUE_WORDS.unknownColumn(name, known, closestField(name, known)) });
  });
  return problems;
}

interface CsvError {
  code?: string;
  lines?: number;
  index?: number;
}

/** A quote in the wrong place, in plain words, at the line it is on (csv-parse's own words quote bytes, not characters). */
function csvSyntaxProblem(path: string, text: string, error: CsvError): SeasonFileProblem {
  const field = headerOf(text)[error.index ?? -1] ?? '';
  switch (error.code) {
    case 'CSV_QUOTE_NOT_CLOSED':
      return { file: path, line: unclosedQuoteLine(text) ?? error.lines ?? 1, field, message: CSV_WORDS.quoteNotClosed() };
    case 'CSV_INVALID_CLOSING_QUOTE':
      return { file: path, line: error.lines ?? 1, field, message: CSV_WORDS.closingQuote() };
    case 'INVALID_OPENING_QUOTE':
      return { file: path, line: error.lines ?? 1, field, message: CSV_WORDS.openingQuote() };
    default:
      return { file: path, line: error.lines ?? 1, field, message: CSV_WORDS.other(error.code ?? 'unknown') };
  }
}

function headerOf(text: string): string[] {
  try {
    return (parseCsv(text.split('\n')[0] ?? '', { trim: true }) as string[][])[0] ?? [];
  } catch {
    return [];
  }
}

/** The line where the quote that never closes was opened (the parser only knows where the file ended). */
function unclosedQuoteLine(text: string): number | undefined {
  let line = 1;
  let openedAt: number | undefined;
  let fieldStart = true;
  for (let i = 0; i < text.length; i++) {
    const char = text[i];
    if (openedAt !== undefined) {
      if (char === '"' && text[i + 1] === '"') i++;
      else if (char === '"') openedAt = undefined;
      else if (char === '\n') line++;
      continue;
    }
    if (char === '"' && fieldStart) openedAt = line;
    if (char === '\n') line++;
    fieldStart = char === ',' || char === '\n' || (fieldStart && char === ' ');
  }
  return openedAt;
}
