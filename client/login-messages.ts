// What the CLI says about who is acting: signing in with a token, and `--as` on the demo alone.
// `en` has the type of `zh`, as in messages.ts.
import { words } from '../domain/words';
import { CliError, cliLocale } from './cli-context';

const zh = {
  help: {
    login: '以本人身份登录命令行：粘贴网页“接口令牌”页上生成的令牌（从标准输入读取），验证后保存在本机用户目录',
    logout: '删除本机保存的令牌（令牌本身请在网页“接口令牌”页吊销）',
    whoami: '显示命令行当前以谁的身份操作',
    url: '网页服务地址（默认：SHUZHI_URL，或 PUBLIC_BASE_URL）',
    json: '输出 JSON',
    reportList: '列出我能看到的报告（经网页服务，以 shuzhi login 登录的本人身份）',
    as: '仅限演示环境（npm start）：以此邮箱的身份操作。其他环境请先 shuzhi login，或设置 SHUZHI_TOKEN',
  },
  pasteToken: '请粘贴接口令牌（shz_…），然后按回车：',
  signedIn: (email: string, url: string, expires: string, file: string) =>
    `已登录：${email}（${url}，令牌有效至 ${expires}）。令牌保存在 ${file}，仅您本人可读。`,
  signedOut: '已删除本机保存的令牌。如需让令牌失效，请在网页“接口令牌”页吊销。',
  whoami: (email: string, name: string, url: string, token: string, expires: string) =>
    `${name ? `${name} ` : ''}${email}，经 ${url}（令牌“${token}”，有效至 ${expires}）`,
  noToken: '没有读到令牌：请在网页“接口令牌”页生成一个，粘贴后按回车（或 echo 令牌 | shuzhi login）。',
  notSignedIn: '命令行还没有登录：请先运行 shuzhi login（粘贴网页“接口令牌”页生成的令牌），或设置 SHUZHI_TOKEN。',
  asOnlyOnDemo: (email: string) =>
    `--as ${email} 只能用于本机的演示环境（npm start）。在这里请以本人身份操作：shuzhi login（粘贴网页“接口令牌”页生成的令牌），或设置 SHUZHI_TOKEN，然后去掉 --as 重试。`,
  noReports: '没有您能看到的报告。',
  tokenRefused: (why: string) => `令牌未通过验证：${why} 请在网页“接口令牌”页重新生成，再运行 shuzhi login。`,
};

type LoginWords = typeof zh;

const en: LoginWords = {
  help: {
    login: "Sign the CLI in as yourself: paste a token made on the web app's API tokens page (read from stdin); it is checked, then kept in your user folder",
    logout: "Delete the token kept on this machine (revoke the token itself on the web app's API tokens page)",
    whoami: 'Show whom the CLI acts as',
    url: 'The web app (default: SHUZHI_URL, or PUBLIC_BASE_URL)',
    json: 'Print JSON',
    reportList: 'List the reports I may see (through the web app, as whoever shuzhi login signed in)',
    as: 'The embedded demo stack only (npm start): act as this email. Elsewhere run shuzhi login first, or set SHUZHI_TOKEN',
  },
  pasteToken: 'Paste your API token (shz_…) and press Enter: ',
  signedIn: (email, url, expires, file) =>
    `Signed in as ${email} at ${url} (the token is valid until ${expires}). It is kept in ${file}, readable by you alone.`,
  signedOut: "The token kept on this machine is deleted. To make the token itself useless, revoke it on the web app's API tokens page.",
  whoami: (email, name, url, token, expires) => `${name ? `${name} ` : ''}${email}, through ${url} (token "${token}", valid until ${expires})`,
  noToken: "No token was read: make one on the web app's API tokens page, paste it and press Enter (or echo <token> | shuzhi login).",
  notSignedIn: "The CLI is not signed in: run shuzhi login (paste a token made on the web app's API tokens page), or set SHUZHI_TOKEN.",
  asOnlyOnDemo: (email) =>
    `--as ${email} works only on the embedded demo stack on this machine (npm start). Here, act as yourself: shuzhi login (paste a token from the web app's API tokens page) or set SHUZHI_TOKEN, then try again without --as.`,
  noReports: 'There are no reports you may see.',
  tokenRefused: (why) => `The token was refused: ${why} Make a new one on the web app's API tokens page, then run shuzhi login.`,
};

export const loginWords = (locale = cliLocale()): LoginWords => (locale === 'en' ? en : zh);

/** Throws a CliError in both languages from this table. */
export function refuseLogin<A extends unknown[]>(pick: (w: LoginWords) => string | ((...args: A) => string), ...args: A): never {
  const say = (w: LoginWords) => {
    const message = pick(w);
    return typeof message === 'string' ? message : message(...args);
  };
  throw new CliError(words(say(zh), say(en)));
}
