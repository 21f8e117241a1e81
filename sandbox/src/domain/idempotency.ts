/**
 * Idempotency keys, pure. A key lives 24 hours from the request that first used it (as Stripe
 * and WeChat Pay keep theirs); after that the key is free and a request with it is new.
 */
import { createHash } from 'node:crypto';

export const IDEMPOTENCY_TTL_MS = 24 * 60 * 60 * 1000;

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

/** What a kept key tells of the request that first used it (the store's record has these fields). */
interface KeptKey {
  request_hash: string;
  /** The resource the key made: an order or a refund. */
  order_id: string;
  created_at: number;
  /** Null on keys kept before expiry was recorded. */
  expires_at?: number | null;
  /** Null on keys kept before answers were. */
  response_status: number | null;
  response_body: string | null;
}

/** True while the key still answers with its first response. */
export function idempotencyLive(rec: { created_at: number; expires_at?: number | null }, now: number): boolean {
  return now < (rec.expires_at ?? rec.created_at + IDEMPOTENCY_TTL_MS);
}

/** Key order does not change the hash, so a retried body with reordered fields still matches. */
export function requestHash(input: object): string {
  const canonical = JSON.stringify(input, Object.keys(input).sort());
  return createHash('sha256').update(canonical).digest('hex');
}

/**
 * The record a key keeps for the resource it made: the request's hash and the answer's exact
 * bytes, for 24 hours from now. A request without a key keeps nothing.
 */
export function keyRecord(
  merchantId: string,
  key: string | undefined,
  hash: string,
  made: { resourceId: string; answer: RenderedAnswer },
  now: number,
) {
  if (!key) return undefined;
  const { resourceId, answer } = made;
  return {
    merchant_id: merchantId,
    key,
    request_hash: hash,
    order_id: resourceId,
    created_at: now,
    expires_at: now + IDEMPOTENCY_TTL_MS,
    response_status: answer.status,
    response_body: answer.body,
  };
}

/**
 * What a request with a key that may have been used must do: go ahead (no record, or an expired
 * one), answer the first response again (same request), or be refused (another request's key).
 * A key kept before answers were stored has no bytes to replay: `unanswered` names its resource.
 */
export type KeyUse =
  | { kind: 'free' }
  | { kind: 'replay'; answer: RenderedAnswer }
  | { kind: 'conflict' }
  | { kind: 'unanswered'; resourceId: string };

export function keyUse(seen: KeptKey | undefined, hash: string, now: number): KeyUse {
  if (!seen || !idempotencyLive(seen, now)) return { kind: 'free' };
  if (seen.request_hash !== hash) return { kind: 'conflict' };
  if (seen.response_body == null || seen.response_status == null)
    return { kind: 'unanswered', resourceId: seen.order_id };
  return { kind: 'replay', answer: { status: seen.response_status, body: seen.response_body } };
}
