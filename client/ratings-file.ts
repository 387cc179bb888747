// `season approve --ratings <csv>`: one rating per branch, as a meeting decides them and an office
// keeps them in Excel. Lines are "branch,rating"; the branch is its id or its name in the season;
// a header line (支部,评价 or branch,rating) is optional. Every problem is named with its line.
import { basename } from 'node:path';
import { CsvError, parse as parseCsv } from 'csv-parse/sync';
import { readTextFile } from '../app/text-file';
import { RATINGS, type Rating } from '../domain/vocabulary';
import { words, type Words } from '../domain/words';
import { CliError } from './cli-context';

const BRANCH_HEADERS = ['branch', 'branch_id', 'branchid', '支部', '支部编号', '支部名称', '党支部'];
const RATING_HEADERS = ['rating', '评价', '评价等次', '等次'];

export interface RatingsFile {
  /** Branch id → rating, in the file's order. */
  ratings: Map<string, Rating>;
  /** Set when the file was not UTF-8. */
  notice?: Words;
}

interface Row {
  line: number;
  cells: string[];
}

export function readRatingsFile(path: string, seasonId: string, branches: { branchId: string; name: string }[]): RatingsFile {
  const { text, notice } = readTextFile(path);
  const file = basename(path);
  const rows = csvRows(text, file);
  const header = rows[0] && isHeader(rows[0]) ? rows.shift() : undefined;
  const columns = { branch: columnOf(header, BRANCH_HEADERS, 0), rating: columnOf(header, RATING_HEADERS, 1) };
  const byName = new Map(branches.flatMap((b) => [[b.branchId, b.branchId] as const, [b.name, b.branchId] as const]));
  const ratings = new Map<string, Rating>();
  const problems: Words[] = [];
  const problem = (row: Row, field: string, zh: string, en: string) =>
    problems.push(words(`${file}:${row.line}: ${field}: ${zh}`, `${file}:${row.line}: ${field}: ${en}`));
  for (const row of rows) {
    const branch = row.cells[columns.branch] ?? '';
    const rating = row.cells[columns.rating] ?? '';
    const branchId = byName.get(branch);
    if (!branchId)
      problem(
        row,
        '支部/branch',
        `述职季度 ${seasonId} 中没有支部“${branch}”：请写支部编号或名称。`,
        `season ${seasonId} has no branch "${branch}": write its id or name.`,
      );
    else if (ratings.has(branchId))
      problem(row, '支部/branch', `支部“${branch}”出现了不止一次：每个支部只写一行。`, `branch "${branch}" appears more than once: one line per branch.`);
    if (!RATINGS.includes(rating as Rating)) {
      problem(
        row,
        '评价/rating',
        `“${rating}”不是评价等次：应为 ${RATINGS.join('、')} 之一。`,
        `"${rating}" is not a rating: use one of ${RATINGS.join(', ')}.`,
      );
    } else if (branchId && !ratings.has(branchId)) ratings.set(branchId, rating as Rating);
  }
  if (!rows.length) problems.push(words(`${file}：没有任何“支部,评价”行。`, `${file}: has no "branch,rating" lines.`));
  if (problems.length) throw refusal(file, problems);
  return { ratings, ...(notice ? { notice } : {}) };
}

function refusal(file: string, problems: Words[]): CliError {
  return new CliError(
    words(
      [`评价文件 ${file} 有 ${problems.length} 处问题，未审批任何报告：`, ...problems.map((p) => `  ${p['zh-CN']}`)].join('\n'),
      [`The ratings file ${file} has ${problems.length} problem(s); nothing was approved:`, ...problems.map((p) => `  ${p.en}`)].join('\n'),
    ),
  );
}

const isHeader = (row: Row) => row.cells.some((cell) => [...BRANCH_HEADERS, ...RATING_HEADERS].includes(cell.toLowerCase()));

function columnOf(header: Row | undefined, names: string[], fallback: number): number {
  const at = header?.cells.findIndex((cell) => names.includes(cell.toLowerCase())) ?? -1;
  return at >= 0 ? at : fallback;
}

function csvRows(text: string, file: string): Row[] {
  try {
    const records = parseCsv(text, { info: true, relax_column_count: true, skip_empty_lines: true, trim: true }) as unknown as {
      record: string[];
      info: { lines: number };
    }[];
    return records.map(({ record, info }) => ({ line: info.lines, cells: record })).filter((row) => row.cells.some(Boolean));
  } catch (error) {
    if (!(error instanceof CsvError)) throw error;
    // csv-parse reports an unclosed quote where the file ends; the line that opened it is the
    // first with an odd number of quotes.
    const opened = text.split('\n').findIndex((line) => (line.match(/"/g)?.length ?? 0) % 2 === 1);
    const line = error.code === 'CSV_QUOTE_NOT_CLOSED' && opened >= 0 ? opened + 1 : (error.lines ?? 1);
    throw refusal(file, [
      words(
        `${file}:${line}: 引号不配对或用法有误（${error.code}）：字段里的引号要成对，字段内的引号写成两个（""）。`,
        `${file}:${line}: a quote is unpaired or misplaced (${error.code}): quote whole fields, and write a quote inside one as two ("").`,
      ),
    ]);
  }
}
