// A report's text as it is stored and compared: one line ending. A browser posts a form's text
// with CRLF and its scripts' fetches with LF, the CLI reads whatever the file has; stored as
// given, a draft against a submission differed on every line. Workflow-safe.

/** The text with every CRLF and lone CR made LF. */
export const normalizeLineEndings = (text: string): string => text.replace(/\r\n?/g, '\n');
