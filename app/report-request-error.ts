// A request to a report that was refused, with the reason in both languages: what every door
// (CLI, pages, API) shows the person, and how the API chooses its status.
import type { Finding } from '../domain/submission-check';
import type { Locale } from '../domain/vocabulary';

/** A request the workflow (or the check before it) refused, with the reason in both languages. */
export class ReportRequestError extends Error {
  constructor(
    readonly code: string,
    readonly reason: { 'zh-CN': string; en: string },
    readonly findings: Finding[] = [],
  ) {
    super(reason.en);
    this.name = 'ReportRequestError';
  }

  explain(locale: Locale): string {
    const lines = this.findings.map((f) => `  - ${f.severity === 'error' ? '✗' : '!'} ${f.message[locale]}`);
    return [this.reason[locale], ...lines].join('\n');
  }
}
