/**
 * Webhook events: the inbox (every event, reachable endpoint or not), resending, and the
 * dispatcher that delivers due events with retries. Deliveries live in the database, so pending
 * ones are picked up again after a restart; an attempt cut short by a crash is simply retried
 * (receivers must be idempotent on the event id, as the docs say).
 */
import type { SandboxContext } from '../context.ts';
import { isoShanghai } from '../domain/time.ts';
import { randomSecret } from '../domain/ids.ts';
import { nextAttemptAt, PREVIOUS_SECRET_TTL_MS, sign, signingSecrets } from '../domain/webhooks.ts';
import { ApiError } from '../errors.ts';
import type { AttemptRecord, EventRecord } from '../store/types.ts';
import type { Principal } from './auth.ts';
import { deliver } from './webhook-delivery.ts';

/** The secrets an event sent now is signed with (two for a day after a rotation). */
export async function webhookSecrets(ctx: SandboxContext, appId: string): Promise<string[]> {
  const app = await ctx.store.findApp(appId);
  if (!app) throw new Error(`event of unknown app ${appId}`);
  const previous = app.previous_webhook_secret_sealed ? ctx.box.open(app.previous_webhook_secret_sealed) : null;
  return signingSecrets(
    ctx.box.open(app.webhook_secret_sealed),
    previous,
    app.previous_webhook_secret_expires_at ?? null,
    ctx.now(),
  );
}

/**
 * A new webhook secret. The old one keeps signing beside it for 24 hours, so a receiver can
 * switch its configuration at any moment of that day without refusing a single event. A second
 * rotation inside the day drops the oldest: only the two newest secrets ever sign.
 */
export async function rotateWebhookSecret(ctx: SandboxContext, who: Principal) {
  const secret = randomSecret('whsec_');
  const previousExpiresAt = ctx.now() + PREVIOUS_SECRET_TTL_MS;
  await ctx.store.rotateWebhookSecret(who.appId, ctx.box.seal(secret), previousExpiresAt);
  return { webhook_secret: secret, previous_expires_at: isoShanghai(previousExpiresAt) };
}

function eventView(e: EventRecord, attempts: AttemptRecord[], secrets: string[]) {
  const body = JSON.parse(e.payload);
  return {
    ...body,
    delivery: {
      status: e.status,
      next_attempt_at: e.next_attempt_at == null ? null : isoShanghai(e.next_attempt_at),
      attempts: attempts.map((a) => ({
        at: isoShanghai(a.at),
        outcome: a.outcome,
        http_status: a.http_status,
        duration_ms: a.duration_ms,
        ...(a.error ? { error: a.error } : {}),
        ...(a.response_excerpt ? { response_excerpt: a.response_excerpt } : {}),
      })),
    },
    // What a receiver would get, so the console can check the signature in the browser.
    signature: sign(secrets, body.created, e.payload),
    payload: e.payload,
  };
}

export async function views(ctx: SandboxContext, who: Principal, events: EventRecord[]) {
  const attempts = await ctx.store.listAttempts(events.map((e) => e.event_id));
  const secrets = await webhookSecrets(ctx, who.appId);
  return events.map((e) =>
    eventView(
      e,
      attempts.filter((a) => a.event_id === e.event_id),
      secrets,
    ),
  );
}

export async function listEvents(ctx: SandboxContext, who: Principal, q: { order_id?: string; limit?: number }) {
  return { items: await views(ctx, who, await ctx.store.listEvents(who.merchantId, q.order_id, q.limit ?? 20)) };
}

export async function resendEvent(ctx: SandboxContext, who: Principal, eventId: string) {
  const e = await ctx.store.findEvent(who.merchantId, eventId);
  if (!e) throw new ApiError(404, 'resource_not_found', { param: 'event_id', detail: eventId });
  if (!e.notify_url) throw new ApiError(400, 'no_notify_url', { param: 'event_id' });
  await ctx.store.resendEvent(e.event_id, ctx.now());
  ctx.eventQueued();
  const [view] = await views(ctx, who, [(await ctx.store.findEvent(who.merchantId, eventId))!]);
  return view;
}

/** Delivers due events, a few at a time, on a timer and whenever a new one is queued. */
export class WebhookDispatcher {
  private timer?: NodeJS.Timeout;
  private readonly inFlight = new Map<string, Promise<void>>();
  private readonly abort = new AbortController();
  private pumping = false;
  private again = false;
  /** Longer than any attempt can take: the delivery timeout, and time to record the outcome. */
  private readonly leaseMs: number;

  constructor(
    private readonly ctx: SandboxContext,
    private readonly concurrency = 8,
    private readonly pollMs = 500,
  ) {
    this.leaseMs = ctx.config.webhookTimeoutMs + 5000;
  }

  start(): void {
    this.timer = setInterval(() => this.kick(), this.pollMs);
    this.timer.unref();
    this.kick();
  }

  kick(): void {
    if (this.abort.signal.aborted) return;
    if (this.pumping) {
      this.again = true;
      return;
    }
    this.pumping = true;
    this.pump()
      .catch((err) => console.error('webhook dispatcher:', err))
      .finally(() => {
        this.pumping = false;
        if (this.again) {
          this.again = false;
          this.kick();
        }
      });
  }

  private async pump(): Promise<void> {
    const room = this.concurrency - this.inFlight.size;
    if (room <= 0) return;
    // Claimed, not just read: while this process delivers an event, no other takes it (until
    // the lease ends, which only matters if this process dies mid-delivery).
    const now = this.ctx.now();
    const due = await this.ctx.store.claimDueEvents(now, room, now + this.leaseMs);
    for (const e of due) {
      const job = this.attempt(e)
        .catch((err) => console.error(`webhook ${e.event_id}:`, err))
        .finally(() => {
          this.inFlight.delete(e.event_id);
          this.kick();
        });
      this.inFlight.set(e.event_id, job);
    }
  }

  private async attempt(e: EventRecord): Promise<void> {
    const { ctx } = this;
    const secrets = await webhookSecrets(ctx, e.app_id);
    const started = ctx.now();
    const result = await deliver(
      e.notify_url!,
      e.payload,
      { 'JuYiFu-Signature': sign(secrets, Math.floor(started / 1000), e.payload), 'JuYiFu-Event-Id': e.event_id },
      {
        allowPrivate: ctx.config.webhookAllowPrivate,
        timeoutMs: ctx.config.webhookTimeoutMs,
        signal: this.abort.signal,
      },
    );
    if (this.abort.signal.aborted) {
      // Shutting down: the event goes back, due now, for this process's next start or another's.
      await ctx.store.releaseEvent(e.event_id, ctx.now());
      return;
    }
    const now = ctx.now();
    const attempts = e.attempt_count + 1;
    const retryAt =
      result.outcome === 'delivered' || result.outcome === 'blocked'
        ? null
        : nextAttemptAt(ctx.config.webhookRetrySeconds, attempts, now);
    await ctx.store.recordAttempt(
      { event_id: e.event_id, at: started, duration_ms: Math.max(0, now - started), ...result },
      {
        status: result.outcome === 'delivered' ? 'delivered' : retryAt == null ? 'failed' : 'pending',
        attempt_count: attempts,
        next_attempt_at: retryAt,
      },
    );
  }

  /** Stops taking work and cuts in-flight deliveries short; they stay pending in the database. */
  async stop(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    this.abort.abort();
    await Promise.allSettled([...this.inFlight.values()]);
  }
}
