// `shuzhi audit verify <season> [--deep] [--no-temporal]`: the record's proof, with exit codes a
// script can act on. 0: intact. 1: altered (each finding named). 2: could not check (an unknown
// season, no database, Temporal unreachable, a key not configured).
import { join } from 'node:path';
import type { Config } from '../config/env';
import { loadAuditKeyring } from '../config/secret';
import { AuditCannotCheckError, verifyAuditChain, type AuditVerification } from '../db/audit-verify';
import { openDb } from '../db/client';
import { verifySeasonRecord, type SeasonVerification } from './audit-witness';
import { connectTemporal } from './temporal';

export const VERIFY_EXIT = { intact: 0, altered: 1, cannotCheck: 2 } as const;

export interface VerifyOptions {
  deep?: boolean;
  /** false: the database alone (a season past Temporal's retention); its witness is then the printed head. */
  temporal: boolean;
  json?: boolean;
}

export async function auditVerify(config: Config, seasonId: string, options: VerifyOptions): Promise<number> {
  let result: AuditVerification | SeasonVerification;
  try {
    const db = await openDb(config.DATABASE_URL);
    try {
      const keyring = loadAuditKeyring(config);
      if (!options.temporal) result = await verifyAuditChain(db, keyring, seasonId);
      else {
        const client = await connectTemporal(config).catch((error: unknown) => {
          throw new AuditCannotCheckError(`Temporal at ${config.TEMPORAL_ADDRESS} is unreachable (${error instanceof Error ? error.message : String(error)}); --no-temporal checks the database alone`);
        });
        try {
          const mailboxDir = join(config.SHUZHI_DATA_DIR, 'mailbox');
          result = await verifySeasonRecord(db, client, keyring, seasonId, { deep: options.deep, mailboxDir });
        } finally {
          await client.connection.close();
        }
      }
    } finally {
      await db.$disconnect();
    }
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    console.log(options.json ? JSON.stringify({ seasonId, checked: false, reason: message }, null, 2) : `? could not check the record of ${seasonId}: ${message}`);
    return VERIFY_EXIT.cannotCheck;
  }
  console.log(options.json ? JSON.stringify(result, null, 2) : describe(result, options));
  if (result.problems.length) return VERIFY_EXIT.altered;
  return result.unchecked.length ? VERIFY_EXIT.cannotCheck : VERIFY_EXIT.intact;
}

function describe(result: AuditVerification | SeasonVerification, options: VerifyOptions): string {
  const witnessed = 'witnessed' in result ? `; ${result.witnessed} report workflows agree with Temporal's history` : '; not compared with Temporal (--no-temporal)';
  const deep = 'deep' in result && result.deep
    ? `; ${result.deep.acts} requests recorded once each, ${result.deep.mails} mails logged${result.deep.mailsReceived !== undefined ? `, ${result.deep.mailsReceived} received` : ''}`
    : '';
  const lines = result.problems.length
    ? [`✗ the record of ${result.seasonId} was altered (${result.problems.length} finding(s)):`, ...result.problems.map((p) => `  - ${p.message}`)]
    : [`✓ the record of ${result.seasonId} is intact: ${result.events} events in ${result.chains} chains; ${result.reports} reports match their record${witnessed}${deep}`];
  if (result.unchecked.length) lines.push(`? not checked: ${result.unchecked.length}`, ...result.unchecked.map((u) => `  - ${u}`));
  lines.push(`  head (本台账校验值): ${result.headHash}`);
  if (options.deep && !('deep' in result)) lines.push('  (--deep needs Temporal)');
  return lines.join('\n');
}
