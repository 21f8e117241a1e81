/** The answer an Idempotency-Key already used gives, shared by the payment and refund requests. */
import type { KeyedAnswer, KeyUse, RenderedAnswer } from '../domain/idempotency.ts';
import { ApiError } from '../errors.ts';

/**
 * The first answer again, or undefined when the key is free. Another request's key is a 409.
 * A key kept before answers were stored is answered by `unanswered` where the caller can rebuild
 * the answer from the resource the key made, and is a 409 where it cannot.
 */
export async function replayFor(
  use: KeyUse,
  unanswered?: (resourceId: string) => Promise<RenderedAnswer>,
): Promise<KeyedAnswer | undefined> {
  if (use.kind === 'free') return undefined;
  if (use.kind === 'replay') return { answer: use.answer, replayed: true };
  if (use.kind === 'unanswered' && unanswered) return { answer: await unanswered(use.resourceId), replayed: true };
  throw new ApiError(409, 'idempotency_conflict', { param: 'Idempotency-Key' });
}
