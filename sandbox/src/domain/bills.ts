/**
 * Clearing, pure: what a bill row is, how the summary adds up, the CSV columns.
 * A row's fee is fixed when the order is paid (amount × the channel's rate then, half up),
 * so a later change of rate never rewrites a past bill.
 */
import { isoShanghai } from './time.ts';

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

/**
 * Whether a row moves money, and so counts in the summary's amount, fee and settlement. Today
 * that is a paid order; a refund that succeeded will be one too (its amount and fee negative),
 * so refund rows can join a bill without changing what a paid row adds.
 */
export function movesMoney(status: string): boolean {
  return status === 'paid';
}

/** Only rows that move money carry a fee and a settlement; other rows of an ALL bill show 0. */
export function billRow(r: BillSourceRow, provider: string | null): BillRow {
  const settles = movesMoney(r.status);
  const fee = settles ? (r.fee ?? 0) : 0;
  return {
    order_id: r.order_id,
    out_trade_no: r.out_trade_no,
    channel_id: r.channel_id,
    provider,
    pay_way: r.pay_way,
    status: r.status,
    amount: r.amount,
    fee,
    settle_amount: settles ? r.amount - fee : 0,
    paid_at: r.paid_at == null ? null : isoShanghai(r.paid_at),
  };
}

/** Rows of one status added up; a single row is a tally of one. The store adds up a whole day this way. */
export interface BillTally {
  status: string;
  count: number;
  amount: number;
  fee: number;
}

/**
 * The summary, by the equations the 清算 page states (and the only place they are computed):
 *   count = the number of rows;
 *   amount = Σ amount of the rows that move money;
 *   fee = Σ fee of the rows that move money;
 *   settle_amount = amount − fee.
 * Unpaid, failed and closed orders are rows (so they count) but move no money.
 */
export function summarize(tallies: Iterable<BillTally>): BillSummary {
  let count = 0;
  let amount = 0;
  let fee = 0;
  for (const t of tallies) {
    count += t.count;
    if (!movesMoney(t.status)) continue;
    amount += t.amount;
    fee += t.fee;
  }
  return { count, amount, fee, settle_amount: amount - fee };
}

/** Adds a row to the per-status tallies of the rows written so far (the CSV's running total). */
export function tallyRow(tallies: Map<string, BillTally>, row: BillRow): void {
  const t = tallies.get(row.status) ?? { status: row.status, count: 0, amount: 0, fee: 0 };
  t.count += 1;
  t.amount += row.amount;
  t.fee += row.fee;
  tallies.set(row.status, t);
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

/** The closing CSV row: the word "total", then the JSON summary's fields, the count under status. */
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
