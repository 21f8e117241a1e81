/**
 * Clearing, pure: what a bill row is, which rows move money and with which sign, the CSV columns
 * and the cursor. A payment row's fee is fixed when the order is paid (amount × the channel's rate
 * then, half up), so a later change of rate never rewrites a past bill; a refund row's fee is the
 * fee the refund returned, fixed when the refund was asked.
 */
import { isoShanghai } from './time.ts';

/** ALL: payments created that day and refunds that succeeded that day; SUCCESS: payments paid; REFUND: refunds. */
export type BillType = 'ALL' | 'SUCCESS' | 'REFUND';
export type BillRowType = 'payment' | 'refund';

/** Whether a bill of this type lists payment rows, refund rows. */
export const listsPayments = (type: BillType): boolean => type !== 'REFUND';
export const listsRefunds = (type: BillType): boolean => type !== 'SUCCESS';

/**
 * One row as stored, unsigned: on a payment row the order; on a refund row the refund (its
 * amount, the fee it returned, its status, succeeded_at as refunded_at) beside its order's ids,
 * channel, pay way and paid_at, which no longer change once the order is paid.
 */
export interface BillSourceRow {
  type: BillRowType;
  order_id: string;
  out_trade_no: string | null;
  refund_id: string | null;
  out_refund_no: string | null;
  channel_id: string | null;
  pay_way: string | null;
  status: string;
  amount: number;
  fee: number | null;
  paid_at: number | null;
  refunded_at: number | null;
}

export interface BillRow {
  type: BillRowType;
  order_id: string;
  out_trade_no: string | null;
  refund_id: string | null;
  out_refund_no: string | null;
  channel_id: string | null;
  provider: string | null;
  pay_way: string | null;
  status: string;
  amount: number;
  fee: number;
  settle_amount: number;
  paid_at: string | null;
  refunded_at: string | null;
}

/**
 * Whether a row moves money, and so counts in the summary's amount, fee and settlement: a paid
 * order, or a refund that succeeded (the only refunds a bill lists).
 */
export function movesMoney(type: BillRowType, status: string): boolean {
  return type === 'payment' ? status === 'paid' : status === 'succeeded';
}

/** Money in is positive, money given back negative: a refund row shows −amount and −fee (0, never −0). */
export function signed(type: BillRowType, n: number): number {
  return type === 'refund' ? 0 - n : n;
}

/** Only rows that move money carry a fee and a settlement; other rows of an ALL bill show 0. */
export function billRow(r: BillSourceRow, provider: string | null): BillRow {
  const settles = movesMoney(r.type, r.status);
  const amount = signed(r.type, r.amount);
  const fee = settles ? signed(r.type, r.fee ?? 0) : 0;
  return {
    type: r.type,
    order_id: r.order_id,
    out_trade_no: r.out_trade_no,
    refund_id: r.refund_id,
    out_refund_no: r.out_refund_no,
    channel_id: r.channel_id,
    provider,
    pay_way: r.pay_way,
    status: r.status,
    amount,
    fee,
    settle_amount: settles ? amount - fee : 0,
    paid_at: r.paid_at == null ? null : isoShanghai(r.paid_at),
    refunded_at: r.refunded_at == null ? null : isoShanghai(r.refunded_at),
  };
}

/**
 * The CSV's columns: the first ten as they were before refunds joined the bill, so a reader that
 * finds columns by position goes on working; then the row's type and the refund's fields, empty on
 * a payment row. Payment and refund rows share every column.
 */
export const CSV_COLUMNS: (keyof BillRow)[] = [
  'order_id',
  'out_trade_no',
  'channel_id',
  'provider',
  'pay_way',
  'status',
  'amount',
  'fee',
  'settle_amount',
  'paid_at',
  'type',
  'refund_id',
  'out_refund_no',
  'refunded_at',
];

/** Keyset cursor: the sort key of the last row of a page (its time, then its order or refund id). */
export function encodeCursor(time: number, rowId: string): string {
  return Buffer.from(JSON.stringify([time, rowId])).toString('base64url');
}

export function decodeCursor(cursor: string): [number, string] | null {
  try {
    const v = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
    if (
      Array.isArray(v) &&
      v.length === 2 &&
      Number.isInteger(v[0]) &&
      typeof v[1] === 'string' &&
      /^(pay|ref)_[A-Za-z0-9]+$/.test(v[1])
    ) {
      return [v[0], v[1]];
    }
  } catch {
    // fall through
  }
  return null;
}
