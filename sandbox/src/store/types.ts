/**
 * Everything the sandbox keeps, behind one interface. Routes and services see only this;
 * a PostgreSQL implementation can be added beside sqlite.ts without touching them.
 * Methods are async so that such a store fits the same shape.
 */
import type { ChannelRecord } from '../domain/channels.ts';
import type { BillSourceRow, BillType } from '../domain/bills.ts';
import type { BillTally } from '../domain/bill-summary.ts';
import type { PaymentRecord } from '../domain/payments.ts';
import type { RefundLedger, RefundRecord } from '../domain/refunds.ts';

export interface AppRecord {
  app_id: string;
  merchant_id: string;
  name: string;
  secret_hash: string;
  webhook_secret_sealed: string;
  created_at: number;
  /** The secret before the last rotation; events are signed with it too until it expires. */
  previous_webhook_secret_sealed?: string | null;
  previous_webhook_secret_expires_at?: number | null;
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
  /** After this the key is free again (null on keys kept before expiry was recorded). */
  expires_at: number | null;
  /** The first answer, byte for byte (null on keys kept before answers were). */
  response_status: number | null;
  response_body: string | null;
}

export interface EventRecord {
  event_id: string;
  merchant_id: string;
  app_id: string;
  order_id: string;
  type: string;
  created_at: number;
  /** The exact JSON body sent (and signed). */
  payload: string;
  notify_url: string | null;
  status: 'pending' | 'delivered' | 'failed' | 'no_endpoint';
  attempt_count: number;
  next_attempt_at: number | null;
}

export interface AttemptRecord {
  event_id: string;
  at: number;
  outcome: 'delivered' | 'http_error' | 'network_error' | 'timeout' | 'blocked';
  http_status: number | null;
  duration_ms: number;
  error: string | null;
  /** The start of the receiver's answer (null when none came, or recorded before excerpts were kept). */
  response_excerpt: string | null;
}

/** An event with its place in the stream: events are streamed in `seq` order. */
export type StreamedEvent = EventRecord & { seq: number };

/** One request made with an app's credentials, as the request log keeps it (already masked). */
export interface RequestLogRecord {
  app_id: string;
  request_id: string;
  at: number;
  method: string;
  path: string;
  status: number;
  sub_code: string | null;
  duration_ms: number;
  origin: 'api' | 'console';
  /** JSON text: { headers, query, body }. */
  request: string;
  /** The answer as sent (its first 16 KB), in columns of its own: no second encoding per request. */
  response_content_type: string | null;
  response_body: string | null;
  /** 1 when the body was cut. */
  response_truncated: number;
}

export interface RequestLogQuery {
  appId: string;
  /** 2, 4 or 5: the status class. */
  statusClass?: number;
  pathPrefix?: string;
  requestId?: string;
  /** Only entries older than this one (a page's cursor). */
  beforeSeq?: number;
  limit: number;
}

export interface BillQuery {
  merchantId: string;
  /** [start, end) in epoch ms */
  from: number;
  to: number;
  /**
   * ALL: orders created in the range and refunds that succeeded in it; SUCCESS: orders paid in the
   * range; REFUND: refunds that succeeded in it.
   */
  type: BillType;
  channelId?: string;
}

/** A row and its sort key: its time (created, paid or refunded, by the bill's type), then its id. */
export type BillSource = BillSourceRow & { sort_time: number; row_id: string };

/** The orders that could still enter or change a bill: one merchant's, created in [from, to). */
export interface BillCandidates {
  merchantId: string;
  from: number;
  to: number;
}

/** The refunds that could still succeed on a bill's day: one merchant's pending ones, due in [from, to). */
export interface BillRefundCandidates {
  merchantId: string;
  from: number;
  to: number;
}

/** What the store finds, inside its write transaction, for a refund about to be placed. */
export interface RefundFindings {
  /** The Idempotency-Key's record, live or not (the caller decides). */
  idem?: IdempotencyRecord;
  /** The merchant's refund with this out_refund_no, on any order. */
  byNumber?: RefundRecord;
  /** The order, as it is in the database now. */
  payment?: PaymentRecord;
  ledger: RefundLedger;
}

/** What to do with a refund request: insert a new refund (and its key), or nothing. */
export type RefundDecision = { kind: 'create'; refund: RefundRecord; idem?: IdempotencyRecord } | { kind: 'none' };

/** What a settling refund changes: the refund, the order's refunded amount, the event. */
export interface RefundSettlement {
  patch: Partial<RefundRecord>;
  refundedDelta: number;
  event?: EventRecord;
}

export type InsertPaymentResult =
  { kind: 'created' } | { kind: 'duplicate_out_trade_no' } | { kind: 'idempotent'; existing: IdempotencyRecord };

/** A rate limit's current window for one key. */
export interface RateWindow {
  start: number;
  count: number;
}

/** A cached record another instance changed; `all` when changes may have been missed. */
export type Invalidation = { kind: 'token' | 'channels'; key: string } | { kind: 'all' };

export interface Store {
  /** Makes the store ready (PostgreSQL: connects and migrates); resolves at once for SQLite. */
  open(): Promise<void>;
  /** Resolves when the database answers; throws when it cannot be reached. */
  ping(): Promise<void>;
  /**
   * Whether other processes share the database (PostgreSQL): caches must then hear of their
   * writes, limits count across processes and background work is claimed.
   */
  readonly shared: boolean;
  /** Shared stores: tells `listener` of cached records that changed anywhere. */
  onInvalidate?(listener: (change: Invalidation) => void): void;
  /**
   * Shared stores: counts a hit of `key` (or none, when `increment` is 0) for every process
   * together, in a window of `windowMs` that starts with the first hit after the last window
   * ended; the window's start and its count after this hit.
   */
  countHit?(key: string, now: number, windowMs: number, increment: 0 | 1): Promise<RateWindow>;
  /**
   * Takes or renews the lease `name` for `holder` until `now + ttlMs`: true when `holder` has it
   * (it was free, expired, or already its own). A job that must run in one place at a time runs
   * only while its instance holds the lease.
   */
  claimLease(name: string, holder: string, now: number, ttlMs: number): Promise<boolean>;

  createApp(app: AppRecord, channels: ChannelRecord[]): Promise<void>;
  findApp(appId: string): Promise<AppRecord | undefined>;
  /** The current webhook secret becomes the previous one (until `previousExpiresAt`); `sealed` is the new one. */
  rotateWebhookSecret(appId: string, sealed: string, previousExpiresAt: number): Promise<void>;

  insertToken(token: TokenRecord): Promise<void>;
  findToken(tokenHash: string): Promise<TokenRecord | undefined>;
  revokeToken(tokenHash: string, at: number): Promise<void>;

  /** Every channel of the merchant, deleted ones included (routing and views filter). */
  listChannels(merchantId: string): Promise<ChannelRecord[]>;
  insertChannel(channel: ChannelRecord): Promise<void>;
  /** Applies the patch to the channel; false when it does not exist. */
  updateChannel(merchantId: string, channelId: string, patch: Partial<ChannelRecord>): Promise<boolean>;

  findIdempotency(merchantId: string, key: string): Promise<IdempotencyRecord | undefined>;
  /** Forgets keys that expired by `now` (a bounded batch per call). */
  purgeIdempotency(now: number): Promise<void>;
  /**
   * Inserts the payment, and its idempotency record when given, atomically. A live record of
   * the same key wins (`idempotent`); an expired one is replaced.
   */
  insertPayment(payment: PaymentRecord, idem?: IdempotencyRecord): Promise<InsertPaymentResult>;
  findPayment(merchantId: string, orderId: string): Promise<PaymentRecord | undefined>;
  /** For the hosted cashier only, which knows the order but not its merchant (it checks the client secret). */
  findPaymentById(orderId: string): Promise<PaymentRecord | undefined>;
  findPaymentByOutTradeNo(merchantId: string, outTradeNo: string): Promise<PaymentRecord | undefined>;
  /**
   * Compare-and-set: applies `patch` only if the order is still in `from`, and records `event`
   * (its notification) in the same transaction; false, and nothing written, otherwise.
   */
  updatePayment(
    orderId: string,
    from: PaymentRecord['status'],
    patch: Partial<PaymentRecord>,
    event?: EventRecord,
  ): Promise<boolean>;
  /**
   * Places a refund: reads the findings for (merchant, order, out_refund_no, key) and lets
   * `decide` (pure, may throw) choose, all in one write transaction, so the ceiling holds under
   * any concurrency.
   */
  placeRefund(
    q: { merchantId: string; orderId: string; outRefundNo: string; idemKey?: string },
    decide: (found: RefundFindings) => RefundDecision,
  ): Promise<RefundDecision>;
  findRefund(merchantId: string, refundId: string): Promise<RefundRecord | undefined>;
  findRefundByNumber(merchantId: string, outRefundNo: string): Promise<RefundRecord | undefined>;
  listRefunds(merchantId: string, orderId: string): Promise<RefundRecord[]>;
  /** Pending refunds due by `now`. */
  listDueRefunds(now: number, limit: number): Promise<RefundRecord[]>;
  /**
   * Settles a refund still pending: `settle` (given the refund and its order as they are in the
   * transaction) says what changes; the refund after, or undefined (nothing written) when it is
   * no longer pending.
   */
  settleRefund(
    refundId: string,
    settle: (refund: RefundRecord, payment: PaymentRecord) => RefundSettlement,
  ): Promise<RefundRecord | undefined>;

  /** Unfinished orders that time alone will change by `now` (magic amounts, expiry). */
  listDuePayments(now: number, limit: number): Promise<PaymentRecord[]>;

  /** One page of bill rows in (sort_time, row_id) order, after the given key. */
  billRows(q: BillQuery, after: [number, string] | null, limit: number): Promise<BillSource[]>;
  /** The bill's rows added up per type and status, for summarize(). */
  billTallies(q: BillQuery): Promise<BillTally[]>;
  /**
   * Ids of unfinished candidates that time alone has changed by `now`, to settle before the bill is
   * read (ids, not records: the order is then read the one way every order is read).
   */
  billDueOrderIds(c: BillCandidates, now: number, limit: number): Promise<string[]>;
  /** How many candidates are still unfinished (created or paying). */
  billUnfinishedCount(c: BillCandidates): Promise<number>;
  /** Ids of the candidate refunds due by `now`, to settle before the bill is read. */
  billDueRefundIds(c: BillRefundCandidates, now: number, limit: number): Promise<string[]>;
  /** How many candidate refunds are still pending. */
  billPendingRefundCount(c: BillRefundCandidates): Promise<number>;

  listEvents(merchantId: string, orderId: string | undefined, limit: number): Promise<EventRecord[]>;
  findEvent(merchantId: string, eventId: string): Promise<EventRecord | undefined>;
  listAttempts(eventIds: string[]): Promise<AttemptRecord[]>;
  /**
   * Claims pending events whose next attempt is due: each is moved to `leaseUntil`, so no other
   * process (or pass) takes it while this one delivers; recordAttempt() then sets its real next
   * time. A process that dies mid-delivery leaves the event due again at `leaseUntil`.
   */
  claimDueEvents(now: number, limit: number, leaseUntil: number): Promise<EventRecord[]>;
  /** Gives a claimed event back, due at `at` (a delivery cut short by shutdown). */
  releaseEvent(eventId: string, at: number): Promise<void>;
  /** Records an attempt and the event's state after it. */
  recordAttempt(
    attempt: AttemptRecord,
    next: Pick<EventRecord, 'status' | 'attempt_count' | 'next_attempt_at'>,
  ): Promise<void>;
  /** Makes the event due again now, with a fresh retry budget. */
  resendEvent(eventId: string, now: number): Promise<void>;

  /** Events of the merchant after `afterSeq` in stream order (the oldest first). */
  listEventsAfter(merchantId: string, afterSeq: number, limit: number): Promise<StreamedEvent[]>;
  /** The stream position of one of the merchant's events. */
  eventSeq(merchantId: string, eventId: string): Promise<number | undefined>;
  /** The highest stream position so far (0 when there is no event): where a new stream starts. */
  lastEventSeq(): Promise<number>;

  /** Adds entries to the request log, keeping the newest `keepPerApp` of each app. */
  appendRequestLogs(entries: RequestLogRecord[], keepPerApp: number): Promise<void>;
  /** The app's entries matching the query, newest first. */
  listRequestLogs(q: RequestLogQuery): Promise<(RequestLogRecord & { seq: number })[]>;
  /** Forgets entries made before `before` (a bounded batch per call). */
  purgeRequestLogs(before: number): Promise<void>;

  close(): Promise<void>;
}
