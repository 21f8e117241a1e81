/**
 * The sandbox's one 429 answer. Every limit (per app, per address for new apps, and the
 * simulated one) is answered by rateLimited(), so they all carry Retry-After the same way.
 */
import type { RateLimiter } from '../domain/ratelimit.ts';
import { ApiError } from '../errors.ts';

/**
 * 429 with the wait in Retry-After and in the detail, which the rate_limited message shows
 * ("retry in N s"); simulated_error's message has no place for it.
 */
export function rateLimited(
  retryAfterSeconds: number,
  subCode: 'rate_limited' | 'simulated_error' = 'rate_limited',
): ApiError {
  const wait = String(retryAfterSeconds);
  return new ApiError(429, subCode, { detail: wait, headers: { 'Retry-After': wait } });
}

/** Counts one request against `key`'s limit; over the limit, throws the 429. */
export async function enforceRateLimit(limiter: RateLimiter, key: string, now: number): Promise<void> {
  const retryAfter = await limiter.hit(key, now);
  if (retryAfter !== null) throw rateLimited(retryAfter);
}
