// The pages' scripts and stylesheet, read once at start: no build step.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { FastifyInstance } from 'fastify';

const PUBLIC = join(__dirname, '..', 'public');

export async function staticRoutes(app: FastifyInstance) {
  const files = {
    'app.js': { type: 'text/javascript; charset=utf-8', body: readFileSync(join(PUBLIC, 'app.js')) },
    'findings.js': { type: 'text/javascript; charset=utf-8', body: readFileSync(join(PUBLIC, 'findings.js')) },
    'style.css': { type: 'text/css; charset=utf-8', body: readFileSync(join(PUBLIC, 'style.css')) },
  };
  app.get<{ Params: { file: string } }>('/static/:file', async (request, reply) => {
    const file = files[request.params.file as keyof typeof files];
    if (!file) return reply.code(404).send();
    return reply.type(file.type).header('cache-control', 'no-cache').send(file.body);
  });
}
