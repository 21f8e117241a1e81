/**
 * Access tokens for the console, fetched with the stored key and reused until a minute before
 * they expire, so the reader never handles a token unless they want to.
 */
export interface CachedToken {
  access_token: string;
  /** epoch ms */
  expires_at: number;
  app_id: string;
}

export type TokenFetcher = (appId: string, appSecret: string) => Promise<{ access_token: string; expires_in: number }>;

const REFRESH_MARGIN_MS = 60_000;

export class TokenCache {
  private pending: Promise<CachedToken> | null = null;

  constructor(
    private readonly fetcher: TokenFetcher,
    private readonly now: () => number = Date.now,
    private current: CachedToken | null = null,
  ) {}

  peek(): CachedToken | null {
    return this.current;
  }

  /** Remembers a token the reader got by hand on the token page. */
  put(appId: string, accessToken: string, expiresIn: number): void {
    this.current = { access_token: accessToken, expires_at: this.now() + expiresIn * 1000, app_id: appId };
  }

  forget(): void {
    this.current = null;
  }

  async get(appId: string, appSecret: string): Promise<CachedToken> {
    const c = this.current;
    if (c && c.app_id === appId && c.expires_at - REFRESH_MARGIN_MS > this.now()) return c;
    // One request at a time: two consoles asking at once share it.
    this.pending ??= this.fetcher(appId, appSecret)
      .then((t) => {
        this.put(appId, t.access_token, t.expires_in);
        return this.current!;
      })
      .finally(() => {
        this.pending = null;
      });
    return this.pending;
  }
}
