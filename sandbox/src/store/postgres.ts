/**
 * The PostgreSQL store, for any number of sandbox processes on one database. Each operation
 * keeps the SQLite store's meaning; what one process got from holding the file alone is here
 * made explicit: row locks for the refund ceiling, unique keys (and a retried transaction) for
 * idempotency, claims for background work, NOTIFY for caches, a shared table for rate limits.
 */
import type pg from 'pg';
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
import { migrate } from './pg-migrate.ts';
import { CACHE_CHANNEL, ChangeListener } from './pg-notify.ts';
import { createPool, first, isUnavailable, rethrow, rows, run, transaction, type Runner } from './pg-pool.ts';
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
  Invalidation,
  RateWindow,
  RefundDecision,
  RefundFindings,
  RefundSettlement,
  RequestLogQuery,
  RequestLogRecord,
  Store,
  StreamedEvent,
  TokenRecord,
} from './types.ts';

const insertSql = (table: string, columns: readonly string[]) =>
  `INSERT INTO ${table} (${columns.join(', ')}) VALUES (${columns.map((c) => '@' + c).join(', ')})`;

const APP_INSERT = insertSql('apps', [
  'app_id',
  'merchant_id',
  'name',
  'secret_hash',
  'webhook_secret_sealed',
  'created_at',
]);
const TOKEN_INSERT = insertSql('tokens', ['token_hash', 'app_id', 'merchant_id', 'scope', 'expires_at', 'revoked_at']);
const CHANNEL_INSERT = insertSql('channels', CHANNEL_COLUMNS);
const PAYMENT_INSERT = insertSql('payments', PAYMENT_COLUMNS);
const PAYMENT_INSERT_UNLESS_NUMBER_TAKEN = `${PAYMENT_INSERT}
  ON CONFLICT (merchant_id, out_trade_no) WHERE out_trade_no IS NOT NULL DO NOTHING`;
const REFUND_INSERT = insertSql('refunds', REFUND_COLUMNS);
const IDEM_INSERT = insertSql('idempotency', [
  'merchant_id',
  'key',
  'request_hash',
  'order_id',
  'created_at',
  'expires_at',
  'response_status',
  'response_body',
]);
const EVENT_INSERT = insertSql('events', [
  'event_id',
  'merchant_id',
  'app_id',
  'order_id',
  'type',
  'created_at',
  'payload',
  'notify_url',
  'status',
  'attempt_count',
  'next_attempt_at',
]);
const ATTEMPT_INSERT = insertSql('event_attempts', [
  'event_id',
  'at',
  'outcome',
  'http_status',
  'duration_ms',
  'error',
  'response_excerpt',
]);
const REFUND_COLUMN_LIST = REFUND_COLUMNS.join(', ');
const EVENT_COLUMN_LIST =
  'event_id, merchant_id, app_id, order_id, type, created_at, payload, notify_url, status, attempt_count, next_attempt_at';

/** Tells every instance (this one included) that a cached record changed, when `db`'s transaction commits. */
function notify(db: Runner, kind: 'token' | 'channels', key: string): Promise<unknown> {
  return run(db, `SELECT pg_notify('${CACHE_CHANNEL}', @payload)`, { payload: `${kind}:${key}` });
}

export interface PgStoreOptions {
  url: string;
  /** Connections this process keeps at most. */
  poolSize?: number;
  /** How long a request waits for a connection before the database counts as unavailable. */
  connectTimeoutMs?: number;
  /** How long open() waits for a database that cannot be reached yet. */
  startupWaitMs?: number;
}

export class PgStore implements Store {
  readonly shared = true;
  private readonly pool: pg.Pool;
  private readonly listener: ChangeListener;

  private readonly startupWaitMs: number;

  constructor(options: PgStoreOptions) {
    this.startupWaitMs = options.startupWaitMs ?? 30_000;
    this.pool = createPool({
      url: options.url,
      max: options.poolSize ?? 10,
      connectTimeoutMs: options.connectTimeoutMs ?? 2000,
    });
    this.listener = new ChangeListener(options.url);
  }

  /**
   * Migrates, then listens for changes. A database still starting (instances and database brought
   * up together) is waited for, up to `startupWaitMs`; after that the start fails with the reason.
   */
  async open(): Promise<void> {
    const giveUpAt = Date.now() + this.startupWaitMs;
    for (let wait = 200; ; wait = Math.min(wait * 2, 2000)) {
      try {
        const client = await this.pool.connect().catch(rethrow);
        try {
          await migrate(client);
        } finally {
          client.release();
        }
        break;
      } catch (error) {
        if (!isUnavailable(error) || Date.now() + wait > giveUpAt) throw error;
        await new Promise((r) => setTimeout(r, wait));
      }
    }
    await this.listener.start();
  }

  async ping(): Promise<void> {
    await rows(this.pool, 'SELECT 1');
  }

  onInvalidate(listener: (change: Invalidation) => void): void {
    this.listener.on(listener);
  }

  async countHit(key: string, now: number, windowMs: number, increment: 0 | 1): Promise<RateWindow> {
    if (increment === 0) {
      const row = await first<RateWindow>(
        this.pool,
        'SELECT window_start AS start, count FROM rate_windows WHERE key = @key AND window_start > @since',
        { key, since: now - windowMs },
      );
      return row ?? { start: now, count: 0 };
    }
    // One statement, atomic for every instance: the key's row is created, restarted when its
    // window has ended, or counted up.
    const row = await first<RateWindow>(
      this.pool,
      `INSERT INTO rate_windows (key, window_start, count) VALUES (@key, @now, 1)
       ON CONFLICT (key) DO UPDATE SET
         count = CASE WHEN rate_windows.window_start > @since THEN rate_windows.count + 1 ELSE 1 END,
         window_start = CASE WHEN rate_windows.window_start > @since THEN rate_windows.window_start ELSE @now END
       RETURNING window_start AS start, count`,
      { key, now, since: now - windowMs },
    );
    return row!;
  }

  async claimLease(name: string, holder: string, now: number, ttlMs: number): Promise<boolean> {
    const row = await first<{ holder: string }>(
      this.pool,
      `INSERT INTO leases (name, holder, until) VALUES (@name, @holder, @until)
       ON CONFLICT (name) DO UPDATE SET holder = EXCLUDED.holder, until = EXCLUDED.until
         WHERE leases.until <= @now OR leases.holder = EXCLUDED.holder
       RETURNING holder`,
      { name, holder, until: now + ttlMs, now },
    );
    return row?.holder === holder;
  }

  async createApp(app: AppRecord, channels: ChannelRecord[]): Promise<void> {
    await transaction(this.pool, async (db) => {
      await run(db, APP_INSERT, { ...app });
      for (const c of channels) await run(db, CHANNEL_INSERT, channelToRow(c));
    });
  }

  findApp(appId: string): Promise<AppRecord | undefined> {
    return first<AppRecord>(this.pool, 'SELECT * FROM apps WHERE app_id = @id', { id: appId });
  }

  async rotateWebhookSecret(appId: string, sealed: string, previousExpiresAt: number): Promise<void> {
    await run(
      this.pool,
      `UPDATE apps SET previous_webhook_secret_sealed = webhook_secret_sealed,
         previous_webhook_secret_expires_at = @previous, webhook_secret_sealed = @sealed WHERE app_id = @id`,
      { id: appId, sealed, previous: previousExpiresAt },
    );
  }

  async insertToken(token: TokenRecord): Promise<void> {
    await run(this.pool, TOKEN_INSERT, { ...token });
  }

  findToken(tokenHash: string): Promise<TokenRecord | undefined> {
    return first<TokenRecord>(this.pool, 'SELECT * FROM tokens WHERE token_hash = @h', { h: tokenHash });
  }

  async revokeToken(tokenHash: string, at: number): Promise<void> {
    await transaction(this.pool, async (db) => {
      await run(db, 'UPDATE tokens SET revoked_at = @at WHERE token_hash = @h AND revoked_at IS NULL', {
        at,
        h: tokenHash,
      });
      await notify(db, 'token', tokenHash);
    });
  }

  async listChannels(merchantId: string): Promise<ChannelRecord[]> {
    const found = await rows<ChannelRow>(
      this.pool,
      'SELECT * FROM channels WHERE merchant_id = @m ORDER BY created_at, channel_id',
      { m: merchantId },
    );
    return found.map(channelFromRow);
  }

  async insertChannel(channel: ChannelRecord): Promise<void> {
    await transaction(this.pool, async (db) => {
      await run(db, CHANNEL_INSERT, channelToRow(channel));
      await notify(db, 'channels', channel.merchant_id);
    });
  }

  async updateChannel(merchantId: string, channelId: string, patch: Partial<ChannelRecord>): Promise<boolean> {
    const keys = setClause(patch, CHANNEL_COLUMNS).filter((k) => k !== 'channel_id' && k !== 'merchant_id');
    if (keys.length === 0) return false;
    const row = channelToRow(patch);
    return transaction(this.pool, async (db) => {
      const changed = await run(
        db,
        `UPDATE channels SET ${keys.map((k) => `${k} = @${k}`).join(', ')} WHERE channel_id = @__id AND merchant_id = @__mch`,
        { ...row, __id: channelId, __mch: merchantId },
      );
      if (changed === 1) await notify(db, 'channels', merchantId);
      return changed === 1;
    });
  }

  findIdempotency(merchantId: string, key: string): Promise<IdempotencyRecord | undefined> {
    return first<IdempotencyRecord>(this.pool, 'SELECT * FROM idempotency WHERE merchant_id = @m AND key = @k', {
      m: merchantId,
      k: key,
    });
  }

  async purgeIdempotency(now: number): Promise<void> {
    await run(
      this.pool,
      `DELETE FROM idempotency WHERE (merchant_id, key) IN
         (SELECT merchant_id, key FROM idempotency WHERE expires_at <= @now LIMIT 1000)`,
      { now },
    );
  }

  async insertPayment(payment: PaymentRecord, idem?: IdempotencyRecord): Promise<InsertPaymentResult> {
    if (!idem) {
      // No key: one statement, no transaction. The merchant's order number is unique by its
      // index; an insert that meets it does nothing, which says the number is taken.
      const inserted = await run(this.pool, PAYMENT_INSERT_UNLESS_NUMBER_TAKEN, paymentToRow(payment));
      return inserted === 1 ? { kind: 'created' } : { kind: 'duplicate_out_trade_no' };
    }
    // Two requests racing with one key (or one out_trade_no) both find nothing and both insert;
    // the unique key makes the second wait for the first and fail, and its transaction runs
    // again from the top, now finding the first's record: one order per key, as in SQLite.
    return transaction(this.pool, async (db): Promise<InsertPaymentResult> => {
      const existing = await first<IdempotencyRecord>(
        db,
        'SELECT * FROM idempotency WHERE merchant_id = @m AND key = @k FOR UPDATE',
        { m: idem.merchant_id, k: idem.key },
      );
      if (existing && idempotencyLive(existing, idem.created_at)) return { kind: 'idempotent', existing };
      if (existing) {
        await run(db, 'DELETE FROM idempotency WHERE merchant_id = @m AND key = @k', {
          m: idem.merchant_id,
          k: idem.key,
        });
      }
      if (payment.out_trade_no && (await this.paymentByOtn(db, payment.merchant_id, payment.out_trade_no))) {
        return { kind: 'duplicate_out_trade_no' };
      }
      await run(db, PAYMENT_INSERT, paymentToRow(payment));
      await run(db, IDEM_INSERT, { ...idem });
      return { kind: 'created' };
    });
  }

  private async paymentByOtn(db: Runner, merchantId: string, outTradeNo: string) {
    return paymentFromRow(
      await first<PaymentRow>(db, 'SELECT * FROM payments WHERE merchant_id = @m AND out_trade_no = @o', {
        m: merchantId,
        o: outTradeNo,
      }),
    );
  }

  async findPayment(merchantId: string, orderId: string): Promise<PaymentRecord | undefined> {
    return paymentFromRow(
      await first<PaymentRow>(this.pool, 'SELECT * FROM payments WHERE merchant_id = @m AND order_id = @id', {
        m: merchantId,
        id: orderId,
      }),
    );
  }

  async findPaymentById(orderId: string): Promise<PaymentRecord | undefined> {
    return paymentFromRow(
      await first<PaymentRow>(this.pool, 'SELECT * FROM payments WHERE order_id = @id', { id: orderId }),
    );
  }

  findPaymentByOutTradeNo(merchantId: string, outTradeNo: string): Promise<PaymentRecord | undefined> {
    return this.paymentByOtn(this.pool, merchantId, outTradeNo);
  }

  async updatePayment(
    orderId: string,
    from: PaymentRecord['status'],
    patch: Partial<PaymentRecord>,
    event?: EventRecord,
  ): Promise<boolean> {
    const keys = setClause(patch, PAYMENT_COLUMNS);
    if (keys.length === 0) return false;
    const row = paymentToRow(patch);
    const sql = `UPDATE payments SET ${keys.map((k) => `${k} = @${k}`).join(', ')} WHERE order_id = @__id AND status = @__from`;
    const params = { ...row, __id: orderId, __from: from };
    // Compare-and-set: a racing move waits for the row lock, then finds the status changed.
    if (!event) return (await run(this.pool, sql, params)) === 1;
    return transaction(this.pool, async (db) => {
      const moved = (await run(db, sql, params)) === 1;
      if (moved) await run(db, EVENT_INSERT, { ...event });
      return moved;
    });
  }

  placeRefund(
    q: { merchantId: string; orderId: string; outRefundNo: string; idemKey?: string },
    decide: (found: RefundFindings) => RefundDecision,
  ): Promise<RefundDecision> {
    return transaction(this.pool, async (db): Promise<RefundDecision> => {
      // The order's row lock first: refunds of one order queue here, so the running totals read
      // below are the ones the insert adds to (the ceiling holds across every instance).
      const order = await first<PaymentRow & { refund_reserved: number; refund_fee_reserved: number }>(
        db,
        'SELECT * FROM payments WHERE merchant_id = @m AND order_id = @id FOR UPDATE',
        { m: q.merchantId, id: q.orderId },
      );
      const ledger: RefundLedger = order
        ? { reserved: order.refund_reserved, feeReserved: order.refund_fee_reserved }
        : { reserved: 0, feeReserved: 0 };
      const found: RefundFindings = {
        idem: q.idemKey
          ? await first<IdempotencyRecord>(db, 'SELECT * FROM idempotency WHERE merchant_id = @m AND key = @k', {
              m: q.merchantId,
              k: q.idemKey,
            })
          : undefined,
        byNumber: await first<RefundRecord>(
          db,
          `SELECT ${REFUND_COLUMN_LIST} FROM refunds WHERE merchant_id = @m AND out_refund_no = @n`,
          { m: q.merchantId, n: q.outRefundNo },
        ),
        payment: paymentFromRow(order),
        ledger,
      };
      const decision = decide(found);
      if (decision.kind === 'create') {
        const r = decision.refund;
        await run(db, REFUND_INSERT, { ...r });
        await run(
          db,
          `UPDATE payments SET refund_reserved = refund_reserved + @amount,
             refund_fee_reserved = refund_fee_reserved + @fee WHERE order_id = @id`,
          { amount: r.amount, fee: r.fee_refunded, id: r.order_id },
        );
        if (decision.idem) {
          if (found.idem) {
            await run(db, 'DELETE FROM idempotency WHERE merchant_id = @m AND key = @k', {
              m: decision.idem.merchant_id,
              k: decision.idem.key,
            });
          }
          await run(db, IDEM_INSERT, { ...decision.idem });
        }
      }
      return decision;
    });
  }

  findRefund(merchantId: string, refundId: string): Promise<RefundRecord | undefined> {
    return first<RefundRecord>(
      this.pool,
      `SELECT ${REFUND_COLUMN_LIST} FROM refunds WHERE merchant_id = @m AND refund_id = @id`,
      { m: merchantId, id: refundId },
    );
  }

  findRefundByNumber(merchantId: string, outRefundNo: string): Promise<RefundRecord | undefined> {
    return first<RefundRecord>(
      this.pool,
      `SELECT ${REFUND_COLUMN_LIST} FROM refunds WHERE merchant_id = @m AND out_refund_no = @n`,
      { m: merchantId, n: outRefundNo },
    );
  }

  listRefunds(merchantId: string, orderId: string): Promise<RefundRecord[]> {
    // seq breaks ties: two refunds asked in the same millisecond list in the order they were asked.
    return rows<RefundRecord>(
      this.pool,
      `SELECT ${REFUND_COLUMN_LIST} FROM refunds WHERE merchant_id = @m AND order_id = @id ORDER BY created_at, seq`,
      { m: merchantId, id: orderId },
    );
  }

  listDueRefunds(now: number, limit: number): Promise<RefundRecord[]> {
    return rows<RefundRecord>(
      this.pool,
      `SELECT ${REFUND_COLUMN_LIST} FROM refunds WHERE status = 'pending' AND due_at <= @now ORDER BY due_at LIMIT @limit`,
      { now, limit },
    );
  }

  settleRefund(
    refundId: string,
    settle: (refund: RefundRecord, payment: PaymentRecord) => RefundSettlement,
  ): Promise<RefundRecord | undefined> {
    return transaction(this.pool, async (db) => {
      const refund = await first<RefundRecord>(
        db,
        `SELECT ${REFUND_COLUMN_LIST} FROM refunds WHERE refund_id = @id FOR UPDATE`,
        { id: refundId },
      );
      if (!refund || refund.status !== 'pending') return undefined;
      const payment = paymentFromRow(
        await first<PaymentRow>(db, 'SELECT * FROM payments WHERE order_id = @id FOR UPDATE', { id: refund.order_id }),
      )!;
      const { patch, refundedDelta, event } = settle(refund, payment);
      const keys = setClause(patch, REFUND_COLUMNS);
      await run(
        db,
        `UPDATE refunds SET ${keys.map((k) => `${k} = @${k}`).join(', ')} WHERE refund_id = @__id AND status = 'pending'`,
        { ...patch, __id: refundId },
      );
      if (refundedDelta) {
        await run(db, 'UPDATE payments SET amount_refunded = amount_refunded + @d WHERE order_id = @id', {
          d: refundedDelta,
          id: refund.order_id,
        });
      }
      if (patch.status === 'failed') {
        // A failed refund gives its amount and fee back to what may still be refunded.
        await run(
          db,
          `UPDATE payments SET refund_reserved = refund_reserved - @amount,
             refund_fee_reserved = refund_fee_reserved - @fee WHERE order_id = @id`,
          { amount: refund.amount, fee: refund.fee_refunded, id: refund.order_id },
        );
      }
      if (event) await run(db, EVENT_INSERT, { ...event });
      return { ...refund, ...patch };
    });
  }

  async listDuePayments(now: number, limit: number): Promise<PaymentRecord[]> {
    const due = await rows<PaymentRow>(
      this.pool,
      `SELECT * FROM payments WHERE status IN ('created', 'paying')
         AND (expires_at <= @now OR (auto_at IS NOT NULL AND auto_at <= @now)) LIMIT @limit`,
      { now, limit },
    );
    return due.map((r) => paymentFromRow(r)!);
  }

  billRows(q: BillQuery, after: [number, string] | null, limit: number): Promise<BillSource[]> {
    return rows<BillSource>(this.pool, billRowsSql(q, after !== null), billParams(q, after, limit));
  }

  billTallies(q: BillQuery): Promise<BillTally[]> {
    return rows<BillTally>(this.pool, billTalliesSql(q), billParams(q));
  }

  async billDueOrderIds(c: BillCandidates, now: number, limit: number): Promise<string[]> {
    return (await rows<{ id: string }>(this.pool, DUE_ORDER_IDS_SQL, candidateParams(c, now, limit))).map((r) => r.id);
  }

  async billUnfinishedCount(c: BillCandidates): Promise<number> {
    return (await first<{ n: number }>(this.pool, UNFINISHED_COUNT_SQL, candidateParams(c)))!.n;
  }

  async billDueRefundIds(c: BillRefundCandidates, now: number, limit: number): Promise<string[]> {
    const found = await rows<{ id: string }>(this.pool, dueRefundIdsSql('refunds'), candidateParams(c, now, limit));
    return found.map((r) => r.id);
  }

  async billPendingRefundCount(c: BillRefundCandidates): Promise<number> {
    return (await first<{ n: number }>(this.pool, pendingRefundCountSql('refunds'), candidateParams(c)))!.n;
  }

  listEvents(merchantId: string, orderId: string | undefined, limit: number): Promise<EventRecord[]> {
    const byOrder = orderId ? ' AND order_id = @order' : '';
    return rows<EventRecord>(
      this.pool,
      `SELECT ${EVENT_COLUMN_LIST} FROM events WHERE merchant_id = @m${byOrder}
       ORDER BY created_at DESC, event_id DESC LIMIT @limit`,
      { m: merchantId, order: orderId, limit },
    );
  }

  findEvent(merchantId: string, eventId: string): Promise<EventRecord | undefined> {
    return first<EventRecord>(
      this.pool,
      `SELECT ${EVENT_COLUMN_LIST} FROM events WHERE merchant_id = @m AND event_id = @id`,
      { m: merchantId, id: eventId },
    );
  }

  async listAttempts(eventIds: string[]): Promise<AttemptRecord[]> {
    if (eventIds.length === 0) return [];
    try {
      const result = await this.pool.query(
        `SELECT event_id, at, outcome, http_status, duration_ms, error, response_excerpt FROM event_attempts
         WHERE event_id = ANY($1) ORDER BY at, seq`,
        [eventIds],
      );
      return result.rows as AttemptRecord[];
    } catch (error) {
      rethrow(error);
    }
  }

  claimDueEvents(now: number, limit: number, leaseUntil: number): Promise<EventRecord[]> {
    // SKIP LOCKED: instances claiming at the same moment take different events, never one twice.
    return rows<EventRecord>(
      this.pool,
      `UPDATE events SET next_attempt_at = @lease WHERE event_id IN (
         SELECT event_id FROM events WHERE status = 'pending' AND next_attempt_at <= @now
         ORDER BY next_attempt_at LIMIT @limit FOR UPDATE SKIP LOCKED)
       RETURNING ${EVENT_COLUMN_LIST}`,
      { now, limit, lease: leaseUntil },
    );
  }

  async releaseEvent(eventId: string, at: number): Promise<void> {
    await run(this.pool, `UPDATE events SET next_attempt_at = @at WHERE event_id = @id AND status = 'pending'`, {
      at,
      id: eventId,
    });
  }

  async recordAttempt(
    attempt: AttemptRecord,
    next: Pick<EventRecord, 'status' | 'attempt_count' | 'next_attempt_at'>,
  ): Promise<void> {
    await transaction(this.pool, async (db) => {
      await run(db, ATTEMPT_INSERT, { ...attempt });
      await run(
        db,
        'UPDATE events SET status = @status, attempt_count = @attempt_count, next_attempt_at = @next_attempt_at WHERE event_id = @id',
        { ...next, id: attempt.event_id },
      );
    });
  }

  async resendEvent(eventId: string, now: number): Promise<void> {
    await run(
      this.pool,
      `UPDATE events SET status = 'pending', attempt_count = 0, next_attempt_at = @now WHERE event_id = @id`,
      { now, id: eventId },
    );
  }

  listEventsAfter(merchantId: string, afterSeq: number, limit: number): Promise<StreamedEvent[]> {
    return rows<StreamedEvent>(
      this.pool,
      `SELECT seq, ${EVENT_COLUMN_LIST} FROM events WHERE merchant_id = @m AND seq > @after ORDER BY seq LIMIT @limit`,
      { m: merchantId, after: afterSeq, limit },
    );
  }

  async eventSeq(merchantId: string, eventId: string): Promise<number | undefined> {
    const row = await first<{ seq: number }>(
      this.pool,
      'SELECT seq FROM events WHERE merchant_id = @m AND event_id = @id',
      {
        m: merchantId,
        id: eventId,
      },
    );
    return row?.seq;
  }

  async lastEventSeq(): Promise<number> {
    return (await first<{ seq: number }>(this.pool, 'SELECT COALESCE(MAX(seq), 0) AS seq FROM events'))!.seq;
  }

  async appendRequestLogs(entries: RequestLogRecord[], keepPerApp: number): Promise<void> {
    await transaction(this.pool, async (db) => {
      for (const e of entries) await run(db, REQUEST_LOG_INSERT, { ...e });
      for (const app of new Set(entries.map((e) => e.app_id)))
        await run(db, REQUEST_LOG_TRIM, { app, keep: keepPerApp });
    });
  }

  listRequestLogs(q: RequestLogQuery): Promise<(RequestLogRecord & { seq: number })[]> {
    return rows(this.pool, requestLogSql(q), requestLogParams(q));
  }

  async purgeRequestLogs(before: number): Promise<void> {
    await run(
      this.pool,
      'DELETE FROM request_logs WHERE seq IN (SELECT seq FROM request_logs WHERE at < @before LIMIT 1000)',
      { before },
    );
  }

  async close(): Promise<void> {
    await this.listener.stop();
    await this.pool.end().catch(() => {});
  }
}
