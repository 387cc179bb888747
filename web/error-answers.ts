// What any request that went wrong hears: its status and a sentence in the person's language, as
// a page or (for the pages' script) JSON. Never a stack trace, a framework's code word, or a bare
// 500; what went wrong inside is written to the web app's log instead.
import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { errorPage, type WebDeps } from './context';
import { translator } from './i18n';
import { wantsJson } from './signed-out';

/** The largest request body read, pages and API alike (a report is far smaller; evidence files count). */
export const REQUEST_LIMIT_MB = 10;

type Problem = 'requestTooLarge' | 'tooManyFiles' | 'fileTooLarge' | 'tooManyRequests' | 'requestRefused' | 'serverError';
/** As a page, the form is no longer there to keep the text: said otherwise. */
const ON_A_PAGE: Partial<Record<Problem, 'tooManyFilesPage' | 'fileTooLargePage'>> = { tooManyFiles: 'tooManyFilesPage', fileTooLarge: 'fileTooLargePage' };

/** Evidence files over the limits (@fastify/multipart's codes, web/routes/rectifications.ts) are named as such. */
const FILE_LIMITS: Record<string, Problem> = { FST_FILES_LIMIT: 'tooManyFiles', FST_REQ_FILE_TOO_LARGE: 'fileTooLarge' };

export function answerErrors(app: FastifyInstance, deps: WebDeps): void {
  app.setErrorHandler((error: FastifyError, request: FastifyRequest, reply: FastifyReply) => {
    const status = error.statusCode && error.statusCode >= 400 && error.statusCode < 500 ? error.statusCode : 500;
    const problem: Problem =
      FILE_LIMITS[error.code] ?? (status === 413 ? 'requestTooLarge' : status === 429 ? 'tooManyRequests' : status < 500 ? 'requestRefused' : 'serverError');
    if (status === 500) console.error(`web: ${request.method} ${request.url.split('?')[0]}: ${error.stack ?? error.message}`);
    if (wantsJson(request)) return reply.code(status).send({ saved: false, reason: translator(request.locale)(problem) });
    return reply
      .code(status)
      .type('text/html; charset=utf-8')
      .send(errorPage(request, deps, ON_A_PAGE[problem] ?? problem));
  });
}
