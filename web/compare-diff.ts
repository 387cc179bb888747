// How two versions of a report differ, as a person reads them: paragraphs kept, removed or added,
// and inside a changed paragraph only the words that changed. Chinese has no spaces between
// words, so words are the ones Intl.Segmenter's dictionary finds: one changed figure in a long
// paragraph marks that figure, not the paragraph.
import { diffArrays, diffLines, type ChangeObject } from 'diff';
import { normalizeLineEndings } from '../domain/report-text';

export type PieceKind = 'same' | 'added' | 'removed';

export interface Piece {
  kind: PieceKind;
  text: string;
}

/** One line of the comparison, piece by piece; a changed line break is a piece of its own. */
export type DiffRow = Piece[];

export interface Comparison {
  rows: DiffRow[];
  /** Places that changed: a removal and the addition right after it count as one. */
  changes: number;
}

// A paragraph rewritten more than it was kept is shown as removed and added whole: marks on every
// other word would be harder to read than the two versions one above the other.
const KEPT_AT_LEAST = 0.4;
// Bounds the work on two texts that share little (the report limit is 100,000 characters): past
// either bound the texts are shown as removed and added whole. Two real versions take a few ms.
const BOUNDS = { maxEditLength: 4000, timeout: 300 };
// Finding a text's words takes about 10 µs a character: longer runs of changed text are shown
// whole (a run of paragraphs changed pair by pair is compared a pair at a time).
const MAX_WORD_COMPARED = 20_000;

const WORDS = new Intl.Segmenter('zh', { granularity: 'word' });

/** The text's words, spaces and punctuation in order; each line break a token of its own. */
export function words(text: string): string[] {
  const tokens: string[] = [];
  for (const { segment } of WORDS.segment(text)) tokens.push(...segment.split(/(\n)/).filter(Boolean));
  return tokens;
}

export function compareTexts(before: string, after: string): Comparison {
  const pieces = merged(changedParagraphs(normalizeLineEndings(before), normalizeLineEndings(after)));
  return { rows: toRows(pieces), changes: countChanges(pieces) };
}

/** Paragraphs first; each run of removed and added paragraphs is then compared word by word. */
function changedParagraphs(before: string, after: string): Piece[] {
  const lines = diffLines(before, after, BOUNDS);
  if (!lines) return replaced(before, after);
  const pieces: Piece[] = [];
  let removed = '';
  let added = '';
  const flush = () => {
    pieces.push(...changedBlock(removed, added));
    removed = added = '';
  };
  for (const part of lines) {
    if (part.removed) removed += part.value;
    else if (part.added) added += part.value;
    else {
      flush();
      pieces.push({ kind: 'same', text: part.value });
    }
  }
  flush();
  return pieces;
}

/** A run of changed paragraphs: pair by pair where as many came as went, else as one text. */
function changedBlock(removed: string, added: string): Piece[] {
  if (!removed || !added) return replaced(removed, added);
  const before = paragraphs(removed);
  const after = paragraphs(added);
  if (before.length > 1 && before.length === after.length) return before.flatMap((paragraph, i) => changedWords(paragraph, after[i] ?? ''));
  return changedWords(removed, added);
}

const paragraphs = (text: string): string[] => text.match(/[^\n]*\n|[^\n]+$/g) ?? [];

function changedWords(before: string, after: string): Piece[] {
  if (before.length + after.length > MAX_WORD_COMPARED) return replaced(before, after);
  const parts = diffArrays(words(before), words(after), BOUNDS);
  if (!parts) return replaced(before, after);
  const kept = parts.filter((p) => kindOf(p) === 'same').reduce((sum, p) => sum + p.value.join('').length, 0);
  if (kept < KEPT_AT_LEAST * Math.max(before.length, after.length)) return replaced(before, after);
  return parts.map((p) => ({ kind: kindOf(p), text: p.value.join('') }));
}

const kindOf = (part: ChangeObject<unknown>): PieceKind => (part.added ? 'added' : part.removed ? 'removed' : 'same');

const replaced = (before: string, after: string): Piece[] =>
  [
    { kind: 'removed' as const, text: before },
    { kind: 'added' as const, text: after },
  ].filter((p) => p.text);

/** Neighbours of one kind as one piece, so a changed phrase is one mark. */
function merged(pieces: Piece[]): Piece[] {
  const out: Piece[] = [];
  for (const piece of pieces) {
    const last = out.at(-1);
    if (last?.kind === piece.kind) last.text += piece.text;
    else out.push({ ...piece });
  }
  return out;
}

function countChanges(pieces: Piece[]): number {
  return pieces.filter((p, i) => p.kind !== 'same' && (i === 0 || pieces[i - 1]?.kind === 'same')).length;
}

/**
 * Splits the pieces at line breaks into rows. A piece that is only line breaks (two paragraphs
 * joined, or one split) keeps them as its text, so the row can show that the break changed.
 */
function toRows(pieces: Piece[]): DiffRow[] {
  const rows: DiffRow[] = [[]];
  for (const piece of pieces) {
    if (piece.kind !== 'same' && /^\n+$/.test(piece.text)) {
      for (let i = 0; i < piece.text.length; i++) {
        rows.at(-1)?.push({ kind: piece.kind, text: '\n' });
        rows.push([]);
      }
      continue;
    }
    piece.text.split('\n').forEach((part, i) => {
      if (i > 0) rows.push([]);
      if (part) rows.at(-1)?.push({ kind: piece.kind, text: part });
    });
  }
  if (rows.length > 1 && rows.at(-1)?.length === 0) rows.pop();
  return rows;
}
