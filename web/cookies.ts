// The two cookies the app sets (session and language), read and written by hand: a dozen lines,
// and no plugin that loads an ES module at run time.
import type { FastifyReply, FastifyRequest } from 'fastify';

export interface CookieOptions {
  maxAge: number;
  secure: boolean;
}

export function readCookie(request: FastifyRequest, name: string): string | undefined {
  for (const pair of (request.headers.cookie ?? '').split(';')) {
    const [key, ...value] = pair.trim().split('=');
    if (key === name) {
      try {
        return decodeURIComponent(value.join('='));
      } catch {
        return undefined;
      }
    }
  }
  return undefined;
}

/** HttpOnly, SameSite=Lax, Path=/, and Secure when the app is served over https. */
export function setCookie(reply: FastifyReply, name: string, value: string, options: CookieOptions): void {
  const cookie = [`${name}=${encodeURIComponent(value)}`, 'Path=/', `Max-Age=${options.maxAge}`, 'HttpOnly', 'SameSite=Lax'];
  if (options.secure) cookie.push('Secure');
  const existing = reply.getHeader('set-cookie');
  const all = existing === undefined ? [] : Array.isArray(existing) ? existing : [String(existing)];
  void reply.header('set-cookie', [...all, cookie.join('; ')]);
}
