/**
 * Refunds, pure: what may be refunded, the fee a refund returns, what a magic refund amount
 * does, and the public view. The ceiling (refunds that have not failed never add up to more
 * than the order) is decided here from a ledger the store reads inside its write transaction,
 * so two refunds can never both take the last fen.
 */
import type { MagicRefundAmount } from '../../../contract/index.ts';
import { isoShanghai } from './time.ts';

export type RefundStatus = 'pending' | 'succeeded' | 'failed';

export interface RefundRecord {
  refund_id: string;
  merchant_id: string;
  app_id: string;
  order_id: string;
  out_refund_no: string;
  amount: number;
  fee_refunded: number;
  status: RefundStatus;
  failure_code: string | null;
  reason: string | null;
  /** Where its webhook goes: its own notify_url, else the order's. */
  notify_url: string | null;
  created_at: number;
  updated_at: number;
  succeeded_at: number | null;
  /** When it settles by itself, and how (a magic refund amount fails it). */
  due_at: number;
  due_result: 'succeeded' | 'failed';
  due_failure_code: string | null;
}

/** The order's refund balance, as of the write that is about to add a refund. */
export interface RefundLedger {
  /** Σ amount of the order's refunds that have not failed. */
  reserved: number;
  /** Σ fee_refunded of the same refunds. */
  feeReserved: number;
}

/** What is left to refund of an order of `amount`. */
export function refundable(amount: number, ledger: RefundLedger): number {
  return Math.max(0, amount - ledger.reserved);
}

/**
 * The fee a refund of `refundAmount` returns. The fee returned so far is always the order's fee
 * in proportion to the amount refunded so far, rounded half up, so each refund returns its
 * share within a fen, rounding never adds up past the fee, and the refund that completes the
 * order returns exactly what is left.
 */
export function refundFee(order: { amount: number; fee: number | null }, refundAmount: number, ledger: RefundLedger) {
  const fee = order.fee ?? 0;
  const refundedAfter = Math.min(order.amount, ledger.reserved + refundAmount);
  const feeAfter = Math.floor((fee * refundedAfter * 2 + order.amount) / (2 * order.amount));
  // A failed refund in between can leave the ledger off the rounding; never return less than
  // nothing nor more than is left.
  return Math.min(fee - ledger.feeReserved, Math.max(0, feeAfter - ledger.feeReserved));
}

/** How a new refund will settle, and when (`magic`: its amount is a magic refund amount). */
export function refundSchedule(
  createdAt: number,
  delaySeconds: number,
  magic: MagicRefundAmount | undefined,
): Pick<RefundRecord, 'due_at' | 'due_result' | 'due_failure_code'> {
  return {
    due_at: createdAt + delaySeconds * 1000,
    due_result: magic ? 'failed' : 'succeeded',
    due_failure_code: magic?.failure_code ?? null,
  };
}

/** Fields to store when a pending refund settles as `result` at `at`. */
export function settleRefundPatch(
  result: 'succeeded' | 'failed',
  failureCode: string | null,
  at: number,
): Pick<RefundRecord, 'status' | 'failure_code' | 'updated_at' | 'succeeded_at'> {
  return {
    status: result,
    failure_code: result === 'failed' ? (failureCode ?? 'refund_declined') : null,
    updated_at: at,
    succeeded_at: result === 'succeeded' ? at : null,
  };
}

/** The refund as the API shows it. */
export function refundView(r: RefundRecord) {
  return {
    refund_id: r.refund_id,
    order_id: r.order_id,
    out_refund_no: r.out_refund_no,
    amount: r.amount,
    fee_refunded: r.fee_refunded,
    status: r.status,
    failure_code: r.failure_code,
    reason: r.reason,
    created_at: isoShanghai(r.created_at),
    succeeded_at: r.succeeded_at == null ? null : isoShanghai(r.succeeded_at),
  };
}
