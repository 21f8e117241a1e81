/**
 * Everything the sandbox keeps, behind one interface. Routes and services see only this;
 * a PostgreSQL implementation can be added beside sqlite.ts without touching them.
 * Methods are async so that such a store fits the same shape.
 */
import type { ChannelRecord } from '../domain/channels.ts';
import type { PaymentRecord } from '../domain/payments.ts';

export interface AppRecord {
  app_id: string;
  merchant_id: string;
  name: string;
  secret_hash: string;
  webhook_secret_sealed: string;
  created_at: number;
}

export interface TokenRecord {
  token_hash: string;
  app_id: string;
  merchant_id: string;
  scope: string;
  expires_at: number;
  revoked_at: number | null;
}

export interface IdempotencyRecord {
  merchant_id: string;
  key: string;
  request_hash: string;
  order_id: string;
  created_at: number;
}

export type InsertPaymentResult =
  | { kind: 'created' }
  | { kind: 'duplicate_out_trade_no' }
  | { kind: 'idempotent'; existing: IdempotencyRecord };

export interface Store {
  createApp(app: AppRecord, channels: ChannelRecord[]): Promise<void>;
  findApp(appId: string): Promise<AppRecord | undefined>;

  insertToken(token: TokenRecord): Promise<void>;
  findToken(tokenHash: string): Promise<TokenRecord | undefined>;
  revokeToken(tokenHash: string, at: number): Promise<void>;

  listChannels(merchantId: string): Promise<ChannelRecord[]>;

  findIdempotency(merchantId: string, key: string): Promise<IdempotencyRecord | undefined>;
  /** Inserts the payment, and its idempotency record when given, atomically. */
  insertPayment(payment: PaymentRecord, idem?: IdempotencyRecord): Promise<InsertPaymentResult>;
  findPayment(merchantId: string, orderId: string): Promise<PaymentRecord | undefined>;
  findPaymentByOutTradeNo(merchantId: string, outTradeNo: string): Promise<PaymentRecord | undefined>;
  /** Compare-and-set: applies `patch` only if the order is still in `from`; false otherwise. */
  updatePayment(orderId: string, from: PaymentRecord['status'], patch: Partial<PaymentRecord>): Promise<boolean>;
  /** Unfinished orders that time alone will change by `now` (magic amounts, expiry). */
  listDuePayments(now: number, limit: number): Promise<PaymentRecord[]>;

  close(): Promise<void>;
}
