/**
 * Calls to the sandbox with the app's credentials: a token from POST /v1/oauth/token, asked for
 * again before it expires and whenever the sandbox says it expired or was revoked (tokens have no
 * refresh token; the app id and secret are the way to a new one).
 */
import type { Connection } from './args.ts';
import { CliFailure, EXIT, networkReason, Unreachable } from './failure.ts';

/** The error envelope every sandbox error answers with. */
export interface ApiError {
  code: string;
  message: string;
  sub_code?: string;
  param?: string;
  request_id?: string;
}

/** The sandbox's messages in the terminal's language: Chinese under a zh locale, else English. */
const LANGUAGE = /^zh/i.test(process.env.LC_ALL || process.env.LC_MESSAGES || process.env.LANG || '') ? 'zh-CN' : 'en';

/** 401 sub_codes that a new token cures. */
const RENEWABLE = new Set(['token_expired', 'token_revoked', 'invalid_token']);

export class SandboxClient {
  private token: { value: string; renewAt: number } | undefined;
  readonly appId: string;
  private readonly appSecret: string;

  constructor(private readonly connection: Connection) {
    if (!connection.appId || !connection.appSecret)
      throw new CliFailure(
        'no credentials: set JUYIFU_APP_ID and JUYIFU_APP_SECRET (or pass --app-id and --app-secret) to your sandbox app id and secret',
        EXIT.credentials,
      );
    this.appId = connection.appId;
    this.appSecret = connection.appSecret;
  }

  get sandbox(): string {
    return this.connection.sandbox.href.replace(/\/+$/, '');
  }

  url(path: string): string {
    return `${this.sandbox}${path}`;
  }

  /** A token good for a while yet: the one held, or a new one. */
  async accessToken(signal?: AbortSignal): Promise<string> {
    if (this.token && Date.now() < this.token.renewAt) return this.token.value;
    const res = await this.send('/v1/oauth/token', {
      method: 'POST',
      headers: { 'content-type': 'application/json', accept: 'application/json' },
      body: JSON.stringify({ grant_type: 'client_credentials', app_id: this.appId, app_secret: this.appSecret }),
      signal,
    });
    const body = await this.envelope(res);
    if (res.status === 200 && isToken(body)) {
      const { access_token, expires_in } = body.data;
      // Asked again at nine tenths of its life, so a long `listen` never sends an expired one.
      this.token = { value: access_token, renewAt: Date.now() + expires_in * 900 };
      return access_token;
    }
    const error = body as ApiError;
    if (res.status === 401 || (res.status === 400 && (error.param === 'app_id' || error.param === 'app_secret')))
      throw new CliFailure(
        `the sandbox at ${this.sandbox} refused app id ${this.appId}: ${error.message} (${res.status} ${error.sub_code ?? error.code}). ` +
          'Check JUYIFU_APP_ID and JUYIFU_APP_SECRET (or --app-id and --app-secret): both must come from the same app ' +
          'of this sandbox (the secret is shown once, when the app is made), and --sandbox must be where that app lives.',
        EXIT.credentials,
      );
    throw this.failure(res, error);
  }

  /**
   * A call with the Bearer token. A 401 that a new token cures is retried once with one; any
   * other answer is the caller's to read.
   */
  async call(path: string, init: RequestInit = {}): Promise<Response> {
    for (let attempt = 0; ; attempt++) {
      const token = await this.accessToken(init.signal ?? undefined);
      const res = await this.send(path, {
        ...init,
        headers: { ...(init.headers as Record<string, string>), authorization: `Bearer ${token}` },
      });
      if (res.status !== 401 || attempt > 0) return res;
      const error = (await this.envelope(res)) as ApiError;
      if (!RENEWABLE.has(error.sub_code ?? '')) throw this.failure(res, error);
      this.token = undefined;
    }
  }

  /** The JSON of an answer; an answer that is not JSON is not from a JuYiFu sandbox. */
  async envelope(res: Response): Promise<unknown> {
    const text = await res.text();
    try {
      return JSON.parse(text);
    } catch {
      throw new CliFailure(
        `${this.sandbox} answered ${res.status} with something that is not a JuYiFu sandbox's JSON: is --sandbox (or JUYIFU_SANDBOX_URL) the sandbox's address?`,
        EXIT.unreachable,
        // A proxy's error page while the sandbox behind it restarts.
        res.status >= 500,
      );
    }
  }

  /** The sandbox's error answer as a failure: worth trying again when the sandbox is busy or restarting. */
  failure(res: Response, error: ApiError): CliFailure {
    const transient = res.status === 429 || res.status >= 500;
    const code = error.sub_code ? `${error.code} ${error.sub_code}` : error.code;
    return new CliFailure(
      `the sandbox answered ${res.status} (${code}): ${error.message}${error.request_id ? ` [request ${error.request_id}]` : ''}`,
      EXIT.usage,
      transient,
    );
  }

  private async send(path: string, init: RequestInit): Promise<Response> {
    try {
      const headers = { 'accept-language': LANGUAGE, ...(init.headers as Record<string, string>) };
      return await fetch(this.url(path), { ...init, headers, redirect: 'manual' });
    } catch (e) {
      if (init.signal?.aborted) throw e;
      throw new Unreachable(this.sandbox, networkReason(e));
    }
  }
}

function isToken(body: unknown): body is { data: { access_token: string; expires_in: number } } {
  const data = (body as { data?: { access_token?: unknown; expires_in?: unknown } } | null)?.data;
  return typeof data?.access_token === 'string' && typeof data.expires_in === 'number';
}
