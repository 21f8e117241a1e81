/**
 * A bill's summary, pure, by the equations the 清算 page states, and the only place they are
 * computed: the JSON summary adds up the store's per-(type, status) tallies of the whole day, the
 * CSV's total rows add up the rows written above them, and both go through summarize().
 */
import { movesMoney, signed, type BillRow, type BillRowType, type BillSourceRow } from './bills.ts';

/** Rows of one type and status added up, unsigned as stored; a single row is a tally of one. */
export interface BillTally {
  type: BillRowType;
  status: string;
  count: number;
  amount: number;
  fee: number;
}

export interface Money {
  amount: number;
  fee: number;
  settle_amount: number;
}

export interface BillSummary extends Money {
  count: number;
  payments: Money & { count: number };
  refunds: Money & { count: number };
  net: Money;
}

const money = (amount: number, fee: number): Money => ({ amount, fee, settle_amount: amount - fee });

/**
 *   payments.count = the number of payment rows that move money (paid orders);
 *   payments.amount, payments.fee = Σ amount, Σ fee of those rows; settle_amount = amount − fee;
 *   refunds.count = the number of refund rows; refunds.amount, refunds.fee = Σ amount, Σ fee of
 *     those rows, negative; settle_amount = amount − fee;
 *   net = payments + refunds, field by field (so net.settle_amount = net.amount − net.fee);
 *   count = the number of payment rows, unpaid, failed and closed included; amount, fee and
 *     settle_amount = those of payments (the fields the summary had before refunds, unchanged).
 * Every row of the bill is counted once: rows = count + refunds.count.
 */
export function summarize(tallies: Iterable<BillTally>): BillSummary {
  const sums = { payment: { count: 0, amount: 0, fee: 0 }, refund: { count: 0, amount: 0, fee: 0 } };
  let count = 0;
  for (const t of tallies) {
    if (t.type === 'payment') count += t.count;
    if (!movesMoney(t.type, t.status)) continue;
    const s = sums[t.type];
    s.count += t.count;
    s.amount += signed(t.type, t.amount);
    s.fee += signed(t.type, t.fee);
  }
  const payments = { count: sums.payment.count, ...money(sums.payment.amount, sums.payment.fee) };
  const refunds = { count: sums.refund.count, ...money(sums.refund.amount, sums.refund.fee) };
  return {
    count,
    amount: payments.amount,
    fee: payments.fee,
    settle_amount: payments.settle_amount,
    payments,
    refunds,
    net: money(payments.amount + refunds.amount, payments.fee + refunds.fee),
  };
}

/** Adds a stored row to the per-(type, status) tallies of the rows written so far (the CSV's running total). */
export function tallyRow(tallies: Map<string, BillTally>, row: BillSourceRow): void {
  const key = `${row.type} ${row.status}`;
  const t = tallies.get(key) ?? { type: row.type, status: row.status, count: 0, amount: 0, fee: 0 };
  t.count += 1;
  t.amount += row.amount;
  t.fee += row.fee ?? 0;
  tallies.set(key, t);
}

type CsvCells = Partial<Record<keyof BillRow, string | number>>;

/**
 * The closing CSV rows, each the JSON summary object it is named after, a count (where the object
 * has one) under status: total_payments, total_refunds, total_net, and last `total`, the summary's
 * own fields, which is what the last row always was.
 */
export function summaryCsvRows(s: BillSummary): CsvCells[] {
  const row = (label: string, m: Money, count?: number): CsvCells => ({
    order_id: label,
    ...(count === undefined ? {} : { status: count }),
    amount: m.amount,
    fee: m.fee,
    settle_amount: m.settle_amount,
  });
  return [
    row('total_payments', s.payments, s.payments.count),
    row('total_refunds', s.refunds, s.refunds.count),
    row('total_net', s.net),
    row('total', s, s.count),
  ];
}
