// `shuzhi login`, `logout`, `whoami`: a person's API token (made on the web app's 接口令牌 page) kept
// for the CLI in the user's own config folder, readable by them alone. SHUZHI_TOKEN overrides it.
import { chmodSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { dirname, join } from 'node:path';
import { createInterface } from 'node:readline/promises';
import type { Command } from 'commander';
import { loadConfig, type Config } from '../config/env';
import { ApiClient } from './api-client';
import { print } from './cli-context';
import { loginWords, refuseLogin } from './login-messages';

export interface StoredLogin {
  url: string;
  token: string;
  email: string;
}

interface Me {
  email: string;
  name: string | null;
  token: { name: string; expiresAt: string };
}

export function loginFile(env: NodeJS.ProcessEnv = process.env): string {
  return join(env.XDG_CONFIG_HOME || join(homedir(), '.config'), 'shuzhi', 'login.json');
}

function readStoredLogin(): StoredLogin | undefined {
  try {
    const stored = JSON.parse(readFileSync(loginFile(), 'utf8')) as Partial<StoredLogin>;
    return stored.url && stored.token && stored.email ? (stored as StoredLogin) : undefined;
  } catch {
    return undefined;
  }
}

/** The API this CLI acts through, with whose token: SHUZHI_TOKEN first, then the stored login. */
export function currentApi(config: Config): ApiClient | undefined {
  if (config.SHUZHI_TOKEN) return new ApiClient(config.SHUZHI_URL ?? config.PUBLIC_BASE_URL, config.SHUZHI_TOKEN);
  const stored = readStoredLogin();
  return stored ? new ApiClient(config.SHUZHI_URL ?? stored.url, stored.token) : undefined;
}

/** The token alone (operator commands check it against the database themselves). */
export function currentToken(config: Config): string | undefined {
  return config.SHUZHI_TOKEN ?? readStoredLogin()?.token;
}

async function readToken(): Promise<string> {
  const lines = createInterface({ input: process.stdin, output: process.stdin.isTTY ? process.stderr : undefined, terminal: false });
  try {
    if (process.stdin.isTTY) process.stderr.write(loginWords().pasteToken);
    for await (const line of lines) if (line.trim()) return line.trim();
    return '';
  } finally {
    lines.close();
  }
}

export function registerLoginCommands(program: Command): void {
  const say = loginWords();
  program
    .command('login')
    .description(say.help.login)
    .option('--url <url>', say.help.url)
    .option('--json', say.help.json)
    .action(async (options: { url?: string; json?: boolean }) => {
      const config = loadConfig();
      const url = options.url ?? config.SHUZHI_URL ?? config.PUBLIC_BASE_URL;
      const token = await readToken();
      if (!token) refuseLogin((w) => w.noToken);
      const me = await new ApiClient(url, token).get<Me>('/me');
      const file = loginFile();
      mkdirSync(dirname(file), { recursive: true, mode: 0o700 });
      writeFileSync(file, JSON.stringify({ url, token, email: me.email } satisfies StoredLogin, null, 2) + '\n', { mode: 0o600 });
      chmodSync(file, 0o600); // an older file keeps its mode on overwrite
      print(options.json, { email: me.email, url, expiresAt: me.token.expiresAt }, say.signedIn(me.email, url, me.token.expiresAt.slice(0, 10), file));
    });

  program
    .command('logout')
    .description(say.help.logout)
    .action(() => {
      rmSync(loginFile(), { force: true });
      console.log(say.signedOut);
    });

  program
    .command('whoami')
    .description(say.help.whoami)
    .option('--json', say.help.json)
    .action(async (options: { json?: boolean }) => {
      const api = currentApi(loadConfig());
      if (!api) return refuseLogin((w) => w.notSignedIn);
      const me = await api.get<Me>('/me');
      print(options.json, me, say.whoami(me.email, me.name ?? '', api.baseUrl, me.token.name, me.token.expiresAt.slice(0, 10)));
    });
}
