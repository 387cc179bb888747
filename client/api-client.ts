// The CLI's door to the web app's JSON API (/api/v1), with the person's token. A refusal comes back
// in both languages and is thrown as the same error the rules throw, so it is explained alike.
import { ReportRequestError } from '../app/report-commands';
import type { Finding } from '../domain/submission-check';
import { words, type Words } from '../domain/words';
import { CliError } from './cli-context';

/** Longer than any one act takes (a bulk approval of a large season included). */
const CALL_DEADLINE_MS = 10 * 60_000;

interface Refusal {
  error?: { code?: string; message?: Words };
  findings?: Finding[];
}

export class ApiClient {
  constructor(
    readonly baseUrl: string,
    private readonly token: string,
  ) {}

  get<T>(path: string): Promise<T> {
    return this.call<T>('GET', path);
  }

  post<T>(path: string, body: unknown): Promise<T> {
    return this.call<T>('POST', path, body);
  }

  /** The raw answer of a GET, for exports (CSV, Markdown). */
  async text(path: string): Promise<string> {
    return (await this.send('GET', path)).text();
  }

  private async call<T>(method: string, path: string, body?: unknown): Promise<T> {
    return (await (await this.send(method, path, body)).json()) as T;
  }

  private async send(method: string, path: string, body?: unknown): Promise<Response> {
    const url = new URL(`/api/v1${path}`, this.baseUrl);
    const answer = await fetch(url, {
      method,
      headers: {
        authorization: `Bearer ${this.token}`,
        accept: 'application/json',
        ...(body === undefined ? {} : { 'content-type': 'application/json' }),
      },
      body: body === undefined ? undefined : JSON.stringify(body),
      signal: AbortSignal.timeout(CALL_DEADLINE_MS),
    }).catch((error: unknown) => {
      throw unreachable(this.baseUrl, error);
    });
    if (answer.ok) return answer;
    const refusal = (await answer.json().catch(() => ({}))) as Refusal;
    const message = refusal.error?.message;
    if (!message) throw new CliError(words(`网页服务答复 ${answer.status}（${url.pathname}）。`, `The web app answered ${answer.status} (${url.pathname}).`));
    throw new ReportRequestError(refusal.error?.code ?? `http_${answer.status}`, message, refusal.findings ?? []);
  }
}

/** Path segment of a report id (season/branch): the slash travels encoded. */
export const reportPath = (reportId: string) => `/reports/${encodeURIComponent(reportId)}`;

function unreachable(baseUrl: string, error: unknown): CliError {
  const why = error instanceof Error ? ((error.cause as Error | undefined)?.message ?? error.message) : String(error);
  return new CliError(
    words(
      `连接不上网页服务 ${baseUrl}（${why}）。请检查地址（shuzhi login --url，或 SHUZHI_URL），或稍后再试。`,
      `Cannot reach the web app at ${baseUrl} (${why}). Check the address (shuzhi login --url, or SHUZHI_URL), or try again later.`,
    ),
  );
}
