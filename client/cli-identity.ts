// Who acts in a CLI command, proven. On the embedded demo stack a command may name the person
// (`--as`), since its mailbox signs anyone in anyway; anywhere else the person's own API token says
// who they are: a person's acts go through the web app's API with it, and an operator's commands
// that need the database check it there and record its owner.
import { ApiTokenError, authenticateApiToken } from '../app/api-tokens';
import { isDemoStack } from '../config/demo-stack';
import type { Config } from '../config/env';
import type { Db } from '../db/client';
import type { Actor } from '../domain/report-api';
import type { ApiClient } from './api-client';
import { actorOf, cliLocale } from './cli-context';
import { currentApi, currentToken } from './cli-login';
import { refuseLogin } from './login-messages';

export type PersonDoor = { via: 'direct'; actor: Actor } | { via: 'api'; api: ApiClient };

/** `--as` on the demo stack; refused anywhere else. */
export function demoActor(config: Config, as: string): Actor {
  if (!isDemoStack(config)) refuseLogin((w) => w.asOnlyOnDemo, as);
  return actorOf(as);
}

/** A person's act (draft, submit, review, approve): `--as` on the demo, otherwise through the API. */
export function personDoor(config: Config, as: string | undefined): PersonDoor {
  if (as !== undefined) return { via: 'direct', actor: demoActor(config, as) };
  const api = currentApi(config);
  if (!api) return refuseLogin((w) => w.notSignedIn);
  return { via: 'api', api };
}

/** An operator's act on the database and Temporal (extend, reassign, close…): `--as` on the demo, otherwise the token's owner. */
export async function operatorActor(config: Config, db: Db, as: string | undefined): Promise<Actor> {
  return (await namedOperator(config, db, as)) ?? refuseLogin((w) => w.notSignedIn);
}

/**
 * As operatorActor, for `season create` and `start`: with no token either, the operator is left
 * unnamed (recorded as the CLI), since a first season is loaded before anyone could make a token.
 */
export async function namedOperator(config: Config, db: Db, as: string | undefined): Promise<Actor | undefined> {
  if (as !== undefined) return demoActor(config, as);
  const token = currentToken(config);
  if (!token) return undefined;
  try {
    const owner = await authenticateApiToken(db, `Bearer ${token}`);
    return { email: owner.personEmail, channel: 'cli' };
  } catch (error) {
    if (error instanceof ApiTokenError) return refuseLogin((w) => w.tokenRefused, error.reason[cliLocale()]);
    throw error;
  }
}
