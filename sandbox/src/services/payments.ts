/** Payment orders: create (with idempotency and routing), read, close, simulate. */
import { createHash } from 'node:crypto';
import type { SandboxContext } from '../context.ts';
import { newId, randomBuffer } from '../domain/ids.ts';
import {
  attemptOutcome,
  autoSchedule,
  canTransition,
  dueTransition,
  eventTypeFor,
  paymentView,
  transitionPatch,
  type FinalResult,
  type PaymentRecord,
  type Transition,
} from '../domain/payments.ts';
import { routeOrder } from '../domain/routing.ts';
import { ApiError } from '../errors.ts';
import type { EventRecord } from '../store/types.ts';
import type { Principal } from './auth.ts';

interface CreatePaymentInput {
  product_id: string;
  product_name: string;
  amount: number;
  source_id?: string;
  out_trade_no?: string;
  pay_way?: string;
  currency?: string;
  memo?: string;
  external_ext?: string;
  notify_url?: string;
  return_url?: string;
  time_expire?: number;
}

type PaymentView = ReturnType<typeof paymentView>;

/** Key order does not change the hash, so a retried body with reordered fields still matches. */
function requestHash(input: object): string {
  const canonical = JSON.stringify(input, Object.keys(input).sort());
  return createHash('sha256').update(canonical).digest('hex');
}

export async function createPayment(
  ctx: SandboxContext,
  who: Principal,
  input: CreatePaymentInput,
  idempotencyKey: string | undefined,
): Promise<{ payment: PaymentView; replayed: boolean }> {
  if (input.source_id && input.source_id !== who.merchantId) {
    throw new ApiError(403, 'source_id_mismatch', { param: 'source_id' });
  }
  const hash = requestHash(input);
  const replay = async (orderId: string, storedHash: string) => {
    if (storedHash !== hash) throw new ApiError(409, 'idempotency_conflict', { param: 'Idempotency-Key' });
    const first = await ctx.store.findPayment(who.merchantId, orderId);
    if (!first) throw new Error(`idempotency record points at missing order ${orderId}`);
    return { payment: paymentView(first, ctx.config.publicUrl), replayed: true };
  };
  if (idempotencyKey) {
    const seen = await ctx.store.findIdempotency(who.merchantId, idempotencyKey);
    if (seen) return replay(seen.order_id, seen.request_hash);
  }

  const now = ctx.now();
  const orderId = newId('pay');
  const payWay = input.pay_way ?? null;
  const route = routeOrder(await ctx.store.listChannels(who.merchantId), payWay, input.amount, orderId);
  if (route.length === 0)
    throw new ApiError(400, 'no_eligible_channel', { param: input.pay_way ? 'pay_way' : 'amount' });

  const payment: PaymentRecord = {
    order_id: orderId,
    merchant_id: who.merchantId,
    app_id: who.appId,
    out_trade_no: input.out_trade_no ?? null,
    product_id: input.product_id,
    product_name: input.product_name,
    amount: input.amount,
    currency: input.currency ?? 'cny',
    pay_way: payWay,
    channel_id: route[0].channel_id,
    status: 'created',
    memo: input.memo ?? null,
    external_ext: input.external_ext ?? null,
    notify_url: input.notify_url ?? null,
    return_url: input.return_url ?? null,
    client_secret: `${orderId}_secret_${randomBuffer(12).toString('base64url')}`,
    failure_code: null,
    created_at: now,
    updated_at: now,
    expires_at: now + (input.time_expire ?? 1800) * 1000,
    paid_at: null,
    closed_at: null,
    fee: null,
    ...autoSchedule(ctx.magicAmounts.get(input.amount), now),
  };
  const idem = idempotencyKey
    ? { merchant_id: who.merchantId, key: idempotencyKey, request_hash: hash, order_id: orderId, created_at: now }
    : undefined;
  const result = await ctx.store.insertPayment(payment, idem);
  if (result.kind === 'idempotent') return replay(result.existing.order_id, result.existing.request_hash);
  if (result.kind === 'duplicate_out_trade_no') {
    throw new ApiError(400, 'duplicate_out_trade_no', { param: 'out_trade_no', detail: input.out_trade_no });
  }
  return { payment: paymentView(payment, ctx.config.publicUrl), replayed: false };
}

/** The notification a move into a final state sends, as stored and later signed. */
function eventFor(ctx: SandboxContext, after: PaymentRecord, now: number): EventRecord | undefined {
  const type = eventTypeFor(after.status);
  if (!type) return undefined;
  const id = newId('evt');
  const payload = JSON.stringify({
    id,
    type,
    created: Math.floor(now / 1000),
    data: { payment: paymentView(after, ctx.config.publicUrl) },
  });
  return {
    event_id: id,
    merchant_id: after.merchant_id,
    app_id: after.app_id,
    order_id: after.order_id,
    type,
    created_at: now,
    payload,
    notify_url: after.notify_url,
    status: after.notify_url ? 'pending' : 'no_endpoint',
    attempt_count: 0,
    next_attempt_at: after.notify_url ? now : null,
  };
}

/**
 * Moves an order if it is still where we read it, with its notification in the same write;
 * returns the order as it now is.
 */
async function applyTransition(ctx: SandboxContext, p: PaymentRecord, t: Transition): Promise<PaymentRecord> {
  const now = ctx.now();
  const channel = (await ctx.store.listChannels(p.merchant_id)).find((c) => c.channel_id === p.channel_id);
  const patch = transitionPatch(t, now, p.amount, channel?.fee_rate_bps ?? 0);
  const after = { ...p, ...patch };
  const event = eventFor(ctx, after, now);
  if (await ctx.store.updatePayment(p.order_id, p.status, patch, event)) {
    if (event?.status === 'pending') ctx.eventQueued();
    return after;
  }
  // Someone moved it first (a concurrent request or the sweeper): report what is there now.
  return (await ctx.store.findPayment(p.merchant_id, p.order_id)) ?? p;
}

/** Brings an order up to date with what time alone does to it (magic amounts, expiry). */
export async function settle(ctx: SandboxContext, p: PaymentRecord): Promise<PaymentRecord> {
  const due = dueTransition(p, ctx.now(), ctx.magicAmounts.get(p.amount));
  return due ? applyTransition(ctx, p, due) : p;
}

async function loadOrder(ctx: SandboxContext, who: Principal, orderId: string): Promise<PaymentRecord> {
  const p = await ctx.store.findPayment(who.merchantId, orderId);
  // Another merchant's order answers exactly like a missing one.
  if (!p) throw new ApiError(404, 'resource_not_found', { param: 'order_id', detail: orderId });
  return settle(ctx, p);
}

export async function getPayment(ctx: SandboxContext, who: Principal, orderId: string): Promise<PaymentView> {
  return paymentView(await loadOrder(ctx, who, orderId), ctx.config.publicUrl);
}

export async function queryPayment(
  ctx: SandboxContext,
  who: Principal,
  q: { order_id?: string; out_trade_no?: string },
): Promise<PaymentView> {
  if (q.order_id) return getPayment(ctx, who, q.order_id);
  if (!q.out_trade_no) throw new ApiError(400, 'missing_query', { param: 'order_id' });
  const p = await ctx.store.findPaymentByOutTradeNo(who.merchantId, q.out_trade_no);
  if (!p) throw new ApiError(404, 'resource_not_found', { param: 'out_trade_no', detail: q.out_trade_no });
  return paymentView(await settle(ctx, p), ctx.config.publicUrl);
}

/** Drives an order to a final result, as the payer or the channel would. */
export async function finishPayment(
  ctx: SandboxContext,
  who: Principal,
  orderId: string,
  requested: FinalResult,
  failureCode?: string,
): Promise<PaymentView> {
  return paymentView(
    await finishOrder(ctx, await loadOrder(ctx, who, orderId), requested, failureCode),
    ctx.config.publicUrl,
  );
}

/** The state machine step shared by the API, the simulate endpoint and the cashier. */
export async function finishOrder(
  ctx: SandboxContext,
  p: PaymentRecord,
  requested: FinalResult,
  failureCode?: string,
): Promise<PaymentRecord> {
  const t = attemptOutcome(requested, ctx.magicAmounts.get(p.amount), failureCode);
  if (!canTransition(p.status, t.status)) {
    throw new ApiError(400, 'invalid_state_transition', { param: 'order_id', detail: p.status });
  }
  const after = await applyTransition(ctx, p, t);
  if (after.status !== t.status) {
    throw new ApiError(400, 'invalid_state_transition', { param: 'order_id', detail: after.status });
  }
  return after;
}

/** The payer opened the cashier: a created order is now being paid. Due changes apply first. */
export async function startPaying(ctx: SandboxContext, p: PaymentRecord): Promise<PaymentRecord> {
  const current = await settle(ctx, p);
  if (current.status !== 'created') return current;
  return applyTransition(ctx, current, { status: 'paying', failure_code: null });
}

/** Applies every transition that has come due; the server runs this on a timer. */
export async function settleDuePayments(ctx: SandboxContext, limit = 500): Promise<number> {
  const due = await ctx.store.listDuePayments(ctx.now(), limit);
  for (const p of due) await settle(ctx, p);
  return due.length;
}
