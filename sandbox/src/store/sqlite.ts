/**
 * The SQLite store: one file in WAL mode. synchronous=NORMAL keeps every committed
 * transaction across a killed process (the WAL is in the OS's hands once written); only a
 * power cut could lose the last few, which a sandbox accepts for its speed.
 */
import Database from 'better-sqlite3';
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import type { ChannelRecord } from '../domain/channels.ts';
import type { PaymentRecord } from '../domain/payments.ts';
import type { AppRecord, IdempotencyRecord, InsertPaymentResult, Store, TokenRecord } from './types.ts';

const SCHEMA = `
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

const PAYMENT_COLUMNS = [
  'order_id', 'merchant_id', 'app_id', 'out_trade_no', 'product_id', 'product_name', 'amount', 'currency',
  'pay_way', 'channel_id', 'status', 'memo', 'external_ext', 'notify_url', 'return_url', 'client_secret',
  'failure_code', 'created_at', 'updated_at', 'expires_at', 'paid_at', 'closed_at', 'auto_result', 'auto_at',
] as const;

type ChannelRow = Omit<ChannelRecord, 'pay_ways'> & { pay_ways: string };

function channelFromRow(row: ChannelRow): ChannelRecord {
  return { ...row, pay_ways: JSON.parse(row.pay_ways) };
}

interface QueuedWrite {
  run: () => unknown;
  resolve: (value: any) => void;
  reject: (error: unknown) => void;
}

export class SqliteStore implements Store {
  private readonly db: Database.Database;
  private queue: QueuedWrite[] = [];
  private readonly commitQueued: () => void;
  /** Runs a function in a savepoint of the open transaction (better-sqlite3 nests so). */
  private readonly nested: (fn: () => unknown) => unknown;
  private readonly stmt;
  private readonly updateStatements = new Map<string, Database.Statement>();

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
    this.db.exec(SCHEMA);
    const db = this.db;
    this.stmt = {
      insertApp: db.prepare(
        'INSERT INTO apps (app_id, merchant_id, name, secret_hash, webhook_secret_sealed, created_at) VALUES (@app_id, @merchant_id, @name, @secret_hash, @webhook_secret_sealed, @created_at)',
      ),
      findApp: db.prepare('SELECT * FROM apps WHERE app_id = ?'),
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
      insertIdem: db.prepare(
        'INSERT INTO idempotency (merchant_id, key, request_hash, order_id, created_at) VALUES (@merchant_id, @key, @request_hash, @order_id, @created_at)',
      ),
      insertPayment: db.prepare(
        `INSERT INTO payments (${PAYMENT_COLUMNS.join(', ')}) VALUES (${PAYMENT_COLUMNS.map((c) => '@' + c).join(', ')})`,
      ),
      findPayment: db.prepare('SELECT * FROM payments WHERE merchant_id = ? AND order_id = ?'),
      findPaymentByOtn: db.prepare('SELECT * FROM payments WHERE merchant_id = ? AND out_trade_no = ?'),
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
      this.queue.push({ run, resolve, reject });
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


  async createApp(app: AppRecord, channels: ChannelRecord[]): Promise<void> {
    return this.write(() => {
      this.stmt.insertApp.run(app);
      for (const c of channels) this.stmt.insertChannel.run({ ...c, pay_ways: JSON.stringify(c.pay_ways) });
    });
  }

  async findApp(appId: string): Promise<AppRecord | undefined> {
    return this.stmt.findApp.get(appId) as AppRecord | undefined;
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

  async findIdempotency(merchantId: string, key: string): Promise<IdempotencyRecord | undefined> {
    return this.stmt.findIdem.get(merchantId, key) as IdempotencyRecord | undefined;
  }

  async insertPayment(payment: PaymentRecord, idem?: IdempotencyRecord): Promise<InsertPaymentResult> {
    // One savepoint: the check for an earlier use of the key and both inserts cannot
    // interleave with another request's, so a key never yields two orders.
    return this.write((): InsertPaymentResult => {
      if (idem) {
        const existing = this.stmt.findIdem.get(idem.merchant_id, idem.key) as IdempotencyRecord | undefined;
        if (existing) return { kind: 'idempotent', existing };
      }
      if (payment.out_trade_no && this.stmt.findPaymentByOtn.get(payment.merchant_id, payment.out_trade_no)) {
        return { kind: 'duplicate_out_trade_no' };
      }
      this.stmt.insertPayment.run(payment);
      if (idem) this.stmt.insertIdem.run(idem);
      return { kind: 'created' };
    });
  }

  async findPayment(merchantId: string, orderId: string): Promise<PaymentRecord | undefined> {
    return this.stmt.findPayment.get(merchantId, orderId) as PaymentRecord | undefined;
  }

  async findPaymentByOutTradeNo(merchantId: string, outTradeNo: string): Promise<PaymentRecord | undefined> {
    return this.stmt.findPaymentByOtn.get(merchantId, outTradeNo) as PaymentRecord | undefined;
  }

  async updatePayment(orderId: string, from: PaymentRecord['status'], patch: Partial<PaymentRecord>): Promise<boolean> {
    const keys = Object.keys(patch).filter((k) => (PAYMENT_COLUMNS as readonly string[]).includes(k));
    if (keys.length === 0) return false;
    const sql = `UPDATE payments SET ${keys.map((k) => `${k} = @${k}`).join(', ')} WHERE order_id = @__id AND status = @__from`;
    let statement = this.updateStatements.get(sql);
    if (!statement) {
      statement = this.db.prepare(sql);
      this.updateStatements.set(sql, statement);
    }
    const values = Object.fromEntries(keys.map((k) => [k, (patch as Record<string, unknown>)[k]]));
    const run = statement;
    return this.write(() => run.run({ ...values, __id: orderId, __from: from }).changes === 1);
  }

  async listDuePayments(now: number, limit: number): Promise<PaymentRecord[]> {
    return this.stmt.duePayments.all({ now, limit }) as PaymentRecord[];
  }

  async close(): Promise<void> {
    if (this.queue.length) this.commitBatch();
    if (this.db.open) this.db.close();
  }
}
