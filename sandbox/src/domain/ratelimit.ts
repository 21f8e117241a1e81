/**
 * A fixed-window counter per key. Kept in memory on purpose: the sandbox is one process, and
 * its limit protects that process. The clock is passed in so tests need not sleep.
 */
export class FixedWindowLimiter {
  private windows = new Map<string, { start: number; count: number }>();

  constructor(
    private readonly limit: number,
    private readonly windowMs: number,
  ) {}

  /** null when allowed, else the seconds until the window resets (for Retry-After). */
  hit(key: string, now: number): number | null {
    if (this.limit <= 0) return null;
    let w = this.windows.get(key);
    if (!w || now - w.start >= this.windowMs) {
      if (this.windows.size > 10_000) this.prune(now);
      w = { start: now, count: 0 };
      this.windows.set(key, w);
    }
    w.count += 1;
    if (w.count <= this.limit) return null;
    return Math.max(1, Math.ceil((w.start + this.windowMs - now) / 1000));
  }

  /** Like hit(), but without counting: null while `key` is within its limit. */
  blocked(key: string, now: number): number | null {
    const w = this.windows.get(key);
    if (this.limit <= 0 || !w || now - w.start >= this.windowMs || w.count < this.limit) return null;
    return Math.max(1, Math.ceil((w.start + this.windowMs - now) / 1000));
  }

  private prune(now: number): void {
    for (const [k, w] of this.windows) if (now - w.start >= this.windowMs) this.windows.delete(k);
  }
}

/**
 * What the sandbox's limits need of a counter: FixedWindowLimiter in one process, or a counter
 * every instance shares (store/shared-limiter.ts), which answers asynchronously.
 */
export interface RateLimiter {
  /** null when allowed, else the seconds until the window resets (for Retry-After). */
  hit(key: string, now: number): number | null | Promise<number | null>;
  /** Like hit(), but without counting: null while `key` is within its limit. */
  blocked(key: string, now: number): number | null | Promise<number | null>;
}
