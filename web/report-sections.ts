// A report's text, split into the template's sections for the editor and joined back for saving.
// Headings are the section names on a line of their own (Markdown "##" optional), the same rule
// the submission check uses, so a Word draft's headings split it too.

export interface SectionedReport {
  /** Title and opening words before the first section. */
  preamble: string;
  sections: { name: string; text: string }[];
}

const headingName = (line: string) => line.replace(/^\s*#+\s*/, '').trim();

export function splitSections(body: string, names: string[]): SectionedReport {
  const texts = new Map<string, string[]>(names.map((name) => [name, []]));
  const preamble: string[] = [];
  let current: string[] = preamble;
  for (const line of body.split(/\r?\n/)) {
    const section = texts.get(headingName(line));
    if (section) current = section;
    else current.push(line);
  }
  return {
    preamble: preamble.join('\n').trim(),
    sections: names.map((name) => ({ name, text: (texts.get(name) ?? []).join('\n').trim() })),
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
