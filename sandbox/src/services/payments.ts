/** Payment orders: create (with idempotency and fallback routing), read, close, simulate. */
import type { SandboxContext } from '../context.ts';
import { keyRecord, keyUse, requestHash, type KeyedAnswer, type RenderedAnswer } from '../domain/idempotency.ts';
import { newId, randomBuffer } from '../domain/ids.ts';
import {
  attemptOutcome,
  autoSchedule,
  closeOutcome,
  dueTransition,
  eventTypeFor,
  pathTo,
  paymentView,
  transitionPatch,
  type FinalResult,
  type PaymentRecord,
  type Transition,
} from '../domain/payments.ts';
import { placeOrder, routeOrder } from '../domain/routing.ts';
import { ApiError } from '../errors.ts';
import type { EventRecord, IdempotencyRecord } from '../store/types.ts';
import type { Principal } from './auth.ts';
import { eventRecord } from './event-record.ts';
import { replayFor } from './idempotency.ts';

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

/**
 * Creates an order. `render` turns the new order into the answer's exact bytes; they are kept
 * with the Idempotency-Key (24 hours) in the same write as the order, so a replay answers the
 * first response byte for byte even after the order moved on. Only a created order uses the
 * key: a request refused before or during creation stores nothing, so it can be corrected and
 * sent again with the same key.
 */
export async function createPayment(
  ctx: SandboxContext,
  who: Principal,
  input: CreatePaymentInput,
  idempotencyKey: string | undefined,
  render: (payment: PaymentView) => RenderedAnswer,
): Promise<KeyedAnswer> {
  if (input.source_id && input.source_id !== who.merchantId) {
    throw new ApiError(403, 'source_id_mismatch', { param: 'source_id' });
  }
  const hash = requestHash(input);
  const now = ctx.now();
  const fromKey = (seen: IdempotencyRecord | undefined) =>
    replayFor(keyUse(seen, hash, now), async (id) => {
      // A key kept before answers were stored: the order as it is now is the best there is.
      const first = await ctx.store.findPayment(who.merchantId, id);
      if (!first) throw new Error(`idempotency record points at missing order ${id}`);
      return render(paymentView(first, ctx.config.publicUrl));
    });
  if (idempotencyKey) {
    const replayed = await fromKey(await ctx.store.findIdempotency(who.merchantId, idempotencyKey));
    if (replayed) return replayed;
  }

  const orderId = newId('pay');
  const payWay = input.pay_way ?? null;
  const magic = ctx.magicAmounts.get(input.amount);
  // A magic amount does what the test-data table says whatever channels the merchant has.
  const route =
    magic?.behavior === 'no_channel'
      ? []
      : routeOrder(await ctx.store.listChannels(who.merchantId), payWay, input.amount, orderId);
  if (route.length === 0)
    throw new ApiError(400, 'no_eligible_channel', { param: input.pay_way ? 'pay_way' : 'amount' });
  const placed = placeOrder(route, now, (_c, i) => magic?.behavior === 'first_channel_unavailable' && i === 0);
  if (!placed.channel) throw new ApiError(503, 'channel_unavailable', { headers: { 'Retry-After': '60' } });

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
    channel_id: placed.channel.channel_id,
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
    close_reason: null,
    amount_refunded: 0,
    status_history: [{ status: 'created', at: now }],
    channel_attempts: placed.attempts,
    ...autoSchedule(magic, now),
  };
  const answer = render(paymentView(payment, ctx.config.publicUrl));
  const idem = keyRecord(who.merchantId, idempotencyKey, hash, { resourceId: orderId, answer }, now);
  const result = await ctx.store.insertPayment(payment, idem);
  if (result.kind === 'idempotent') {
    // The store found the key live at `now` as well, so this is a replay or a conflict, never free.
    const replayed = await fromKey(result.existing);
    if (!replayed) throw new Error(`the store called key ${idempotencyKey} live, but it expired`);
    return replayed;
  }
  if (result.kind === 'duplicate_out_trade_no') {
    throw new ApiError(400, 'duplicate_out_trade_no', { param: 'out_trade_no', detail: input.out_trade_no });
  }
  return { answer, replayed: false };
}

/** The notification a move into a final state sends, as stored and later signed. */
function eventFor(ctx: SandboxContext, after: PaymentRecord, now: number): EventRecord | undefined {
  const type = eventTypeFor(after.status);
  if (!type) return undefined;
  return eventRecord(after, type, { payment: paymentView(after, ctx.config.publicUrl) }, after.notify_url, now);
}

/**
 * Moves an order if it is still where we read it, with its notification in the same write.
 * `moved` says whether this call made the move; `order` is the order as it now is.
 */
async function applyTransition(
  ctx: SandboxContext,
  p: PaymentRecord,
  t: Transition,
): Promise<{ order: PaymentRecord; moved: boolean }> {
  const now = t.at ?? ctx.now();
  const channel = (await ctx.store.listChannels(p.merchant_id)).find((c) => c.channel_id === p.channel_id);
  const patch = transitionPatch(p, t, now, channel?.fee_rate_bps ?? 0);
  if (!patch) return { order: p, moved: false };
  const after = { ...p, ...patch };
  const event = eventFor(ctx, after, now);
  if (await ctx.store.updatePayment(p.order_id, p.status, patch, event)) {
    if (event?.status === 'pending') ctx.eventQueued();
    return { order: after, moved: true };
  }
  // Someone moved it first (a concurrent request or the sweeper): report what is there now.
  return { order: (await ctx.store.findPayment(p.merchant_id, p.order_id)) ?? p, moved: false };
}

/** Brings an order up to date with what time alone does to it (magic amounts, expiry). */
export async function settle(ctx: SandboxContext, p: PaymentRecord): Promise<PaymentRecord> {
  const due = dueTransition(p, ctx.now(), ctx.magicAmounts.get(p.amount));
  return due ? (await applyTransition(ctx, p, due)).order : p;
}

/** The merchant's order, brought up to date; another merchant's order is a 404 like a missing one. */
export async function loadOrder(ctx: SandboxContext, who: Principal, orderId: string): Promise<PaymentRecord> {
  const p = await ctx.store.findPayment(who.merchantId, orderId);
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

/**
 * Drives an order to a final result, as the payer or the channel would (simulate). A payment
 * of a created order passes through paying; a simulated close is what time_expire would do.
 */
export async function finishPayment(
  ctx: SandboxContext,
  who: Principal,
  orderId: string,
  requested: FinalResult,
  failureCode?: string,
): Promise<PaymentView> {
  const p = await loadOrder(ctx, who, orderId);
  const t =
    requested === 'closed'
      ? closeOutcome('expired')
      : attemptOutcome(requested, ctx.magicAmounts.get(p.amount), failureCode);
  return paymentView(await finishOrder(ctx, p, t), ctx.config.publicUrl);
}

/**
 * The merchant's close. Safe to retry: closing a closed order answers it as it is (a retry after
 * a timeout must not look like a failure); a paid or failed order cannot be closed.
 */
export async function closePayment(ctx: SandboxContext, who: Principal, orderId: string): Promise<PaymentView> {
  const p = await loadOrder(ctx, who, orderId);
  if (p.status === 'closed') return paymentView(p, ctx.config.publicUrl);
  const { order } = await applyTransition(ctx, p, closeOutcome('merchant'));
  if (order.status !== 'closed') {
    throw new ApiError(400, 'invalid_state_transition', { param: 'order_id', detail: order.status });
  }
  return paymentView(order, ctx.config.publicUrl);
}

/**
 * The state machine step shared by simulate and the cashier: this request makes the move, or
 * it is a 400 naming where the order is (also when a concurrent request finished it first).
 */
export async function finishOrder(ctx: SandboxContext, p: PaymentRecord, t: Transition): Promise<PaymentRecord> {
  const { order, moved } = pathTo(p.status, t.status) ? await applyTransition(ctx, p, t) : { order: p, moved: false };
  if (!moved) throw new ApiError(400, 'invalid_state_transition', { param: 'order_id', detail: order.status });
  return order;
}

/** Applies every transition that has come due; the server runs this on a timer. */
export async function settleDuePayments(ctx: SandboxContext, limit = 500): Promise<number> {
  const due = await ctx.store.listDuePayments(ctx.now(), limit);
  for (const p of due) await settle(ctx, p);
  return due.length;
}
