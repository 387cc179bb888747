// The Temporal Web UI's remote codec: set its codec endpoint to <PUBLIC_BASE_URL>/codec and it posts
// the encrypted payloads it shows to /codec/decode (and what it sends to /codec/encode), as proto
// JSON, and shows what comes back. The UI itself has no sign-in, so this is where reading is
// decided: a signed-in season admin only, from the UI's own origins, the session cookie coming
// along by CORS with credentials (the UI's "include cross-origin credentials" setting).
import type { Payload } from '@temporalio/common';
import { JSONToPayload, payloadToJSON, type JSONPayload } from '@temporalio/common/lib/proto-utils';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { PayloadTamperedError, UnknownPayloadKeyError } from '../../temporal/payload-codec';
import type { TemporalCodecDeps, WebDeps } from '../context';
import { translator, type TextKey } from '../i18n';

const PATHS = { encode: '/codec/encode', decode: '/codec/decode' } as const;

export async function codecRoutes(app: FastifyInstance, deps: WebDeps) {
  const codec = deps.temporalCodec as TemporalCodecDeps;
  const ownOrigin = new URL(deps.publicBaseUrl).origin;
  const fromUi = (request: FastifyRequest) => codec.uiOrigins.includes(request.headers.origin ?? '');

  /** Lets the UI's page read the answer, refusals included, with the cookie sent. */
  const allowUi = (request: FastifyRequest, reply: FastifyReply) => {
    void reply.header('vary', 'Origin');
    if (fromUi(request)) void reply.header('access-control-allow-origin', request.headers.origin).header('access-control-allow-credentials', 'true');
  };
  const refuse = (request: FastifyRequest, reply: FastifyReply, status: number, key: TextKey) =>
    reply.code(status).send({ error: translator(request.locale)(key) });

  for (const [action, path] of Object.entries(PATHS) as [keyof typeof PATHS, string][]) {
    app.options(path, async (request, reply) => {
      allowUi(request, reply);
      if (!fromUi(request)) return refuse(request, reply, 403, 'codecOriginRefused');
      return reply
        .code(204)
        .header('access-control-allow-methods', 'POST')
        .header('access-control-allow-headers', 'content-type, x-namespace, authorization')
        .header('access-control-max-age', '600')
        .send();
    });

    app.post(path, { config: { ownOriginCheck: true } }, async (request, reply) => {
      allowUi(request, reply);
      // A page of another site can post here too; only the UI's (and this app's) may.
      const origin = request.headers.origin;
      if (origin && !fromUi(request) && origin !== ownOrigin) return refuse(request, reply, 403, 'codecOriginRefused');
      // JSON alone: a cross-origin JSON post needs the preflight above, which only the UI passes.
      if (!request.headers['content-type']?.startsWith('application/json')) return refuse(request, reply, 415, 'codecBadPayloads');
      if (!request.viewer) return refuse(request, reply, 401, 'codecSignIn');
      if (!request.viewer.reach.adminSeasons.length) return refuse(request, reply, 403, 'codecAdminsOnly');
      const namespace = request.headers['x-namespace'];
      if (namespace !== undefined && namespace !== codec.namespace) return refuse(request, reply, 400, 'codecNamespaceRefused');
      const payloads = parsePayloads(request.body);
      if (!payloads) return refuse(request, reply, 400, 'codecBadPayloads');
      try {
        const result = action === 'decode' ? await codec.codec.decode(payloads) : await codec.codec.encode(payloads);
        return reply.send({ payloads: result.map(payloadToJSON) });
      } catch (error) {
        // A payload under a key this app lacks, or damaged: say which key; the UI shows it encrypted.
        if (error instanceof UnknownPayloadKeyError || error instanceof PayloadTamperedError) return reply.code(422).send({ error: error.message });
        throw error;
      }
    });
  }
}

function parsePayloads(body: unknown): Payload[] | undefined {
  const list = (body as { payloads?: unknown } | null)?.payloads;
  if (!Array.isArray(list)) return undefined;
  try {
    return list.map((item) => JSONToPayload(item as JSONPayload));
  } catch {
    return undefined;
  }
}
