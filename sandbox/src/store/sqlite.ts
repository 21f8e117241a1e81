/**
 * The SQLite store: one file in WAL mode. synchronous=NORMAL keeps every committed
 * transaction across a killed process (the WAL is in the OS's hands once written); only a
 * power cut could lose the last few, which a sandbox accepts for its speed.
 */
import Database from 'better-sqlite3';
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import type { ChannelRecord } from '../domain/channels.ts';
import { idempotencyLive } from '../domain/idempotency.ts';
import type { PaymentRecord } from '../domain/payments.ts';
import type { RefundLedger, RefundRecord } from '../domain/refunds.ts';
import type { BillTally } from '../domain/bill-summary.ts';
import {
  billParams,
  billRowsSql,
  billTalliesSql,
  candidateParams,
  DUE_ORDER_IDS_SQL,
  dueRefundIdsSql,
  pendingRefundCountSql,
  UNFINISHED_COUNT_SQL,
} from './bill-sql.ts';
import { REQUEST_LOG_INSERT, REQUEST_LOG_TRIM, requestLogParams, requestLogSql } from './log-sql.ts';
import {
  CHANNEL_COLUMNS,
  channelFromRow,
  channelToRow,
  PAYMENT_COLUMNS,
  paymentFromRow,
  paymentToRow,
  REFUND_COLUMNS,
  setClause,
  type ChannelRow,
  type PaymentRow,
} from './rows.ts';
import type {
  AppRecord,
  AttemptRecord,
  BillCandidates,
  BillQuery,
  BillRefundCandidates,
  BillSource,
  EventRecord,
  IdempotencyRecord,
  InsertPaymentResult,
  RefundDecision,
  RefundFindings,
  RefundSettlement,
  RequestLogQuery,
  RequestLogRecord,
  Store,
  StreamedEvent,
  TokenRecord,
} from './types.ts';

/** Version 1: apps, tokens, channels, payments, idempotency keys. */
const SCHEMA_V1 = `
CREATE TABLE IF NOT EXISTS apps (
  app_id TEXT PRIMARY KEY,
  merchant_id TEXT NOT NULL UNIQUE,
  name TEXT NOT NULL,
  secret_hash TEXT NOT NULL,
  webhook_secret_sealed TEXT NOT NULL,
  created_at INTEGER NOT NULL
);
CREATE TABLE IF NOT EXISTS tokens (
  token_hash TEXT PRIMARY KEY,
  app_id TEXT NOT NULL REFERENCES apps(app_id),
  merchant_id TEXT NOT NULL,
  scope TEXT NOT NULL,
  expires_at INTEGER NOT NULL,
  revoked_at INTEGER
);
CREATE TABLE IF NOT EXISTS channels (
  channel_id TEXT PRIMARY KEY,
  merchant_id TEXT NOT NULL,
  provider TEXT NOT NULL,
  pay_ways TEXT NOT NULL,
  priority INTEGER NOT NULL,
  weight INTEGER NOT NULL,
  status TEXT NOT NULL,
  fee_rate_bps INTEGER NOT NULL,
  min_amount INTEGER NOT NULL,
  max_amount INTEGER,
  credentials_sealed TEXT,
  created_at INTEGER NOT NULL,
  updated_at INTEGER NOT NULL,
  deleted_at INTEGER
);
CREATE INDEX IF NOT EXISTS channels_by_merchant ON channels(merchant_id);
CREATE TABLE IF NOT EXISTS payments (
  order_id TEXT PRIMARY KEY,
  merchant_id TEXT NOT NULL,
  app_id TEXT NOT NULL,
  out_trade_no TEXT,
  product_id TEXT NOT NULL,
  product_name TEXT NOT NULL,
  amount INTEGER NOT NULL,
  currency TEXT NOT NULL,
  pay_way TEXT,
  channel_id TEXT,
  status TEXT NOT NULL,
  memo TEXT,
  external_ext TEXT,
  notify_url TEXT,
  return_url TEXT,
  client_secret TEXT NOT NULL,
  failure_code TEXT,
  created_at INTEGER NOT NULL,
  updated_at INTEGER NOT NULL,
  expires_at INTEGER NOT NULL,
  paid_at INTEGER,
  closed_at INTEGER,
  auto_result TEXT,
  auto_at INTEGER
);
CREATE UNIQUE INDEX IF NOT EXISTS payments_out_trade_no ON payments(merchant_id, out_trade_no) WHERE out_trade_no IS NOT NULL;
CREATE INDEX IF NOT EXISTS payments_open ON payments(status, expires_at) WHERE status IN ('created', 'paying');
CREATE INDEX IF NOT EXISTS payments_by_day ON payments(merchant_id, created_at);
CREATE TABLE IF NOT EXISTS idempotency (
  merchant_id TEXT NOT NULL,
  key TEXT NOT NULL,
  request_hash TEXT NOT NULL,
  order_id TEXT NOT NULL,
  created_at INTEGER NOT NULL,
  PRIMARY KEY (merchant_id, key)
);
`;

/** Version 2: fees fixed at payment, bills by paid day, webhook events and their attempts. */
const SCHEMA_V2 = `
ALTER TABLE payments ADD COLUMN fee INTEGER;
CREATE INDEX payments_paid_by_day ON payments(merchant_id, paid_at) WHERE status = 'paid';
CREATE TABLE events (
  event_id TEXT PRIMARY KEY,
  merchant_id TEXT NOT NULL,
  app_id TEXT NOT NULL,
  order_id TEXT NOT NULL,
  type TEXT NOT NULL,
  created_at INTEGER NOT NULL,
  payload TEXT NOT NULL,
  notify_url TEXT,
  status TEXT NOT NULL,
  attempt_count INTEGER NOT NULL,
  next_attempt_at INTEGER
);
CREATE INDEX events_due ON events(next_attempt_at) WHERE status = 'pending';
CREATE INDEX events_by_merchant ON events(merchant_id, created_at);
CREATE INDEX events_by_order ON events(order_id);
CREATE TABLE event_attempts (
  event_id TEXT NOT NULL REFERENCES events(event_id),
  at INTEGER NOT NULL,
  outcome TEXT NOT NULL,
  http_status INTEGER,
  duration_ms INTEGER NOT NULL,
  error TEXT
);
CREATE INDEX event_attempts_by_event ON event_attempts(event_id, at);
`;

/**
 * Version 3: the rules a real payment system keeps. Webhook secret rotation (the previous
 * secret and when it stops signing), why an order closed, the channels it tried, its moves,
 * and idempotent answers kept byte for byte.
 */
const SCHEMA_V3 = `
ALTER TABLE apps ADD COLUMN previous_webhook_secret_sealed TEXT;
ALTER TABLE apps ADD COLUMN previous_webhook_secret_expires_at INTEGER;
ALTER TABLE payments ADD COLUMN close_reason TEXT;
ALTER TABLE payments ADD COLUMN status_history TEXT NOT NULL DEFAULT '[]';
ALTER TABLE payments ADD COLUMN channel_attempts TEXT NOT NULL DEFAULT '[]';
ALTER TABLE idempotency ADD COLUMN expires_at INTEGER;
ALTER TABLE idempotency ADD COLUMN response_status INTEGER;
ALTER TABLE idempotency ADD COLUMN response_body TEXT;
CREATE INDEX idempotency_expiry ON idempotency(expires_at);
`;

/**
 * Version 4: refunds. The order keeps the sum of its succeeded refunds, and running totals of
 * the refunds that have not failed (amount and fee), so the ceiling is one row read inside the
 * write that adds a refund, however many refunds the order has.
 */
const SCHEMA_V4 = `
ALTER TABLE payments ADD COLUMN amount_refunded INTEGER NOT NULL DEFAULT 0;
ALTER TABLE payments ADD COLUMN refund_reserved INTEGER NOT NULL DEFAULT 0;
ALTER TABLE payments ADD COLUMN refund_fee_reserved INTEGER NOT NULL DEFAULT 0;
CREATE TABLE refunds (
  refund_id TEXT PRIMARY KEY,
  merchant_id TEXT NOT NULL,
  app_id TEXT NOT NULL,
  order_id TEXT NOT NULL REFERENCES payments(order_id),
  out_refund_no TEXT NOT NULL,
  amount INTEGER NOT NULL,
  fee_refunded INTEGER NOT NULL,
  status TEXT NOT NULL,
  failure_code TEXT,
  reason TEXT,
  notify_url TEXT,
  created_at INTEGER NOT NULL,
  updated_at INTEGER NOT NULL,
  succeeded_at INTEGER,
  due_at INTEGER NOT NULL,
  due_result TEXT NOT NULL,
  due_failure_code TEXT
);
CREATE UNIQUE INDEX refunds_out_refund_no ON refunds(merchant_id, out_refund_no);
CREATE INDEX refunds_by_order ON refunds(order_id, created_at);
CREATE INDEX refunds_due ON refunds(due_at) WHERE status = 'pending';
CREATE INDEX refunds_succeeded_by_day ON refunds(merchant_id, succeeded_at) WHERE status = 'succeeded';
`;

/**
 * Version 5: debugging your own integration. Every request made with an app's credentials (the
 * request log, newest kept, bounded per app), and the start of what a webhook receiver answered.
 * Events are streamed in rowid order.
 */
const SCHEMA_V5 = `
CREATE TABLE request_logs (
  seq INTEGER PRIMARY KEY,
  app_id TEXT NOT NULL,
  request_id TEXT NOT NULL,
  at INTEGER NOT NULL,
  method TEXT NOT NULL,
  path TEXT NOT NULL,
  status INTEGER NOT NULL,
  sub_code TEXT,
  duration_ms INTEGER NOT NULL,
  origin TEXT NOT NULL,
  request TEXT NOT NULL,
  response_content_type TEXT,
  response_body TEXT,
  response_truncated INTEGER NOT NULL
);
CREATE INDEX request_logs_by_app ON request_logs(app_id, seq);
CREATE INDEX request_logs_by_time ON request_logs(at);
ALTER TABLE event_attempts ADD COLUMN response_excerpt TEXT;
CREATE INDEX events_stream ON events(merchant_id); -- an index entry ends with its rowid: stream order within a merchant
`;

const MIGRATIONS = [SCHEMA_V1, SCHEMA_V2, SCHEMA_V3, SCHEMA_V4, SCHEMA_V5];

/** The refunds table read along the pending refunds' index (SQLite otherwise picks the merchant's). */
const REFUNDS_BY_DUE = 'refunds INDEXED BY refunds_due';

/** Brings the file to the newest schema, one version at a time, each in a transaction. */
function migrate(db: Database.Database): void {
  let version = db.pragma('user_version', { simple: true }) as number;
  const hasTables = db.prepare("SELECT 1 FROM sqlite_master WHERE name = 'payments'").get();
  if (version === 0 && hasTables) version = 1; // made before versions were recorded
  for (let v = version; v < MIGRATIONS.length; v++) {
    db.transaction(() => {
      db.exec(MIGRATIONS[v]);
      db.pragma(`user_version = ${v + 1}`);
    })();
  }
}

interface QueuedWrite {
  run: () => unknown;
  resolve: (value: unknown) => void;
  reject: (error: unknown) => void;
}

export class SqliteStore implements Store {
  /** One process holds the file (EXCLUSIVE locking): nothing here is shared. */
  readonly shared = false;
  private readonly db: Database.Database;
  private queue: QueuedWrite[] = [];
  private readonly commitQueued: () => void;
  /** Runs a function in a savepoint of the open transaction (better-sqlite3 nests so). */
  private readonly nested: (fn: () => unknown) => unknown;
  private readonly stmt;
  private readonly dynamicStatements = new Map<string, Database.Statement>();

  constructor(file: string) {
    if (file !== ':memory:') mkdirSync(dirname(file), { recursive: true });
    this.db = new Database(file);
    this.db.pragma('journal_mode = WAL');
    this.db.pragma('synchronous = NORMAL');
    this.db.pragma('foreign_keys = ON');
    this.db.pragma('busy_timeout = 5000');
    // This process is the only one that touches the file: no other can change rows under the
    // cache in cached.ts, and SQLite skips shared-memory locking on every read.
    this.db.pragma('locking_mode = EXCLUSIVE');
    this.db.pragma('mmap_size = 268435456');
    migrate(this.db);
    const db = this.db;
    this.stmt = {
      insertApp: db.prepare(
        'INSERT INTO apps (app_id, merchant_id, name, secret_hash, webhook_secret_sealed, created_at) VALUES (@app_id, @merchant_id, @name, @secret_hash, @webhook_secret_sealed, @created_at)',
      ),
      rotateWebhookSecret: db.prepare(
        'UPDATE apps SET previous_webhook_secret_sealed = webhook_secret_sealed, previous_webhook_secret_expires_at = @previous_expires_at, webhook_secret_sealed = @sealed WHERE app_id = @app_id',
      ),
      findApp: db.prepare('SELECT * FROM apps WHERE app_id = ?'),
      ping: db.prepare('SELECT 1'),
      insertToken: db.prepare(
        'INSERT INTO tokens (token_hash, app_id, merchant_id, scope, expires_at, revoked_at) VALUES (@token_hash, @app_id, @merchant_id, @scope, @expires_at, @revoked_at)',
      ),
      findToken: db.prepare('SELECT * FROM tokens WHERE token_hash = ?'),
      revokeToken: db.prepare('UPDATE tokens SET revoked_at = ? WHERE token_hash = ? AND revoked_at IS NULL'),
      insertChannel: db.prepare(
        `INSERT INTO channels (channel_id, merchant_id, provider, pay_ways, priority, weight, status, fee_rate_bps, min_amount, max_amount, credentials_sealed, created_at, updated_at, deleted_at)
         VALUES (@channel_id, @merchant_id, @provider, @pay_ways, @priority, @weight, @status, @fee_rate_bps, @min_amount, @max_amount, @credentials_sealed, @created_at, @updated_at, @deleted_at)`,
      ),
      listChannels: db.prepare('SELECT * FROM channels WHERE merchant_id = ? ORDER BY created_at, channel_id'),
      findIdem: db.prepare('SELECT * FROM idempotency WHERE merchant_id = ? AND key = ?'),
      dropIdem: db.prepare('DELETE FROM idempotency WHERE merchant_id = ? AND key = ?'),
      insertRefund: db.prepare(
        `INSERT INTO refunds (${REFUND_COLUMNS.join(', ')}) VALUES (${REFUND_COLUMNS.map((c) => '@' + c).join(', ')})`,
      ),
      findRefund: db.prepare('SELECT * FROM refunds WHERE merchant_id = ? AND refund_id = ?'),
      findRefundById: db.prepare('SELECT * FROM refunds WHERE refund_id = ?'),
      findRefundByNumber: db.prepare('SELECT * FROM refunds WHERE merchant_id = ? AND out_refund_no = ?'),
      // rowid breaks ties: two refunds asked in the same millisecond list in the order they were asked.
      listRefunds: db.prepare(
        'SELECT * FROM refunds WHERE merchant_id = ? AND order_id = ? ORDER BY created_at, rowid',
      ),
      dueRefunds: db.prepare("SELECT * FROM refunds WHERE status = 'pending' AND due_at <= ? ORDER BY due_at LIMIT ?"),
      refundLedger: db.prepare(
        'SELECT refund_reserved AS reserved, refund_fee_reserved AS feeReserved FROM payments WHERE order_id = ?',
      ),
      reserveRefund: db.prepare(
        'UPDATE payments SET refund_reserved = refund_reserved + @amount, refund_fee_reserved = refund_fee_reserved + @fee WHERE order_id = @order_id',
      ),
      addRefunded: db.prepare('UPDATE payments SET amount_refunded = amount_refunded + ? WHERE order_id = ?'),
      purgeIdem: db.prepare(
        'DELETE FROM idempotency WHERE rowid IN (SELECT rowid FROM idempotency WHERE expires_at <= ? LIMIT 1000)',
      ),
      insertIdem: db.prepare(
        'INSERT INTO idempotency (merchant_id, key, request_hash, order_id, created_at, expires_at, response_status, response_body) VALUES (@merchant_id, @key, @request_hash, @order_id, @created_at, @expires_at, @response_status, @response_body)',
      ),
      insertPayment: db.prepare(
        `INSERT INTO payments (${PAYMENT_COLUMNS.join(', ')}) VALUES (${PAYMENT_COLUMNS.map((c) => '@' + c).join(', ')})`,
      ),
      findPayment: db.prepare('SELECT * FROM payments WHERE merchant_id = ? AND order_id = ?'),
      findPaymentById: db.prepare('SELECT * FROM payments WHERE order_id = ?'),
      findPaymentByOtn: db.prepare('SELECT * FROM payments WHERE merchant_id = ? AND out_trade_no = ?'),
      insertEvent: db.prepare(
        `INSERT INTO events (event_id, merchant_id, app_id, order_id, type, created_at, payload, notify_url, status, attempt_count, next_attempt_at)
         VALUES (@event_id, @merchant_id, @app_id, @order_id, @type, @created_at, @payload, @notify_url, @status, @attempt_count, @next_attempt_at)`,
      ),
      listEvents: db.prepare(
        'SELECT * FROM events WHERE merchant_id = ? ORDER BY created_at DESC, event_id DESC LIMIT ?',
      ),
      listOrderEvents: db.prepare(
        'SELECT * FROM events WHERE merchant_id = ? AND order_id = ? ORDER BY created_at DESC, event_id DESC LIMIT ?',
      ),
      findEvent: db.prepare('SELECT * FROM events WHERE merchant_id = ? AND event_id = ?'),
      claimEvents: db.prepare(
        `UPDATE events SET next_attempt_at = @lease WHERE event_id IN (
           SELECT event_id FROM events WHERE status = 'pending' AND next_attempt_at <= @now ORDER BY next_attempt_at LIMIT @limit)
         RETURNING *`,
      ),
      releaseEvent: db.prepare(`UPDATE events SET next_attempt_at = @at WHERE event_id = @id AND status = 'pending'`),
      insertAttempt: db.prepare(
        'INSERT INTO event_attempts (event_id, at, outcome, http_status, duration_ms, error, response_excerpt) VALUES (@event_id, @at, @outcome, @http_status, @duration_ms, @error, @response_excerpt)',
      ),
      eventsAfter: db.prepare(
        'SELECT rowid AS seq, * FROM events WHERE merchant_id = ? AND rowid > ? ORDER BY rowid LIMIT ?',
      ),
      eventSeq: db.prepare('SELECT rowid AS seq FROM events WHERE merchant_id = ? AND event_id = ?'),
      lastEventSeq: db.prepare('SELECT COALESCE(MAX(rowid), 0) AS seq FROM events'),
      insertLog: db.prepare(REQUEST_LOG_INSERT),
      trimLogs: db.prepare(REQUEST_LOG_TRIM),
      purgeLogs: db.prepare(
        'DELETE FROM request_logs WHERE seq IN (SELECT seq FROM request_logs WHERE at < ? LIMIT 1000)',
      ),
      afterAttempt: db.prepare(
        'UPDATE events SET status = @status, attempt_count = @attempt_count, next_attempt_at = @next_attempt_at WHERE event_id = @event_id',
      ),
      resendEvent: db.prepare(
        `UPDATE events SET status = 'pending', attempt_count = 0, next_attempt_at = ? WHERE event_id = ?`,
      ),
      duePayments: db.prepare(
        `SELECT * FROM payments WHERE status IN ('created', 'paying') AND (expires_at <= @now OR (auto_at IS NOT NULL AND auto_at <= @now)) LIMIT @limit`,
      ),
    };
    this.nested = this.db.transaction((fn: () => unknown) => fn());
    this.commitQueued = () => this.commitBatch();
  }

  /**
   * Group commit: writes that arrive in the same turn of the event loop share one transaction
   * (each in its own savepoint, so one failing write undoes only itself), and every caller
   * hears back only after that transaction has committed. A commit is the costly part of a
   * write, so under load this multiplies write throughput without acknowledging anything early.
   */
  private write<T>(run: () => T): Promise<T> {
    return new Promise<T>((resolve, reject) => {
      // The queue holds writes of every result type; what reaches resolve is this run's own result.
      this.queue.push({ run, resolve: (value) => resolve(value as T), reject });
      if (this.queue.length === 1) setImmediate(this.commitQueued);
    });
  }

  private commitBatch(): void {
    const batch = this.queue;
    this.queue = [];
    const outcomes: { ok: boolean; value: unknown }[] = [];
    try {
      this.db.transaction(() => {
        for (const item of batch) {
          try {
            outcomes.push({ ok: true, value: this.nested(item.run) });
          } catch (error) {
            outcomes.push({ ok: false, value: error });
          }
        }
      })();
    } catch (error) {
      for (const item of batch) item.reject(error);
      return;
    }
    batch.forEach((item, i) => (outcomes[i].ok ? item.resolve(outcomes[i].value) : item.reject(outcomes[i].value)));
  }

  async open(): Promise<void> {}

  async ping(): Promise<void> {
    this.stmt.ping.get();
  }

  /** Every job is this process's: there is no other to share it with. */
  async claimLease(): Promise<boolean> {
    return true;
  }

  async createApp(app: AppRecord, channels: ChannelRecord[]): Promise<void> {
    return this.write(() => {
      this.stmt.insertApp.run(app);
      for (const c of channels) this.stmt.insertChannel.run(channelToRow(c));
    });
  }

  async findApp(appId: string): Promise<AppRecord | undefined> {
    return this.stmt.findApp.get(appId) as AppRecord | undefined;
  }

  async rotateWebhookSecret(appId: string, sealed: string, previousExpiresAt: number): Promise<void> {
    await this.write(() =>
      this.stmt.rotateWebhookSecret.run({ app_id: appId, sealed, previous_expires_at: previousExpiresAt }),
    );
  }

  async insertToken(token: TokenRecord): Promise<void> {
    await this.write(() => this.stmt.insertToken.run(token));
  }

  async findToken(tokenHash: string): Promise<TokenRecord | undefined> {
    return this.stmt.findToken.get(tokenHash) as TokenRecord | undefined;
  }

  async revokeToken(tokenHash: string, at: number): Promise<void> {
    await this.write(() => this.stmt.revokeToken.run(at, tokenHash));
  }

  async listChannels(merchantId: string): Promise<ChannelRecord[]> {
    return (this.stmt.listChannels.all(merchantId) as ChannelRow[]).map(channelFromRow);
  }

  async insertChannel(channel: ChannelRecord): Promise<void> {
    await this.write(() => this.stmt.insertChannel.run(channelToRow(channel)));
  }

  async updateChannel(merchantId: string, channelId: string, patch: Partial<ChannelRecord>): Promise<boolean> {
    const keys = setClause(patch, CHANNEL_COLUMNS).filter((k) => k !== 'channel_id' && k !== 'merchant_id');
    if (keys.length === 0) return false;
    const statement = this.cachedStatement(
      `UPDATE channels SET ${keys.map((k) => `${k} = @${k}`).join(', ')} WHERE channel_id = @__id AND merchant_id = @__mch`,
    );
    const row = channelToRow(patch);
    const values = Object.fromEntries(keys.map((k) => [k, row[k]]));
    return this.write(() => statement.run({ ...values, __id: channelId, __mch: merchantId }).changes === 1);
  }

  async findIdempotency(merchantId: string, key: string): Promise<IdempotencyRecord | undefined> {
    return this.stmt.findIdem.get(merchantId, key) as IdempotencyRecord | undefined;
  }

  async purgeIdempotency(now: number): Promise<void> {
    await this.write(() => this.stmt.purgeIdem.run(now));
  }

  async insertPayment(payment: PaymentRecord, idem?: IdempotencyRecord): Promise<InsertPaymentResult> {
    // One savepoint: the check for an earlier use of the key and both inserts cannot
    // interleave with another request's, so a key never yields two orders.
    return this.write((): InsertPaymentResult => {
      if (idem) {
        const existing = this.stmt.findIdem.get(idem.merchant_id, idem.key) as IdempotencyRecord | undefined;
        if (existing && idempotencyLive(existing, idem.created_at)) return { kind: 'idempotent', existing };
        if (existing) this.stmt.dropIdem.run(idem.merchant_id, idem.key); // expired: the key is free
      }
      if (payment.out_trade_no && this.stmt.findPaymentByOtn.get(payment.merchant_id, payment.out_trade_no)) {
        return { kind: 'duplicate_out_trade_no' };
      }
      this.stmt.insertPayment.run(paymentToRow(payment));
      if (idem) this.stmt.insertIdem.run(idem);
      return { kind: 'created' };
    });
  }

  async findPayment(merchantId: string, orderId: string): Promise<PaymentRecord | undefined> {
    return paymentFromRow(this.stmt.findPayment.get(merchantId, orderId) as PaymentRow | undefined);
  }

  async findPaymentById(orderId: string): Promise<PaymentRecord | undefined> {
    return paymentFromRow(this.stmt.findPaymentById.get(orderId) as PaymentRow | undefined);
  }

  async findPaymentByOutTradeNo(merchantId: string, outTradeNo: string): Promise<PaymentRecord | undefined> {
    return paymentFromRow(this.stmt.findPaymentByOtn.get(merchantId, outTradeNo) as PaymentRow | undefined);
  }

  private cachedStatement(sql: string): Database.Statement {
    let statement = this.dynamicStatements.get(sql);
    if (!statement) {
      statement = this.db.prepare(sql);
      this.dynamicStatements.set(sql, statement);
    }
    return statement;
  }

  async updatePayment(
    orderId: string,
    from: PaymentRecord['status'],
    patch: Partial<PaymentRecord>,
    event?: EventRecord,
  ): Promise<boolean> {
    const keys = setClause(patch, PAYMENT_COLUMNS);
    if (keys.length === 0) return false;
    const statement = this.cachedStatement(
      `UPDATE payments SET ${keys.map((k) => `${k} = @${k}`).join(', ')} WHERE order_id = @__id AND status = @__from`,
    );
    const row = paymentToRow(patch);
    const values = Object.fromEntries(keys.map((k) => [k, row[k]]));
    return this.write(() => {
      const moved = statement.run({ ...values, __id: orderId, __from: from }).changes === 1;
      if (moved && event) this.stmt.insertEvent.run(event);
      return moved;
    });
  }

  async placeRefund(
    q: { merchantId: string; orderId: string; outRefundNo: string; idemKey?: string },
    decide: (found: RefundFindings) => RefundDecision,
  ): Promise<RefundDecision> {
    return this.write((): RefundDecision => {
      const found: RefundFindings = {
        idem: q.idemKey
          ? (this.stmt.findIdem.get(q.merchantId, q.idemKey) as IdempotencyRecord | undefined)
          : undefined,
        byNumber: this.stmt.findRefundByNumber.get(q.merchantId, q.outRefundNo) as RefundRecord | undefined,
        payment: paymentFromRow(this.stmt.findPayment.get(q.merchantId, q.orderId) as PaymentRow | undefined),
        ledger: (this.stmt.refundLedger.get(q.orderId) as RefundLedger | undefined) ?? { reserved: 0, feeReserved: 0 },
      };
      const decision = decide(found);
      if (decision.kind === 'create') {
        const r = decision.refund;
        this.stmt.insertRefund.run(r);
        this.stmt.reserveRefund.run({ amount: r.amount, fee: r.fee_refunded, order_id: r.order_id });
        if (decision.idem) {
          if (found.idem) this.stmt.dropIdem.run(decision.idem.merchant_id, decision.idem.key); // expired
          this.stmt.insertIdem.run(decision.idem);
        }
      }
      return decision;
    });
  }

  async findRefund(merchantId: string, refundId: string): Promise<RefundRecord | undefined> {
    return this.stmt.findRefund.get(merchantId, refundId) as RefundRecord | undefined;
  }

  async findRefundByNumber(merchantId: string, outRefundNo: string): Promise<RefundRecord | undefined> {
    return this.stmt.findRefundByNumber.get(merchantId, outRefundNo) as RefundRecord | undefined;
  }

  async listRefunds(merchantId: string, orderId: string): Promise<RefundRecord[]> {
    return this.stmt.listRefunds.all(merchantId, orderId) as RefundRecord[];
  }

  async listDueRefunds(now: number, limit: number): Promise<RefundRecord[]> {
    return this.stmt.dueRefunds.all(now, limit) as RefundRecord[];
  }

  async settleRefund(
    refundId: string,
    settle: (refund: RefundRecord, payment: PaymentRecord) => RefundSettlement,
  ): Promise<RefundRecord | undefined> {
    return this.write(() => {
      const refund = this.stmt.findRefundById.get(refundId) as RefundRecord | undefined;
      if (!refund || refund.status !== 'pending') return undefined;
      const payment = paymentFromRow(this.stmt.findPayment.get(refund.merchant_id, refund.order_id) as PaymentRow)!;
      const { patch, refundedDelta, event } = settle(refund, payment);
      const keys = setClause(patch, REFUND_COLUMNS);
      const values = Object.fromEntries(keys.map((k) => [k, (patch as Record<string, unknown>)[k]]));
      this.cachedStatement(
        `UPDATE refunds SET ${keys.map((k) => `${k} = @${k}`).join(', ')} WHERE refund_id = @__id AND status = 'pending'`,
      ).run({ ...values, __id: refundId });
      if (refundedDelta) this.stmt.addRefunded.run(refundedDelta, refund.order_id);
      if (patch.status === 'failed') {
        // A failed refund gives its amount and fee back to what may still be refunded.
        this.stmt.reserveRefund.run({ amount: -refund.amount, fee: -refund.fee_refunded, order_id: refund.order_id });
      }
      if (event) this.stmt.insertEvent.run(event);
      return { ...refund, ...patch };
    });
  }

  async listDuePayments(now: number, limit: number): Promise<PaymentRecord[]> {
    return (this.stmt.duePayments.all({ now, limit }) as PaymentRow[]).map((r) => paymentFromRow(r)!);
  }

  async billRows(q: BillQuery, after: [number, string] | null, limit: number): Promise<BillSource[]> {
    return this.cachedStatement(billRowsSql(q, after !== null)).all(billParams(q, after, limit)) as BillSource[];
  }

  async billTallies(q: BillQuery): Promise<BillTally[]> {
    return this.cachedStatement(billTalliesSql(q)).all(billParams(q)) as BillTally[];
  }

  /** Ids (as `id`) of a bill's candidates that a query finds, due by `now`. */
  private candidateIds(sql: string, c: BillCandidates | BillRefundCandidates, now: number, limit: number): string[] {
    const rows = this.cachedStatement(sql).all(candidateParams(c, now, limit));
    return (rows as { id: string }[]).map((r) => r.id);
  }

  /** How many of a bill's candidates a query counts (as `n`). */
  private candidateCount(sql: string, c: BillCandidates | BillRefundCandidates): number {
    return (this.cachedStatement(sql).get(candidateParams(c)) as { n: number }).n;
  }

  async billDueOrderIds(c: BillCandidates, now: number, limit: number): Promise<string[]> {
    return this.candidateIds(DUE_ORDER_IDS_SQL, c, now, limit);
  }

  async billUnfinishedCount(c: BillCandidates): Promise<number> {
    return this.candidateCount(UNFINISHED_COUNT_SQL, c);
  }

  async billDueRefundIds(c: BillRefundCandidates, now: number, limit: number): Promise<string[]> {
    return this.candidateIds(dueRefundIdsSql(REFUNDS_BY_DUE), c, now, limit);
  }

  async billPendingRefundCount(c: BillRefundCandidates): Promise<number> {
    return this.candidateCount(pendingRefundCountSql(REFUNDS_BY_DUE), c);
  }

  async listEvents(merchantId: string, orderId: string | undefined, limit: number): Promise<EventRecord[]> {
    return (
      orderId ? this.stmt.listOrderEvents.all(merchantId, orderId, limit) : this.stmt.listEvents.all(merchantId, limit)
    ) as EventRecord[];
  }

  async findEvent(merchantId: string, eventId: string): Promise<EventRecord | undefined> {
    return this.stmt.findEvent.get(merchantId, eventId) as EventRecord | undefined;
  }

  async listAttempts(eventIds: string[]): Promise<AttemptRecord[]> {
    if (eventIds.length === 0) return [];
    return this.db
      .prepare(
        `SELECT * FROM event_attempts WHERE event_id IN (${eventIds.map(() => '?').join(', ')}) ORDER BY at, rowid`,
      )
      .all(...eventIds) as AttemptRecord[];
  }

  async claimDueEvents(now: number, limit: number, leaseUntil: number): Promise<EventRecord[]> {
    return this.write(() => this.stmt.claimEvents.all({ now, limit, lease: leaseUntil }) as EventRecord[]);
  }

  async releaseEvent(eventId: string, at: number): Promise<void> {
    await this.write(() => this.stmt.releaseEvent.run({ id: eventId, at }));
  }

  async recordAttempt(
    attempt: AttemptRecord,
    next: Pick<EventRecord, 'status' | 'attempt_count' | 'next_attempt_at'>,
  ): Promise<void> {
    await this.write(() => {
      this.stmt.insertAttempt.run(attempt);
      this.stmt.afterAttempt.run({ ...next, event_id: attempt.event_id });
    });
  }

  async resendEvent(eventId: string, now: number): Promise<void> {
    await this.write(() => this.stmt.resendEvent.run(now, eventId));
  }

  async listEventsAfter(merchantId: string, afterSeq: number, limit: number): Promise<StreamedEvent[]> {
    return this.stmt.eventsAfter.all(merchantId, afterSeq, limit) as StreamedEvent[];
  }

  async eventSeq(merchantId: string, eventId: string): Promise<number | undefined> {
    return (this.stmt.eventSeq.get(merchantId, eventId) as { seq: number } | undefined)?.seq;
  }

  async lastEventSeq(): Promise<number> {
    return (this.stmt.lastEventSeq.get() as { seq: number }).seq;
  }

  async appendRequestLogs(entries: RequestLogRecord[], keepPerApp: number): Promise<void> {
    await this.write(() => {
      for (const e of entries) this.stmt.insertLog.run(e);
      for (const app of new Set(entries.map((e) => e.app_id))) this.stmt.trimLogs.run({ app, keep: keepPerApp });
    });
  }

  async listRequestLogs(q: RequestLogQuery): Promise<(RequestLogRecord & { seq: number })[]> {
    return this.cachedStatement(requestLogSql(q)).all(requestLogParams(q)) as (RequestLogRecord & { seq: number })[];
  }

  async purgeRequestLogs(before: number): Promise<void> {
    await this.write(() => this.stmt.purgeLogs.run(before));
  }

  async close(): Promise<void> {
    if (this.queue.length) this.commitBatch();
    if (this.db.open) this.db.close();
  }
}
