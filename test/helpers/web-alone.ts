// The web app by itself on a scratch database, for what it answers without Temporal, mail or
// sign-in links: those are stand-ins a test that reaches them fails on.
import { createServer, type AddressInfo } from 'node:net';
import type { Client } from '@temporalio/client';
import type { FastifyInstance } from 'fastify';
import type { Db } from '../../db/client';
import type { SignInLinks } from '../../db/sign-in-links';
import type { Mailer } from '../../mail/mailer';
import { buildWebApp, type WebDeps } from '../../web/server';

/** A port nothing listens on now. */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as AddressInfo;
      server.close(() => resolve(port));
    });
  });
}

/** Starts the app on 127.0.0.1 at a free port, its public address naming that port. */
export async function startWebAlone(db: Db, extra: Partial<WebDeps> = {}): Promise<{ app: FastifyInstance; port: number }> {
  const port = await freePort();
  const app = await buildWebApp({
    db,
    temporal: {} as Client,
    signInLinks: {} as SignInLinks,
    mailer: {} as Mailer,
    publicBaseUrl: `http://127.0.0.1:${port}`,
    defaultLocale: 'zh-CN',
    ...extra,
  });
  await app.listen({ host: '127.0.0.1', port });
  return { app, port };
}
