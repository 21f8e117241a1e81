/**
 * Idempotency keys, pure. A key lives 24 hours from the request that first used it (as Stripe
 * and WeChat Pay keep theirs); after that the key is free and a request with it is new.
 */
export const IDEMPOTENCY_TTL_MS = 24 * 60 * 60 * 1000;

/** True while the key still answers with its first response. */
export function idempotencyLive(rec: { created_at: number; expires_at?: number | null }, now: number): boolean {
  return now < (rec.expires_at ?? rec.created_at + IDEMPOTENCY_TTL_MS);
}

/** An answer as it went on the wire, kept so an idempotent replay can send the same bytes. */
export interface RenderedAnswer {
  status: number;
  body: string;
}

/** What a request that may carry an Idempotency-Key came to: its answer, and whether that is a replay. */
export interface KeyedAnswer {
  answer: RenderedAnswer;
  replayed: boolean;
}
