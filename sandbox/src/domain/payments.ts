/**
 * Payment orders, pure: the state machine, what magic amounts do, and the public view.
 *   created → paying → paid | failed;  created/paying → closed.  Terminal states never change.
 */
import type { MagicAmount } from '../../../contract/index.ts';
import { feeFor } from './money.ts';
import { isoShanghai } from './time.ts';

type PaymentStatus = 'created' | 'paying' | 'paid' | 'failed' | 'closed';
export type FinalResult = 'paid' | 'failed' | 'closed';

const NEXT: Record<PaymentStatus, PaymentStatus[]> = {
  created: ['paying', 'paid', 'failed', 'closed'],
  paying: ['paid', 'failed', 'closed'],
  paid: [],
  failed: [],
  closed: [],
};

export function canTransition(from: PaymentStatus, to: PaymentStatus): boolean {
  return NEXT[from].includes(to);
}

export function isFinal(status: PaymentStatus): boolean {
  return NEXT[status].length === 0;
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
}

export interface Transition {
  status: PaymentStatus;
  failure_code: string | null;
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
      ? { status: 'paid', failure_code: null }
      : { status: 'failed', failure_code: magic?.failure_code ?? 'channel_declined' };
  }
  if (now >= p.expires_at) return { status: 'closed', failure_code: null };
  return null;
}

/** Fields to store when an order of `amount` moves to `t` at `now`, routed at `feeRateBps`. */
export function transitionPatch(
  t: Transition,
  now: number,
  amount: number,
  feeRateBps: number,
): Partial<PaymentRecord> {
  return {
    status: t.status,
    failure_code: t.failure_code,
    updated_at: now,
    paid_at: t.status === 'paid' ? now : null,
    closed_at: t.status === 'closed' ? now : null,
    fee: t.status === 'paid' ? feeFor(amount, feeRateBps) : null,
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
    failure_code: p.failure_code,
    fee: p.fee,
    created_at: isoShanghai(p.created_at),
    updated_at: isoShanghai(p.updated_at),
    expires_at: isoShanghai(p.expires_at),
    paid_at: p.paid_at == null ? null : isoShanghai(p.paid_at),
    closed_at: p.closed_at == null ? null : isoShanghai(p.closed_at),
  };
}
