/**
 * How records become rows and back, the same for every store: the columns each table takes,
 * and the lists kept as JSON text (a payment's moves and tried channels, a channel's pay ways).
 */
import type { ChannelRecord } from '../domain/channels.ts';
import type { PaymentRecord } from '../domain/payments.ts';

export const PAYMENT_COLUMNS = [
  'order_id',
  'merchant_id',
  'app_id',
  'out_trade_no',
  'product_id',
  'product_name',
  'amount',
  'currency',
  'pay_way',
  'channel_id',
  'status',
  'memo',
  'external_ext',
  'notify_url',
  'return_url',
  'client_secret',
  'failure_code',
  'created_at',
  'updated_at',
  'expires_at',
  'paid_at',
  'closed_at',
  'fee',
  'auto_result',
  'auto_at',
  'close_reason',
  'status_history',
  'channel_attempts',
  'amount_refunded',
] as const;

export const REFUND_COLUMNS = [
  'refund_id',
  'merchant_id',
  'app_id',
  'order_id',
  'out_refund_no',
  'amount',
  'fee_refunded',
  'status',
  'failure_code',
  'reason',
  'notify_url',
  'created_at',
  'updated_at',
  'succeeded_at',
  'due_at',
  'due_result',
  'due_failure_code',
] as const;

export const CHANNEL_COLUMNS = [
  'channel_id',
  'merchant_id',
  'provider',
  'pay_ways',
  'priority',
  'weight',
  'status',
  'fee_rate_bps',
  'min_amount',
  'max_amount',
  'credentials_sealed',
  'created_at',
  'updated_at',
  'deleted_at',
] as const;

export type ChannelRow = Omit<ChannelRecord, 'pay_ways'> & { pay_ways: string };

/** Lists of a payment kept as JSON text in their columns. */
export const PAYMENT_JSON_COLUMNS = ['status_history', 'channel_attempts'] as const;
export type PaymentRow = Omit<PaymentRecord, (typeof PAYMENT_JSON_COLUMNS)[number]> & {
  status_history: string;
  channel_attempts: string;
};

export function paymentFromRow(row: PaymentRow | undefined): PaymentRecord | undefined {
  if (!row) return undefined;
  const history = JSON.parse(row.status_history) as PaymentRecord['status_history'];
  return {
    ...row,
    // An order stored before moves were recorded still shows where it began.
    status_history: history.length > 0 ? history : [{ status: 'created', at: row.created_at }],
    channel_attempts: JSON.parse(row.channel_attempts),
  };
}

export function paymentToRow(p: Partial<PaymentRecord>): Record<string, unknown> {
  const row: Record<string, unknown> = { ...p };
  for (const k of PAYMENT_JSON_COLUMNS) if (p[k] !== undefined) row[k] = JSON.stringify(p[k]);
  return row;
}

export function channelFromRow(row: ChannelRow): ChannelRecord {
  return { ...row, pay_ways: JSON.parse(row.pay_ways) };
}

export function channelToRow(c: Partial<ChannelRecord>): Record<string, unknown> {
  return c.pay_ways ? { ...c, pay_ways: JSON.stringify(c.pay_ways) } : { ...c };
}

/** `UPDATE table SET a = @a, … WHERE …` for the known columns present in a patch. */
export function setClause(patch: object, columns: readonly string[]): string[] {
  return Object.keys(patch).filter((k) => columns.includes(k));
}
