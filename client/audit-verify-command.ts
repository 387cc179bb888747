// `shuzhi audit verify <season> [--deep] [--no-temporal]`: the record's proof, with exit codes a
// script can act on. 0: intact. 1: altered (each finding named). 2: could not check (an unknown
// season, no database, Temporal unreachable, a key not configured).
import { join } from 'node:path';
import type { Config } from '../config/env';
import { loadAuditKeyring } from '../config/secret';
import { AuditCannotCheckError, verifyAuditChain, words, type AuditVerification, type Words } from '../db/audit-verify';
import { openDb } from '../db/client';
import type { Locale } from '../domain/vocabulary';
import { verifySeasonRecord, type SeasonVerification } from '../app/audit-witness';
import { connectTemporal } from '../app/temporal';

export const VERIFY_EXIT = { intact: 0, altered: 1, cannotCheck: 2 } as const;

export interface VerifyOptions {
  deep?: boolean;
  /** false: the database alone (a season past Temporal's retention); its witness is then the printed head. */
  temporal: boolean;
  json?: boolean;
}

export async function auditVerify(config: Config, seasonId: string, options: VerifyOptions): Promise<number> {
  const locale = config.SHUZHI_LOCALE;
  let result: AuditVerification | SeasonVerification;
  try {
    result = await verify(config, seasonId, options);
  } catch (error) {
    const reason =
      error instanceof AuditCannotCheckError
        ? error.reason
        : words(String(error instanceof Error ? error.message : error), String(error instanceof Error ? error.message : error));
    console.log(
      options.json
        ? JSON.stringify({ seasonId, checked: false, reason }, null, 2)
        : `? ${say(locale, words(`无法核验 ${seasonId} 的台账：`, `could not check the record of ${seasonId}: `))}${reason[locale]}`,
    );
    return VERIFY_EXIT.cannotCheck;
  }
  console.log(options.json ? JSON.stringify(result, null, 2) : describe(result, locale));
  if (result.problems.length) return VERIFY_EXIT.altered;
  return result.unchecked.length ? VERIFY_EXIT.cannotCheck : VERIFY_EXIT.intact;
}

async function verify(config: Config, seasonId: string, options: VerifyOptions): Promise<AuditVerification | SeasonVerification> {
  const db = await openDb(config.DATABASE_URL);
  try {
    const keyring = loadAuditKeyring(config);
    if (!options.temporal) return await verifyAuditChain(db, keyring, seasonId);
    const client = await connectTemporal(config).catch((error: unknown) => {
      const why = error instanceof Error ? error.message : String(error);
      throw new AuditCannotCheckError(
        words(
          `连接不上 Temporal（${config.TEMPORAL_ADDRESS}：${why}）；加 --no-temporal 可只核验数据库`,
          `Temporal at ${config.TEMPORAL_ADDRESS} is unreachable (${why}); --no-temporal checks the database alone`,
        ),
      );
    });
    try {
      return await verifySeasonRecord(db, client, keyring, seasonId, { deep: options.deep, mailboxDir: join(config.SHUZHI_DATA_DIR, 'mailbox') });
    } finally {
      await client.connection.close();
    }
  } finally {
    await db.$disconnect();
  }
}

const say = (locale: Locale, text: Words) => text[locale];

function describe(result: AuditVerification | SeasonVerification, locale: Locale): string {
  const witnessed =
    'witnessed' in result
      ? words(`；已与 Temporal 历史核对 ${result.witnessed} 个报告流程`, `; ${result.witnessed} report workflows compared with Temporal's history`)
      : words('；未与 Temporal 核对（--no-temporal）', '; not compared with Temporal (--no-temporal)');
  const deep =
    'deep' in result && result.deep
      ? words(
          `；${result.deep.acts} 个请求各记录一次，发信记录 ${result.deep.mails} 封${result.deep.mailsReceived !== undefined ? `，邮箱收到 ${result.deep.mailsReceived} 封` : ''}`,
          `; ${result.deep.acts} requests recorded once each, ${result.deep.mails} mails logged${result.deep.mailsReceived !== undefined ? `, ${result.deep.mailsReceived} received` : ''}`,
        )
      : words('', '');
  const lines = result.problems.length
    ? [
        say(
          locale,
          words(
            `✗ ${result.seasonId} 的台账已被改动（${result.problems.length} 处）：`,
            `✗ the record of ${result.seasonId} was altered (${result.problems.length} finding(s)):`,
          ),
        ),
        ...result.problems.map((p) => `  - ${p.message[locale]}`),
      ]
    : [
        say(
          locale,
          words(
            `✓ ${result.seasonId} 的台账完好：${result.chains} 条链共 ${result.events} 条记录；${result.reports} 份报告与记录一致`,
            `✓ the record of ${result.seasonId} is intact: ${result.events} events in ${result.chains} chains; ${result.reports} reports match their record`,
          ),
        ) +
          say(locale, witnessed) +
          say(locale, deep),
      ];
  if (result.unchecked.length) {
    lines.push(
      say(locale, words(`? 未能核验 ${result.unchecked.length} 项：`, `? not checked: ${result.unchecked.length}`)),
      ...result.unchecked.map((u) => `  - ${u[locale]}`),
    );
  }
  lines.push(`  ${say(locale, words('本台账校验值', 'head (本台账校验值)'))}: ${result.headHash}`);
  return lines.join('\n');
}
