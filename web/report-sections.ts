// A report's text, split into the template's sections for the editor and joined back for saving.
// Headings are the section names on a line of their own (Markdown "##" optional), the same rule
// the submission check uses, so a Word draft's headings split it too.

export interface SectionedReport {
  /** Title and opening words before the first section. */
  preamble: string;
  sections: { name: string; text: string }[];
}

/** The editor's form field each part is typed in: the preamble, then section-0, section-1, … */
export type EditorField = 'preamble' | `section-${number}`;

interface Part {
  field: EditorField;
  /** Its lines as the text has them, each with its 0-based index in the whole text. */
  lines: { index: number; text: string }[];
}

const headingName = (line: string) => line.replace(/^\s*#+\s*/, '').trim();

/** The text's lines, each given to the part whose heading last came before it. */
function partsOf(body: string, names: string[]): { parts: Part[]; headings: Map<number, EditorField> } {
  const fieldOf = new Map<string, EditorField>(names.map((name, i) => [name, `section-${i}`]));
  const parts = new Map<EditorField, Part>([['preamble', { field: 'preamble', lines: [] }]]);
  for (const field of fieldOf.values()) parts.set(field, { field, lines: [] });
  const headings = new Map<number, EditorField>();
  let current = parts.get('preamble');
  body.split(/\r?\n/).forEach((text, index) => {
    const heading = fieldOf.get(headingName(text));
    if (heading) {
      headings.set(index, heading);
      current = parts.get(heading);
    } else current?.lines.push({ index, text });
  });
  return { parts: [...parts.values()], headings };
}

const partText = (part: Part | undefined) => (part?.lines ?? []).map((l) => l.text).join('\n');

export function splitSections(body: string, names: string[]): SectionedReport {
  const { parts } = partsOf(body, names);
  return {
    preamble: partText(parts[0]).trim(),
    sections: names.map((name, i) => ({ name, text: partText(parts[i + 1]).trim() })),
  };
}

export function joinSections(report: SectionedReport): string {
  const parts = report.preamble.trim() ? [report.preamble.trim(), ''] : [];
  for (const { name, text } of report.sections) parts.push(`## ${name}`, text.trim(), '');
  return parts.join('\n');
}

/** The editor's form fields (preamble, section-0, section-1, …) as a report. */
export function sectionsFromForm(form: Record<string, unknown>, names: string[]): SectionedReport {
  const field = (key: string) => (typeof form[key] === 'string' ? (form[key] as string) : '');
  return { preamble: field('preamble'), sections: names.map((name, i) => ({ name, text: field(`section-${i}`) })) };
}

/** A place in the whole text, found again in the editor box that shows it. */
export interface BoxPlace {
  field: EditorField;
  /** UTF-16 offset into the box's text as the editor shows it (trimmed, as splitSections gives it). */
  start: number;
  /** The box's text as the editor shows it. */
  text: string;
  /** 1-based paragraph of the box the place is in: its non-blank lines, counted. */
  paragraph: number;
}

/**
 * Where line `line`, column `column` (1-based; columns in characters, as the submission check
 * counts them) of the whole text stands in the editor: which box, and where in it. A heading's
 * line is the start of its box.
 */
export function placeInBox(body: string, names: string[], line: number, column = 1): BoxPlace | undefined {
  const { parts, headings } = partsOf(body, names);
  const heading = headings.get(line - 1);
  if (heading) return { field: heading, start: 0, text: partText(parts.find((p) => p.field === heading)).trim(), paragraph: 1 };
  const part = parts.find((p) => p.lines.some((l) => l.index === line - 1));
  if (!part) return undefined;
  const raw = partText(part);
  const leading = raw.length - raw.trimStart().length;
  const before = part.lines.filter((l) => l.index < line - 1);
  const own = part.lines.find((l) => l.index === line - 1)?.text ?? '';
  const offset = before.reduce((sum, l) => sum + l.text.length + 1, 0) + [...own].slice(0, column - 1).join('').length;
  return {
    field: part.field,
    start: Math.max(0, offset - leading),
    text: raw.trim(),
    paragraph: before.filter((l) => l.text.trim()).length + 1,
  };
}

/** The box a template section is typed in. */
export const fieldOfSection = (names: string[], section: string): EditorField | undefined => {
  const i = names.indexOf(section);
  return i < 0 ? undefined : `section-${i}`;
};
