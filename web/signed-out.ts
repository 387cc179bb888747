// What a request from a page hears when its session has ended. The editor's script asks for JSON
// and shows its sign-in-again dialog (web/public/app.js); a plain form post goes to the sign-in
// page, whose link brings the person back to the page they were on, not to the address posted to
// (a POST-only address, which a GET would answer with "页面不存在").
import type { FastifyReply, FastifyRequest } from 'fastify';
import { translator } from './i18n';

/** The page's script asks for JSON (web/public/app.js post()); a browser's own form post does not. */
export const wantsJson = (request: FastifyRequest): boolean => /\bapplication\/json\b/.test(request.headers.accept ?? '');

export const signInHref = (backTo: string) => `/login?next=${encodeURIComponent(backTo)}`;

/** Answers a request made without a live session; `backTo` is the page to return to after signing in. */
export function answerSignedOut(request: FastifyRequest, reply: FastifyReply, backTo: string) {
  if (wantsJson(request)) {
    const t = translator(request.locale);
    return reply.code(401).send({ signedOut: true, reason: t('sessionEnded'), signIn: signInHref(backTo) });
  }
  return reply.redirect(signInHref(backTo), 303);
}
