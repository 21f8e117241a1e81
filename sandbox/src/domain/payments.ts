/**
 * Payment orders, pure: the state machine, what magic amounts do, and the public view.
 * PAYMENT_MOVES (contract/payment-states.ts) is the one table of states and moves: the code
 * checks every change against it and the 支付订单 pages render it, so the docs cannot describe
 * another machine.
 */
import type { MagicAmount } from '../../../contract/index.ts';
import { PAYMENT_MOVES, type CloseReason, type PaymentStatus } from '../../../contract/payment-states.ts';
import { credentialFor } from './credentials.ts';
import { feeFor } from './money.ts';
import { isoShanghai } from './time.ts';

export type { CloseReason, PaymentStatus } from '../../../contract/payment-states.ts';
export type FinalResult = 'paid' | 'failed' | 'closed';

/** Statuses no move leaves: paid, failed, closed. */
export function isFinal(status: PaymentStatus): boolean {
  return !PAYMENT_MOVES.some((m) => m.from === status);
}

export function canTransition(from: PaymentStatus, to: PaymentStatus): boolean {
  return PAYMENT_MOVES.some((m) => m.from === from && m.to === to);
}

/**
 * The statuses an order passes through from `from` to `to`, each a move of the table, or null
 * when the table has no such path. A payment asked of a created order goes through paying.
 */
export function pathTo(from: PaymentStatus, to: PaymentStatus): PaymentStatus[] | null {
  if (canTransition(from, to)) return [to];
  const via = PAYMENT_MOVES.find((m) => m.from === from && canTransition(m.to, to));
  return via ? [via.to, to] : null;
}

export interface PaymentRecord {
  order_id: string;
  merchant_id: string;
  app_id: string;
  out_trade_no: string | null;
  product_id: string;
  product_name: string;
  amount: number;
  currency: string;
  pay_way: string | null;
  channel_id: string | null;
  status: PaymentStatus;
  memo: string | null;
  external_ext: string | null;
  notify_url: string | null;
  return_url: string | null;
  client_secret: string;
  failure_code: string | null;
  created_at: number;
  updated_at: number;
  expires_at: number;
  paid_at: number | null;
  closed_at: number | null;
  /** Fixed when the order is paid: amount × the routed channel's rate then (see bills.ts). */
  fee: number | null;
  /** A magic amount's scheduled outcome, applied when due. */
  auto_result: 'paid' | 'failed' | null;
  auto_at: number | null;
  close_reason: CloseReason | null;
  /** Σ amount of its succeeded refunds; the order stays paid. */
  amount_refunded: number;
  /** Every status the order has had, with when it got it (created first). */
  status_history: StatusChange[];
  /** Each channel the order was offered to, in order; the last accepted one is channel_id. */
  channel_attempts: ChannelAttempt[];
}

export interface StatusChange {
  status: PaymentStatus;
  at: number;
}

export interface ChannelAttempt {
  channel_id: string;
  result: 'accepted' | 'failed';
  failure_code: string | null;
  at: number;
}

export interface Transition {
  status: PaymentStatus;
  failure_code: string | null;
  close_reason?: CloseReason;
  /** When it happened, if not now: a move time brings is dated when it came due, not when seen. */
  at?: number;
}

/**
 * What asking for `requested` really does to an order of this amount: a declining magic
 * amount turns every payment attempt into a failure with its failure code.
 */
export function attemptOutcome(
  requested: FinalResult,
  magic: MagicAmount | undefined,
  failureCode?: string,
): Transition {
  if (requested === 'paid' && magic?.behavior === 'decline') {
    return { status: 'failed', failure_code: magic.failure_code ?? 'channel_declined' };
  }
  if (requested === 'failed') return { status: 'failed', failure_code: failureCode ?? 'channel_declined' };
  return { status: requested, failure_code: null };
}

/** What a close asked for `reason` does: closed, with the reason and no failure code. */
export function closeOutcome(reason: CloseReason): Transition {
  return { status: 'closed', failure_code: null, close_reason: reason };
}

/** The schedule a magic amount puts on a new order. */
export function autoSchedule(
  magic: MagicAmount | undefined,
  createdAt: number,
): Pick<PaymentRecord, 'auto_result' | 'auto_at'> {
  if (magic?.behavior === 'auto_pay' || magic?.behavior === 'auto_fail') {
    return {
      auto_result: magic.behavior === 'auto_pay' ? 'paid' : 'failed',
      auto_at: createdAt + (magic.delay_seconds ?? 3) * 1000,
    };
  }
  return { auto_result: null, auto_at: null };
}

/** The change time alone brings to an order (a magic amount's outcome, or expiry), if any. */
export function dueTransition(p: PaymentRecord, now: number, magic: MagicAmount | undefined): Transition | null {
  if (isFinal(p.status)) return null;
  if (p.auto_result && p.auto_at != null && now >= p.auto_at && p.auto_at <= p.expires_at) {
    return p.auto_result === 'paid'
      ? { status: 'paid', failure_code: null, at: p.auto_at }
      : { status: 'failed', failure_code: magic?.failure_code ?? 'channel_declined', at: p.auto_at };
  }
  if (now >= p.expires_at) return { ...closeOutcome('expired'), at: p.expires_at };
  return null;
}

/**
 * Fields to store when order `p` moves to `t` at `now`, routed at `feeRateBps`: the status, and
 * every step of the path there in status_history (a payment of a created order records paying
 * too). Null when the table has no path from where the order is.
 */
export function transitionPatch(
  p: Pick<PaymentRecord, 'status' | 'amount' | 'status_history'>,
  t: Transition,
  now: number,
  feeRateBps: number,
): Partial<PaymentRecord> | null {
  const path = pathTo(p.status, t.status);
  if (!path) return null;
  return {
    status: t.status,
    failure_code: t.failure_code,
    close_reason: t.status === 'closed' ? (t.close_reason ?? 'merchant') : null,
    updated_at: now,
    paid_at: t.status === 'paid' ? now : null,
    closed_at: t.status === 'closed' ? now : null,
    fee: t.status === 'paid' ? feeFor(p.amount, feeRateBps) : null,
    status_history: [...p.status_history, ...path.map((status) => ({ status, at: now }))],
  };
}

type EventType = 'payment.paid' | 'payment.failed' | 'payment.closed';

/** The notification a final state sends; null for states that send none. */
export function eventTypeFor(status: PaymentStatus): EventType | null {
  return status === 'paid' || status === 'failed' || status === 'closed' ? `payment.${status}` : null;
}

function payUrl(publicUrl: string, p: Pick<PaymentRecord, 'order_id' | 'client_secret'>): string {
  return `${publicUrl}/cashier/${p.order_id}?client_secret=${encodeURIComponent(p.client_secret)}`;
}

/** The payment as the API shows it. */
export function paymentView(p: PaymentRecord, publicUrl: string) {
  return {
    order_id: p.order_id,
    out_trade_no: p.out_trade_no,
    status: p.status,
    amount: p.amount,
    currency: p.currency,
    product_id: p.product_id,
    product_name: p.product_name,
    source_id: p.merchant_id,
    pay_way: p.pay_way,
    channel_id: p.channel_id,
    memo: p.memo,
    external_ext: p.external_ext,
    notify_url: p.notify_url,
    return_url: p.return_url,
    pay_url: payUrl(publicUrl, p),
    credential: credentialFor(p, payUrl(publicUrl, p)),
    failure_code: p.failure_code,
    close_reason: p.close_reason,
    fee: p.fee,
    amount_refunded: p.amount_refunded,
    refunded: p.amount_refunded > 0 && p.amount_refunded === p.amount,
    created_at: isoShanghai(p.created_at),
    updated_at: isoShanghai(p.updated_at),
    expires_at: isoShanghai(p.expires_at),
    paid_at: p.paid_at == null ? null : isoShanghai(p.paid_at),
    closed_at: p.closed_at == null ? null : isoShanghai(p.closed_at),
    channel_attempts: p.channel_attempts.map((a) => ({ ...a, at: isoShanghai(a.at) })),
    status_history: p.status_history.map((h) => ({ status: h.status, at: isoShanghai(h.at) })),
  };
}
