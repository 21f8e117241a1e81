/**
 * GET /v1/sandbox/events/stream: every later event of the app, in stream order, each with the body
 * and JuYiFu-Signature a receiver gets. It reads the store (not this process's memory), so a
 * stream on any instance sees events made on every other one.
 *
 * Stream order is the store's insertion order (seq). On PostgreSQL two transactions can commit
 * out of that order, so a poll may see seq 11 before seq 10 exists: the stream re-reads from the
 * last position it is sure of (every seq seen by a poll at least SETTLE_MS ago) and skips what it
 * already sent, so a late commit is still sent, once.
 */
import type { SandboxContext } from '../context.ts';
import { sign } from '../domain/webhooks.ts';
import { ApiError } from '../errors.ts';
import type { StreamedEvent } from '../store/types.ts';
import type { Principal } from './auth.ts';
import { webhookSecrets } from './webhooks.ts';

const SETTLE_MS = 2000;
/** The contract's EventId (a header has no schema check of its own here). */
const EVENT_ID = /^evt_[A-Za-z0-9]{1,64}$/;
const BATCH = 200;

export interface StreamedItem {
  id: string;
  type: string;
  /** The JuYiFu-Signature header, signed now with the app's current secrets. */
  signature: string;
  /** The webhook body, byte for byte. */
  body: string;
}

/** Where a stream starts: after the event a client last saw, or after everything there is now. */
export async function streamStart(
  ctx: SandboxContext,
  who: Principal,
  lastEventId: string | undefined,
): Promise<number> {
  if (!lastEventId) return ctx.store.lastEventSeq();
  if (!EVENT_ID.test(lastEventId))
    throw new ApiError(400, 'invalid_value', { param: 'Last-Event-ID', detail: lastEventId.slice(0, 80) });
  const seq = await ctx.store.eventSeq(who.merchantId, lastEventId);
  if (seq === undefined) throw new ApiError(404, 'resource_not_found', { param: 'Last-Event-ID', detail: lastEventId });
  return seq;
}

/** Reads the app's events after `start`, poll by poll, until `signal` aborts. */
export async function* eventStream(
  ctx: SandboxContext,
  who: Principal,
  start: number,
  signal: AbortSignal,
  pollMs = 250,
): AsyncGenerator<StreamedItem> {
  let sure = start;
  const sent = new Map<string, number>();
  /** (when a poll ran, the highest seq it saw): a position becomes sure SETTLE_MS after a poll saw it. */
  const polls: [number, number][] = [];
  while (!signal.aborted) {
    const batch: StreamedEvent[] = await ctx.store.listEventsAfter(who.merchantId, sure, BATCH);
    const seen = batch.reduce((max, e) => Math.max(max, e.seq), sure);
    polls.push([performance.now(), seen]);
    let fresh = 0;
    for (const e of batch) {
      if (sent.has(e.event_id)) continue;
      fresh += 1;
      sent.set(e.event_id, e.seq);
      const secrets = await webhookSecrets(ctx, e.app_id);
      yield {
        id: e.event_id,
        type: e.type,
        signature: sign(secrets, Math.floor(ctx.now() / 1000), e.payload),
        body: e.payload,
      };
    }
    while (polls.length && performance.now() - polls[0][0] >= SETTLE_MS) sure = Math.max(sure, polls.shift()![1]);
    for (const [id, seq] of sent) if (seq <= sure) sent.delete(id);
    // A full batch of new events means more are waiting: read on at once.
    if (batch.length < BATCH || fresh === 0) await sleep(pollMs, signal);
  }
}

function sleep(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    const timer = setTimeout(done, ms);
    signal.addEventListener('abort', done, { once: true });
    function done() {
      clearTimeout(timer);
      signal.removeEventListener('abort', done);
      resolve();
    }
  });
}
