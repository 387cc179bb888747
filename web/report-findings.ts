// The submission check's findings as the editor shows them: each at the box it is about, with the
// spot to select there, in words that count the box's own paragraphs, not the joined text's lines
// the check numbered. A finding the check gives twice is shown once.
import { normalizeLineEndings } from '../domain/report-text';
import type { Finding, FindingCode, FindingSeverity } from '../domain/submission-check';
import type { Locale } from '../domain/vocabulary';
import { fillIn, translator } from './i18n';
import { fieldOfSection, placeInBox, type EditorField } from './report-sections';

export interface PlacedFinding {
  severity: FindingSeverity;
  code: FindingCode;
  message: string;
  /** The editor box it is about; none for the report as a whole (empty, too long). */
  field?: EditorField;
  /** The spot to select in the box's text as the editor shows it (trimmed), in UTF-16 units. */
  start?: number;
  end?: number;
}

// An unfilled placeholder as the check finds it: XX, X before a word, 某某.
const PLACEHOLDER_AT = /^(?:[XＸ]+|某某)/;

/** Places each finding of `body` (the joined text the check was given) in the editor's boxes. */
export function placeFindings(findings: Finding[], body: string, sectionNames: string[], locale: Locale): PlacedFinding[] {
  const text = normalizeLineEndings(body);
  const seen = new Set<string>();
  const placed: PlacedFinding[] = [];
  for (const finding of findings) {
    const one = placeFinding(finding, text, sectionNames, locale);
    const key = [one.code, one.field, one.start, one.message].join('\u0000');
    if (seen.has(key)) continue;
    seen.add(key);
    placed.push(one);
  }
  return placed;
}

function placeFinding(finding: Finding, body: string, names: string[], locale: Locale): PlacedFinding {
  const t = translator(locale);
  const base = { severity: finding.severity, code: finding.code, message: finding.message[locale] };
  if (finding.code === 'placeholder' && finding.line) {
    const place = placeInBox(body, names, finding.line, finding.column);
    if (!place) return base;
    const length = PLACEHOLDER_AT.exec(place.text.slice(place.start))?.[0].length ?? 1;
    const message = fillIn(t('findingPlaceholderAt'), { n: place.paragraph, context: `“${finding.context ?? ''}”` });
    return { ...base, message, field: place.field, start: place.start, end: place.start + length };
  }
  const field = finding.section ? fieldOfSection(names, finding.section) : undefined;
  if (!field) return base;
  const message = finding.code === 'empty_section' ? t('findingEmptySection') : base.message;
  return { ...base, message, field, start: 0, end: 0 };
}
