// Which page each report of the Word compilation starts on, worked out from its lines, so the 目录
// carries page numbers in the document itself. The compilation is laid out to make this simple:
// every line is exactly one 28.95 pt line (22 to a page), characters are a fixed width (28 to a
// line), widows and orphans are allowed, and each report starts on a page of its own. What is
// left to estimate is where lines wrap; Word and LibreOffice compute the page references again
// from their own layout (official-layout.ts), so this is what a viewer that does not shows.

/** A paragraph as the estimate sees it: its text, size and indent in points, and whether it keeps with the next. */
export interface MeasuredParagraph {
  text: string;
  size: number;
  /** Added to every character, in points (Word's condensed spacing). */
  spacing: number;
  firstIndent: number;
  keepNext: boolean;
  /** A monospaced Latin font's advance, as a fraction of the size; otherwise half-width Latin. */
  latinAdvance?: number;
}

// Characters that may not start a line (they hang past the margin instead, as Word and LibreOffice
// let punctuation do by default) and characters that may not end one.
const NO_START = new Set('，。、；：？！）》」』”’〉】…—%·,.;:?!)]');
const NO_END = new Set('（《「『“‘〈【([');

// Chinese characters, full-width forms and the punctuation Chinese fonts set full-width.
const FULL = '\\u2014\\u2018\\u2019\\u201c\\u201d\\u2026\\u2e80-\\u9fff\\uf900-\\ufaff\\ufe30-\\ufe4f\\uff00-\\uff60\\uffe0-\\uffe6';
const FULL_WIDTH = new RegExp(`[${FULL}]`);
const TOKEN = new RegExp(`[${FULL}]|\\s|[^\\s${FULL}]+`, 'g');

/** The text as the pieces a line may break between: a full-width character each, a Latin word, a space. */
function tokens(text: string): string[] {
  return text.match(TOKEN) ?? [];
}

function widthOf(token: string, p: MeasuredParagraph): number {
  let width = 0;
  for (const c of token) width += (FULL_WIDTH.test(c) ? p.size : p.size * (p.latinAdvance ?? 0.5)) + p.spacing;
  return width;
}

/** How many lines the paragraph takes in a column `width` points wide. */
export function linesOf(p: MeasuredParagraph, width: number): number {
  let lines = 1;
  let x = p.firstIndent;
  let previous = '';
  for (const token of tokens(p.text)) {
    const w = widthOf(token, p);
    if (x + w <= width + 0.01 || (NO_START.has(token) && x <= width)) {
      x += w;
    } else if (/^\s$/.test(token)) {
      lines += 1;
      x = 0;
    } else {
      lines += 1;
      // A word longer than the line is broken inside; a bracket that may not end a line goes down with what follows it.
      x = (NO_END.has(previous) ? widthOf(previous, p) : 0) + w;
      while (x > width) {
        lines += 1;
        x -= width;
      }
    }
    previous = token;
  }
  return lines;
}

/** How many pages paragraphs take from the top of a new page, `perPage` lines to a page. */
export function pagesOf(paragraphs: MeasuredParagraph[], width: number, perPage: number): number {
  const heights = paragraphs.map((p) => linesOf(p, width));
  let page = 1;
  let line = 0;
  paragraphs.forEach((p, i) => {
    // A heading goes to the next page with the first line of what follows it, rather than end a page.
    if (p.keepNext && line > 0) {
      let chain = 0;
      let j = i;
      while (paragraphs[j]?.keepNext) chain += heights[j++] ?? 0;
      if (line + chain + (j < paragraphs.length ? 1 : 0) > perPage) {
        page += 1;
        line = 0;
      }
    }
    line += heights[i] ?? 0;
    while (line > perPage) {
      page += 1;
      line -= perPage;
    }
  });
  return page;
}
