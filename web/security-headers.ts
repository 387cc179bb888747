// Headers on every response (@fastify/helmet, configured here): what a page may load, that no
// other site may frame it, that a browser must not guess types, what the Referer may carry, and
// that a signed-in page is never stored (Back after signing out must not show a report).
import helmet from '@fastify/helmet';
import type { FastifyInstance } from 'fastify';

export async function securityHeaders(app: FastifyInstance): Promise<void> {
  await app.register(helmet, {
    contentSecurityPolicy: {
      useDefaults: false,
      // The pages' scripts and stylesheet are files of this site; no inline script or style.
      directives: {
        defaultSrc: ["'self'"],
        scriptSrc: ["'self'"],
        styleSrc: ["'self'"],
        imgSrc: ["'self'", 'data:'],
        connectSrc: ["'self'"],
        formAction: ["'self'"],
        frameAncestors: ["'none'"],
        baseUri: ["'none'"],
        objectSrc: ["'none'"],
      },
    },
    // Not no-referrer: with it a browser posts forms with "Origin: null", which the origin check
    // refuses. same-origin still tells no other site a page's address (a sign-in token in it).
    referrerPolicy: { policy: 'same-origin' },
    // The Temporal UI reads the codec endpoint from its own origin (web/routes/codec.ts).
    crossOriginResourcePolicy: false,
  });
  app.addHook('onSend', async (request, reply) => {
    if (request.viewer && !reply.hasHeader('cache-control')) void reply.header('cache-control', 'no-store');
  });
}
