/**
 * Refunds: ask (with out_refund_no and Idempotency-Key), read, simulate, and the settling that
 * time brings (the refund delay later, 2 s unless set; magic refund amounts fail). The ceiling
 * and the fee are decided inside the store's write transaction (placeRefund), so concurrent
 * refunds can never take more than the order's amount.
 */
import type { SandboxContext } from '../context.ts';
import {
  keyRecord,
  keyUse,
  requestHash,
  type KeyedAnswer,
  type KeyUse,
  type RenderedAnswer,
} from '../domain/idempotency.ts';
import { newId } from '../domain/ids.ts';
import { paymentView } from '../domain/payments.ts';
import {
  refundable,
  refundFee,
  refundSchedule,
  refundView,
  settleRefundPatch,
  type RefundRecord,
} from '../domain/refunds.ts';
import { ApiError } from '../errors.ts';
import type { RefundDecision } from '../store/types.ts';
import type { Principal } from './auth.ts';
import { eventRecord } from './event-record.ts';
import { replayFor } from './idempotency.ts';
import { loadOrder } from './payments.ts';

interface RefundInput {
  amount: number;
  out_refund_no: string;
  reason?: string;
  notify_url?: string;
}

type RefundView = ReturnType<typeof refundView>;

/** What placing a refund came to, decided inside the transaction. */
type Outcome =
  | { kind: 'created'; answer: RenderedAnswer }
  | { kind: 'replay'; use: KeyUse }
  | { kind: 'existing'; refund: RefundRecord };

export async function createRefund(
  ctx: SandboxContext,
  who: Principal,
  orderId: string,
  input: RefundInput,
  idempotencyKey: string | undefined,
  render: (refund: RefundView) => RenderedAnswer,
): Promise<KeyedAnswer> {
  await loadOrder(ctx, who, orderId); // 404 for another merchant's order; due moves applied first
  const now = ctx.now();
  const hash = requestHash({ order_id: orderId, ...input });
  let outcome: Outcome | undefined;
  await ctx.store.placeRefund(
    { merchantId: who.merchantId, orderId, outRefundNo: input.out_refund_no, idemKey: idempotencyKey },
    (found): RefundDecision => {
      const use = keyUse(found.idem, hash, now);
      if (use.kind !== 'free') {
        outcome = { kind: 'replay', use };
        return { kind: 'none' };
      }
      const payment = found.payment!;
      if (found.byNumber) {
        // The merchant's refund number is its own idempotency: the same refund answers itself.
        if (found.byNumber.order_id === orderId && found.byNumber.amount === input.amount) {
          outcome = { kind: 'existing', refund: found.byNumber };
          return { kind: 'none' };
        }
        throw new ApiError(409, 'out_refund_no_conflict', { param: 'out_refund_no', detail: input.out_refund_no });
      }
      if (payment.status !== 'paid') {
        throw new ApiError(400, 'order_not_paid', { param: 'order_id', detail: payment.status });
      }
      const left = refundable(payment.amount, found.ledger);
      if (input.amount > left)
        throw new ApiError(400, 'refund_exceeds_paid', { param: 'amount', detail: String(left) });
      const refund: RefundRecord = {
        refund_id: newId('ref'),
        merchant_id: who.merchantId,
        app_id: who.appId,
        order_id: orderId,
        out_refund_no: input.out_refund_no,
        amount: input.amount,
        fee_refunded: refundFee(payment, input.amount, found.ledger),
        status: 'pending',
        failure_code: null,
        reason: input.reason ?? null,
        notify_url: input.notify_url ?? payment.notify_url,
        created_at: now,
        updated_at: now,
        succeeded_at: null,
        ...refundSchedule(
          now,
          ctx.config.refundDelaySeconds,
          ctx.contract.testData.magic_refund_amounts.find((m) => m.amount === input.amount),
        ),
      };
      const answer = render(refundView(refund));
      outcome = { kind: 'created', answer };
      const idem = keyRecord(who.merchantId, idempotencyKey, hash, { resourceId: refund.refund_id, answer }, now);
      return { kind: 'create', refund, idem };
    },
  );
  if (!outcome) throw new Error('placeRefund decided nothing');
  if (outcome.kind === 'replay') {
    // A key with no answer kept is an old payment's: for a refund request, another request's key.
    const replayed = await replayFor(outcome.use);
    if (!replayed) throw new Error('a free key was taken for a replay');
    return replayed;
  }
  if (outcome.kind === 'existing') {
    return { answer: render(refundView(await settleIfDue(ctx, outcome.refund))), replayed: false };
  }
  return { answer: outcome.answer, replayed: false };
}

/**
 * Settles a pending refund as `result` at `at`: the refund, the order's amount_refunded and the
 * refund.* event in one write. Undefined when it was no longer pending.
 */
async function settleRefund(
  ctx: SandboxContext,
  refund: RefundRecord,
  result: 'succeeded' | 'failed',
  failureCode: string | null,
  at: number,
): Promise<RefundRecord | undefined> {
  let queued = false;
  const after = await ctx.store.settleRefund(refund.refund_id, (current, payment) => {
    const patch = settleRefundPatch(result, failureCode, at);
    const refundedDelta = result === 'succeeded' ? current.amount : 0;
    const paymentAfter = { ...payment, amount_refunded: payment.amount_refunded + refundedDelta };
    const data = {
      refund: refundView({ ...current, ...patch }),
      payment: paymentView(paymentAfter, ctx.config.publicUrl),
    };
    const event = eventRecord(current, `refund.${result}`, data, current.notify_url, at);
    queued = event.status === 'pending';
    return { patch, refundedDelta, event };
  });
  if (after && queued) ctx.eventQueued();
  return after;
}

/** A refund as it is now: one that came due settles first, dated when it came due. */
async function settleIfDue(ctx: SandboxContext, r: RefundRecord): Promise<RefundRecord> {
  if (r.status !== 'pending' || ctx.now() < r.due_at) return r;
  const after = await settleRefund(ctx, r, r.due_result, r.due_failure_code, r.due_at);
  return after ?? (await ctx.store.findRefund(r.merchant_id, r.refund_id)) ?? r;
}

async function loadRefund(ctx: SandboxContext, who: Principal, refundId: string): Promise<RefundRecord> {
  const r = await ctx.store.findRefund(who.merchantId, refundId);
  if (!r) throw new ApiError(404, 'resource_not_found', { param: 'refund_id', detail: refundId });
  return settleIfDue(ctx, r);
}

export async function getRefund(ctx: SandboxContext, who: Principal, refundId: string): Promise<RefundView> {
  return refundView(await loadRefund(ctx, who, refundId));
}

export async function queryRefund(ctx: SandboxContext, who: Principal, outRefundNo: string): Promise<RefundView> {
  const r = await ctx.store.findRefundByNumber(who.merchantId, outRefundNo);
  if (!r) throw new ApiError(404, 'resource_not_found', { param: 'out_refund_no', detail: outRefundNo });
  return refundView(await settleIfDue(ctx, r));
}

export async function listPaymentRefunds(ctx: SandboxContext, who: Principal, orderId: string) {
  await loadOrder(ctx, who, orderId);
  const refunds = await ctx.store.listRefunds(who.merchantId, orderId);
  const current = [];
  for (const r of refunds) current.push(refundView(await settleIfDue(ctx, r)));
  return { items: current };
}

/** Forces a pending refund's result now, as the channel would. */
export async function simulateRefund(
  ctx: SandboxContext,
  who: Principal,
  refundId: string,
  result: 'succeeded' | 'failed',
  failureCode?: string,
): Promise<RefundView> {
  const r = await loadRefund(ctx, who, refundId);
  const after = r.status === 'pending' ? await settleRefund(ctx, r, result, failureCode ?? null, ctx.now()) : undefined;
  if (!after) {
    const now = (await ctx.store.findRefund(who.merchantId, refundId)) ?? r;
    throw new ApiError(400, 'refund_not_pending', { param: 'refund_id', detail: now.status });
  }
  return refundView(after);
}

/** Settles every refund that has come due; the server runs this on a timer. */
export async function settleDueRefunds(ctx: SandboxContext, limit = 500): Promise<number> {
  const due = await ctx.store.listDueRefunds(ctx.now(), limit);
  for (const r of due) await settleIfDue(ctx, r);
  return due.length;
}
