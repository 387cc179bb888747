// Where the app may send someone after signing in or changing language: a path on this site and
// nothing else. A browser drops tabs and newlines from a URL and reads `\` as `/`, so `/\t/evil`
// and `/\evil` leave the site; a newline in a Location header fails the response.
import type { FastifyRequest } from 'fastify';

const ANY_ORIGIN = 'http://this-site.invalid';

/** `value` when it is a path on this site, else `fallback`. */
export function localPath(value: unknown, fallback = '/'): string {
  if (typeof value !== 'string' || value.length > 2_048) return fallback;
  // eslint-disable-next-line no-control-regex -- control characters are what is being refused
  if (!value.startsWith('/') || value.startsWith('//') || /[\u0000-\u0020\u007f\\]/.test(value)) return fallback;
  let url: URL;
  try {
    url = new URL(value, ANY_ORIGIN);
  } catch {
    return fallback;
  }
  return url.origin === ANY_ORIGIN ? `${url.pathname}${url.search}${url.hash}` : fallback;
}

/**
 * Where to return someone whose session ended: the page itself for a GET, and for a form they
 * posted, the page the form was on (a form's address answers only its POST).
 */
export function returnPath(request: FastifyRequest): string {
  if (request.method === 'GET' || request.method === 'HEAD') return localPath(request.url);
  const referer = request.headers.referer;
  if (!referer) return '/';
  try {
    const from = new URL(referer);
    return from.host === request.headers.host ? localPath(`${from.pathname}${from.search}`) : '/';
  } catch {
    return '/';
  }
}
