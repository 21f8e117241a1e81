/**
 * A fixed-window rate limit that every sandbox instance on one shared store counts together,
 * with the in-process limiter's meaning (domain/ratelimit.ts): a key's window starts at its
 * first hit and lasts `windowMs`; each hit is one atomic count in the store.
 */
import type { RateLimiter } from '../domain/ratelimit.ts';
import type { RateWindow, Store } from './types.ts';

export class SharedWindowLimiter implements RateLimiter {
  constructor(
    private readonly store: Required<Pick<Store, 'countHit'>>,
    /** Keeps this limit's keys apart from the other limits' in the store. */
    private readonly name: string,
    private readonly limit: number,
    private readonly windowMs: number,
  ) {}

  private wait(w: RateWindow, now: number): number {
    return Math.max(1, Math.ceil((w.start + this.windowMs - now) / 1000));
  }

  async hit(key: string, now: number): Promise<number | null> {
    if (this.limit <= 0) return null;
    const w = await this.store.countHit(`${this.name}:${key}`, now, this.windowMs, 1);
    return w.count <= this.limit ? null : this.wait(w, now);
  }

  async blocked(key: string, now: number): Promise<number | null> {
    if (this.limit <= 0) return null;
    const w = await this.store.countHit(`${this.name}:${key}`, now, this.windowMs, 0);
    return w.count < this.limit ? null : this.wait(w, now);
  }
}
