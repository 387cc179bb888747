// Who calls the API: the person behind the bearer token, with the reach the pages would give them.
// A refusal is answered as JSON with its reason in both languages.
import type { FastifyReply, FastifyRequest } from 'fastify';
import { authenticateApiToken, ApiTokenError } from '../app/api-tokens';
import { currentRolesOf } from '../db/api-tokens';
import type { Db } from '../db/client';
import type { Actor } from '../domain/report-api';
import type { Words } from '../domain/words';
import { SUBTREE_ROLES } from './access';
import { callerReach, type CallerReach } from './caller';

export interface ApiCaller extends CallerReach {
  email: string;
  token: { id: string; name: string; expiresAt: Date };
}

declare module 'fastify' {
  interface FastifyRequest {
    apiCaller?: ApiCaller;
  }
}

export async function apiCallerOf(db: Db, authorization: string | undefined): Promise<ApiCaller> {
  const token = await authenticateApiToken(db, authorization);
  const roles = await currentRolesOf(db, token.personEmail, SUBTREE_ROLES);
  return {
    email: token.personEmail,
    token: { id: token.id, name: token.name, expiresAt: token.expiresAt },
    ...(await callerReach(db, token.personEmail, roles)),
  };
}

export const apiActor = (caller: ApiCaller): Actor => ({ email: caller.email, channel: 'api' });

export const refusal = (code: string, message: Words) => ({ error: { code, message } });

export function sendRefusal(reply: FastifyReply, status: number, code: string, message: Words, extra: object = {}) {
  return reply
    .code(status)
    .type('application/json; charset=utf-8')
    .send({ ...refusal(code, message), ...extra });
}

/** Answers 401 and returns undefined when the token is refused. */
export async function authenticate(db: Db, request: FastifyRequest, reply: FastifyReply): Promise<ApiCaller | undefined> {
  try {
    return await apiCallerOf(db, request.headers.authorization);
  } catch (error) {
    if (!(error instanceof ApiTokenError)) throw error;
    await sendRefusal(reply.header('www-authenticate', 'Bearer'), 401, error.code, error.reason);
    return undefined;
  }
}
