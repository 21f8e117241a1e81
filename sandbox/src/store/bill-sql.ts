/**
 * A bill's queries as SQL both stores run: plain SQL with `@name` parameters (SQLite takes them
 * as they are; the PostgreSQL store numbers them). Which rows a bill lists, in which order, and
 * what it adds up is decided here once, so the two stores cannot drift apart.
 */
import { listsPayments, listsRefunds, type BillRowType } from '../domain/bills.ts';
import type { BillCandidates, BillQuery, BillRefundCandidates } from './types.ts';

/** A payment row's columns; a refund row's come in the same order (a UNION matches them by position). */
const BILL_COLUMNS = 'order_id, out_trade_no, channel_id, pay_way, status, amount, fee, paid_at';

/** One kind of bill row as SQL: where it comes from, its filter, its sort key, its columns, what it sums. */
interface BillSql {
  type: BillRowType;
  from: string;
  where: string;
  time: string;
  id: string;
  columns: string;
  /** Its status, amount and fee columns. */
  sums: [string, string, string];
}

/**
 * The bill's sources, each a SELECT of one kind of row with its filter and its sort key
 * (sort_time, row_id): payment rows from payments (dated by created_at, or paid_at for SUCCESS),
 * refund rows from the refunds that succeeded (dated by succeeded_at, served by the index
 * refunds_succeeded_by_day) with their order's ids, channel and pay way.
 */
function billSources(q: BillQuery): BillSql[] {
  const sources: BillSql[] = [];
  if (listsPayments(q.type)) {
    const time = q.type === 'SUCCESS' ? 'paid_at' : 'created_at';
    const where = ['merchant_id = @merchant', `${time} >= @from`, `${time} < @to`];
    if (q.type === 'SUCCESS') where.push(`status = 'paid'`);
    if (q.channelId) where.push('channel_id = @channel');
    // The refund columns' NULLs are typed: PostgreSQL matches a UNION's columns by type, and an
    // untyped NULL would read as text.
    sources.push({
      type: 'payment',
      from: 'payments',
      where: where.join(' AND '),
      time,
      id: 'order_id',
      columns: `'payment' AS type, ${BILL_COLUMNS}, CAST(NULL AS TEXT) AS refund_id, CAST(NULL AS TEXT) AS out_refund_no,
        CAST(NULL AS BIGINT) AS refunded_at`,
      sums: ['status', 'amount', 'fee'],
    });
  }
  if (listsRefunds(q.type)) {
    const where = [
      'r.merchant_id = @merchant',
      `r.status = 'succeeded'`,
      'r.succeeded_at >= @from',
      'r.succeeded_at < @to',
    ];
    if (q.channelId) where.push('p.channel_id = @channel');
    sources.push({
      type: 'refund',
      from: 'refunds r JOIN payments p ON p.order_id = r.order_id',
      where: where.join(' AND '),
      time: 'r.succeeded_at',
      id: 'r.refund_id',
      columns: `'refund' AS type, r.order_id, p.out_trade_no, p.channel_id, p.pay_way, r.status, r.amount,
        r.fee_refunded AS fee, p.paid_at, r.refund_id, r.out_refund_no, r.succeeded_at AS refunded_at`,
      sums: ['r.status', 'r.amount', 'r.fee_refunded'],
    });
  }
  return sources;
}

/** One page of bill rows after (@afterTime, @afterId) when `after`; parameters from billParams(). */
export function billRowsSql(q: BillQuery, after: boolean): string {
  // Each source pages itself along its own index; the merge sorts at most two pages.
  const pages = billSources(q).map((b, n) => {
    const keyset = after ? ` AND (${b.time} > @afterTime OR (${b.time} = @afterTime AND ${b.id} > @afterId))` : '';
    return `SELECT * FROM (SELECT ${b.columns}, ${b.time} AS sort_time, ${b.id} AS row_id FROM ${b.from}
      WHERE ${b.where}${keyset} ORDER BY ${b.time}, ${b.id} LIMIT @limit) AS page${n}`;
  });
  return `${pages.join(' UNION ALL ')} ORDER BY sort_time, row_id LIMIT @limit`;
}

/** The bill's rows added up per type and status; parameters from billParams(). */
export function billTalliesSql(q: BillQuery): string {
  // Plain sums per type and status: which rows count, and with which sign, is summarize()'s to say.
  const sums = billSources(q).map((b) => {
    const [status, amount, fee] = b.sums;
    return `SELECT '${b.type}' AS type, ${status} AS status, COUNT(*) AS count, COALESCE(SUM(${amount}), 0) AS amount,
      COALESCE(SUM(${fee}), 0) AS fee FROM ${b.from} WHERE ${b.where} GROUP BY ${status}`;
  });
  return `${sums.join(' UNION ALL ')} ORDER BY type, status`;
}

export function billParams(q: BillQuery, after: [number, string] | null = null, limit = 0): Record<string, unknown> {
  return {
    merchant: q.merchantId,
    from: q.from,
    to: q.to,
    channel: q.channelId ?? null,
    afterTime: after?.[0] ?? null,
    afterId: after?.[1] ?? null,
    limit,
  };
}

export function candidateParams(c: BillCandidates | BillRefundCandidates, now = 0, limit = 0): Record<string, unknown> {
  return { merchant: c.merchantId, from: c.from, to: c.to, now, limit };
}

/** The sweeper's notion of a due order (listDuePayments), narrowed to a bill's candidates. */
export const DUE_ORDER_IDS_SQL = `SELECT order_id AS id FROM payments
  WHERE merchant_id = @merchant AND created_at >= @from AND created_at < @to
    AND status IN ('created', 'paying') AND (expires_at <= @now OR (auto_at IS NOT NULL AND auto_at <= @now))
  ORDER BY created_at, order_id LIMIT @limit`;

export const UNFINISHED_COUNT_SQL = `SELECT COUNT(*) AS n FROM payments
  WHERE merchant_id = @merchant AND created_at >= @from AND created_at < @to AND status IN ('created', 'paying')`;

/**
 * The sweeper's notion of a due refund (listDueRefunds), narrowed to a bill's candidates. `refunds`
 * names the table as the store must read it: along the pending refunds' index, not the merchant's
 * (a merchant's succeeded refunds are many, its pending few), which SQLite must be told.
 */
export function dueRefundIdsSql(refunds: string): string {
  return `SELECT refund_id AS id FROM ${refunds}
    WHERE status = 'pending' AND due_at >= @from AND due_at < @to AND due_at <= @now AND merchant_id = @merchant
    ORDER BY due_at, refund_id LIMIT @limit`;
}

export function pendingRefundCountSql(refunds: string): string {
  return `SELECT COUNT(*) AS n FROM ${refunds}
    WHERE status = 'pending' AND due_at >= @from AND due_at < @to AND merchant_id = @merchant`;
}
