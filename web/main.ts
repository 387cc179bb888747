// The web app's process: connects to the database and Temporal, and serves the pages.
import { join } from 'node:path';
import { ballotTokens } from '../config/ballot-tokens';
import { loadConfig, temporalUiOrigins } from '../config/env';
import { loadAuditKeyring, loadPayloadKeyring, loadSecret } from '../config/secret';
import { connectTemporal } from '../app/temporal';
import { openDb } from '../db/client';
import { createSignInLinks } from '../db/sign-in-links';
import { durationMs } from '../domain/duration';
import { createSmtpMailer } from '../mail/mailer';
import { PayloadEncryptionCodec } from '../temporal/payload-codec';
import { listenHost } from './listen-address';
import { buildWebApp } from './server';

async function main() {
  const config = loadConfig();
  // Before anything is opened: the demo mailbox is refused on an address others can reach.
  const host = listenHost(config.PUBLIC_BASE_URL, config.SHUZHI_DEMO_MAILBOX === '1');
  const db = await openDb(config.DATABASE_URL);
  const temporal = await connectTemporal(config);
  const mailer = createSmtpMailer(config.SMTP_URL, config.MAIL_FROM);
  const app = await buildWebApp({
    db,
    temporal,
    mailer,
    signInLinks: createSignInLinks(db, loadSecret(config), durationMs(config.SIGN_IN_LINK_TTL)),
    ballotTokens: ballotTokens(loadSecret(config)),
    auditKey: loadAuditKeyring(config).current,
    publicBaseUrl: config.PUBLIC_BASE_URL,
    defaultLocale: config.SHUZHI_LOCALE,
    mailboxDir: config.SHUZHI_DEMO_MAILBOX === '1' ? join(config.SHUZHI_DATA_DIR, 'mailbox') : undefined,
    sessionTtlMs: durationMs(config.SESSION_TTL),
    metricsToken: config.METRICS_TOKEN,
    temporalCodec: {
      codec: new PayloadEncryptionCodec(loadPayloadKeyring(config)),
      uiOrigins: temporalUiOrigins(config),
      namespace: config.TEMPORAL_NAMESPACE,
    },
  });
  const stop = async () => {
    await app.close();
    mailer.close();
    await temporal.connection.close();
    await db.$disconnect();
    process.exit(0);
  };
  process.once('SIGINT', () => void stop());
  process.once('SIGTERM', () => void stop());
  await app.listen({ port: config.WEB_PORT, host });
  console.log(`web: ${config.PUBLIC_BASE_URL}`);
}

main().catch((error) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
