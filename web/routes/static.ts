// The pages' scripts and stylesheet, served from web/public as they are: no build step.
import { join } from 'node:path';
import fastifyStatic from '@fastify/static';
import type { FastifyInstance } from 'fastify';

export async function staticRoutes(app: FastifyInstance) {
  await app.register(fastifyStatic, {
    root: join(__dirname, '..', 'public'),
    prefix: '/static/',
    // Revalidated on every page load: a new release's script is never mixed with an old page.
    cacheControl: false,
    setHeaders: (response) => response.setHeader('cache-control', 'no-cache'),
    // Only the files themselves, by plain name: no folder, no listing, no index, no dotfiles.
    allowedPath: (path) => /^\/[\w-][\w.-]*$/.test(path),
    index: false,
    list: false,
    dotfiles: 'ignore',
    decorateReply: false,
  });
  // Asked for by browsers and tools whatever a page names; the pages name /static/icon.svg.
  app.get('/favicon.ico', async (_request, reply) => reply.redirect('/static/icon.svg', 301));
}
