// Configuration is read from the environment once, validated with zod, and handed around as a
// plain object. Every default runs the embedded stack on this machine.
import { resolve } from 'node:path';
import { z } from 'zod';
import { DURATION_PATTERN, isZeroDuration } from '../domain/duration';
import { parsePayloadKeys } from './payload-keys';

export const PROJECT_ROOT = resolve(__dirname, '..');

const urlWithScheme = (schemes: string[]) =>
  z.string().refine((value) => schemes.some((s) => value.startsWith(`${s}:`)), {
    message: `must start with ${schemes.map((s) => `${s}:`).join(' or ')}`,
  });

const port = z.coerce.number().int().min(1).max(65535);

function schemaFor(root: string) {
  const dataDir = resolve(root, 'data');
  return z.object({
    SHUZHI_DATA_DIR: z.string().min(1).default(dataDir),
    DATABASE_URL: urlWithScheme(['file', 'postgres', 'postgresql']).default(`file:${dataDir}/shuzhi.db`),
    TEMPORAL_ADDRESS: z
      .string()
      .regex(/^[^\s:]+:\d+$/, 'must be host:port, e.g. 127.0.0.1:7233')
      .default('127.0.0.1:7233'),
    TEMPORAL_NAMESPACE: z.string().min(1).default('default'),
    TEMPORAL_UI_PORT: port.default(8233),
    SMTP_URL: urlWithScheme(['smtp', 'smtps']).pipe(z.url()).default('smtp://127.0.0.1:2525'),
    MAIL_FROM: z.string().min(3).default('述职评议 <shuzhi@localhost>'),
    PUBLIC_BASE_URL: z.url().default('http://127.0.0.1:3000'),
    SHUZHI_LOCALE: z.enum(['zh-CN', 'en']).default('zh-CN'),
    WEB_PORT: port.default(3000),
    /** 1: the web app shows the capture server's mailbox (the embedded stack's demo). */
    SHUZHI_DEMO_MAILBOX: z.enum(['0', '1']).default('0'),
    /** The CLI's personal API token, for scripts; otherwise the one `shuzhi login` stored. */
    SHUZHI_TOKEN: z.string().min(1).optional(),
    /** The web app the CLI sends a person's acts to; unset, the stored login's, then PUBLIC_BASE_URL. */
    SHUZHI_URL: z.url().optional(),
    /** Signs sign-in links; unset, a random key is kept in the data folder (config/secret.ts). */
    SHUZHI_SECRET: z.string().min(32, 'must be at least 32 characters').optional(),
    /**
     * Secrets used before SHUZHI_SECRET, comma-separated: the record's older events were
     * authenticated with keys derived from them, and verify still needs them (config/audit-key.ts).
     */
    SHUZHI_RETIRED_SECRETS: z
      .string()
      .optional()
      .transform((value) =>
        (value ?? '')
          .split(',')
          .map((secret) => secret.trim())
          .filter(Boolean),
      ),
    /**
     * Keys that encrypt what Temporal stores, `id:base64key` comma-separated, the first encrypting;
     * unset, one derived from SHUZHI_SECRET (config/payload-keys.ts).
     */
    SHUZHI_PAYLOAD_KEYS: z
      .string()
      .optional()
      .transform((value, ctx) => {
        const keys = parsePayloadKeys(value ?? '');
        if (Array.isArray(keys)) return keys;
        ctx.addIssue({ code: 'custom', message: keys.problem });
        return z.NEVER;
      }),
    /**
     * Origins of the Temporal Web UI that may call the codec endpoint (/codec), comma-separated;
     * unset, the embedded dev server's UI at 127.0.0.1 and localhost on TEMPORAL_UI_PORT.
     */
    TEMPORAL_UI_ORIGIN: z
      .string()
      .optional()
      .transform((value) =>
        (value ?? '')
          .split(',')
          .map((origin) => origin.trim())
          .filter(Boolean),
      )
      .pipe(z.array(z.url().refine((origin) => new URL(origin).origin === origin, 'must be an origin such as https://temporal.example.org'))),
    /** How long a mailed sign-in link stays valid, e.g. 7d or 12h. */
    SIGN_IN_LINK_TTL: z.string().regex(DURATION_PATTERN, 'must be a number and d, h, m or s, e.g. 7d').default('7d'),
    /** How long a browser session lasts after signing in, e.g. 12h (a test stack uses seconds). */
    SESSION_TTL: z
      .string()
      .regex(DURATION_PATTERN, 'must be a number and d, h, m or s, e.g. 12h')
      .refine((value) => !isZeroDuration(value), 'must be longer than nothing')
      .default('12h'),
    /**
     * How many workflows the worker keeps in memory between their tasks. Every cached report
     * holds memory, and every task for an evicted report first replays its run; since a report
     * that passed review waits in a fresh run of a few events, that replay is short, so a smaller
     * cache costs little speed and saves memory (bench/README.md#what-changed-them, change 18).
     */
    WORKER_MAX_CACHED_WORKFLOWS: z.coerce.number().int().min(2, 'must be at least 2').default(500),
    /**
     * on: the worker keeps the SDK's stack trace of every workflow promise, for the "stack trace"
     * query in Temporal's UI. Read by worker/workflow-stack-traces.cjs, which runs before this
     * module can; validated here so a typo is named at startup.
     */
    WORKER_WORKFLOW_STACK_TRACES: z.enum(['on', 'off']).default('off'),
    /** Prometheus's bearer token for the web app's /metrics; unset, /metrics is not served. */
    METRICS_TOKEN: z.string().min(16, 'must be at least 16 characters').optional(),
    /** Where the worker's SDK serves Temporal's metrics for Prometheus (`/metrics`, on WORKER_HEALTH_HOST); unset, it does not. */
    WORKER_METRICS_PORT: port.optional(),
    /** Where the worker answers /healthz and /readyz (worker/health-server.ts), on 127.0.0.1 unless WORKER_HEALTH_HOST; unset, it does not listen. */
    WORKER_HEALTH_PORT: port.optional(),
    WORKER_HEALTH_HOST: z.string().min(1).default('127.0.0.1'),
    /**
     * The worker's build: a season runs on the build it started with (worker/build-id.ts). Unset,
     * it is named after the workflow code, so two workers of one checkout share it.
     */
    WORKER_BUILD_ID: z
      .string()
      .regex(/^[A-Za-z0-9_+-][A-Za-z0-9_.+-]{0,99}$/, 'takes letters, digits and . _ + - (at most 100)')
      .optional(),
    /**
     * on: once polling, the worker makes its build the one new seasons start on. off: an operator
     * does it (`temporal worker deployment set-current-version`), e.g. after trying the build.
     */
    WORKER_BECOME_CURRENT: z.enum(['on', 'off']).default('on'),
  });
}

export type Config = z.infer<ReturnType<typeof schemaFor>>;

export class ConfigError extends Error {
  constructor(readonly problems: { variable: string; message: string }[]) {
    super('Invalid environment configuration / 环境变量配置有误:\n' + problems.map((p) => `  ${p.variable}: ${p.message}`).join('\n'));
    this.name = 'ConfigError';
  }
}

/** Reads and validates the environment. Empty strings count as unset. */
export function loadConfig(env: NodeJS.ProcessEnv = process.env, root = PROJECT_ROOT): Config {
  const schema = schemaFor(root);
  const input = Object.fromEntries(Object.keys(schema.shape).map((key) => [key, env[key] === '' ? undefined : env[key]]));
  const result = schema.safeParse(input);
  if (!result.success) {
    throw new ConfigError(result.error.issues.map((issue) => ({ variable: String(issue.path[0]), message: issue.message })));
  }
  return result.data;
}

/** The Temporal Web UI origins the codec endpoint answers: as set, or the embedded dev server's UI. */
export function temporalUiOrigins(config: Pick<Config, 'TEMPORAL_UI_ORIGIN' | 'TEMPORAL_UI_PORT'>): string[] {
  if (config.TEMPORAL_UI_ORIGIN.length) return config.TEMPORAL_UI_ORIGIN;
  return ['127.0.0.1', 'localhost'].map((host) => `http://${host}:${config.TEMPORAL_UI_PORT}`);
}
