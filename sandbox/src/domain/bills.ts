/**
 * Clearing, pure: what a bill row is, how the summary adds up, the CSV columns.
 * A row's fee is fixed when the order is paid (amount × the channel's rate then, half up),
 * so a later change of rate never rewrites a past bill.
 */
import { isoShanghai, shanghaiDay } from './time.ts';

export type BillType = 'ALL' | 'SUCCESS';

export interface BillSourceRow {
  order_id: string;
  out_trade_no: string | null;
  channel_id: string | null;
  pay_way: string | null;
  status: string;
  amount: number;
  fee: number | null;
  paid_at: number | null;
  created_at: number;
}

export interface BillRow {
  order_id: string;
  out_trade_no: string | null;
  channel_id: string | null;
  provider: string | null;
  pay_way: string | null;
  status: string;
  amount: number;
  fee: number;
  settle_amount: number;
  paid_at: string | null;
}

export interface BillSummary {
  count: number;
  amount: number;
  fee: number;
  settle_amount: number;
}

/** Only paid orders carry a fee and a settlement; other rows of an ALL bill show 0. */
export function billRow(r: BillSourceRow, provider: string | null): BillRow {
  const paid = r.status === 'paid';
  const fee = paid ? (r.fee ?? 0) : 0;
  return {
    order_id: r.order_id,
    out_trade_no: r.out_trade_no,
    channel_id: r.channel_id,
    provider,
    pay_way: r.pay_way,
    status: r.status,
    amount: r.amount,
    fee,
    settle_amount: paid ? r.amount - fee : 0,
    paid_at: r.paid_at == null ? null : isoShanghai(r.paid_at),
  };
}

export function emptySummary(): BillSummary {
  return { count: 0, amount: 0, fee: 0, settle_amount: 0 };
}

export function addToSummary(s: BillSummary, row: BillRow): BillSummary {
  s.count += 1;
  s.amount += row.amount;
  s.fee += row.fee;
  s.settle_amount += row.settle_amount;
  return s;
}

/** Today (Shanghai) is provisional: more orders may still come in. */
export function billStatus(billDate: string, now: number): 'provisional' | 'final' {
  return billDate >= shanghaiDay(now) ? 'provisional' : 'final';
}

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
];

/** The closing CSV row: the word "total", the row count under status, the sums under their columns. */
export function summaryCsvRow(s: BillSummary): Record<string, string | number> {
  return { order_id: 'total', status: s.count, amount: s.amount, fee: s.fee, settle_amount: s.settle_amount };
}

/** Keyset cursor: the sort key of the last row of a page. */
export function encodeCursor(time: number, orderId: string): string {
  return Buffer.from(JSON.stringify([time, orderId])).toString('base64url');
}

export function decodeCursor(cursor: string): [number, string] | null {
  try {
    const v = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
    if (
      Array.isArray(v) &&
      v.length === 2 &&
      Number.isInteger(v[0]) &&
      typeof v[1] === 'string' &&
      /^pay_[A-Za-z0-9]+$/.test(v[1])
    ) {
      return [v[0], v[1]];
    }
  } catch {
    // fall through
  }
  return null;
}
