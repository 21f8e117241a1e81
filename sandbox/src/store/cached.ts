/**
 * A write-through cache in front of a Store, for the records every request reads: tokens
 * (every authenticated call), channel lists (every new order) and recent orders (queries).
 *
 * In front of the SQLite store this process is the one writer (the store holds the file in
 * EXCLUSIVE locking mode), so the cache is always coherent. In front of a shared store other
 * processes write too: then orders are not cached at all (a client reading its payment on
 * another instance must see it paid), tokens and channels are dropped as soon as the store
 * tells of a change anywhere (NOTIFY), and nothing is kept longer than `maxAgeMs` whatever was
 * heard, which bounds staleness even while notices are not arriving.
 */
import type { ChannelRecord } from '../domain/channels.ts';
import type { PaymentRecord } from '../domain/payments.ts';
import type { RefundRecord } from '../domain/refunds.ts';
import type {
  RefundDecision,
  RefundFindings,
  RefundSettlement,
  AppRecord,
  AttemptRecord,
  BillCandidates,
  BillQuery,
  BillRefundCandidates,
  EventRecord,
  IdempotencyRecord,
  InsertPaymentResult,
  RequestLogQuery,
  RequestLogRecord,
  Store,
  TokenRecord,
} from './types.ts';

/**
 * A Map kept to `max` entries, dropping the oldest insertion, each entry good for `maxAgeMs`.
 * Reads do not reorder: moving a key on every hit (true LRU) makes V8 rehash large maps over
 * and over, and for these records first-in-first-out evicts well enough.
 */
class Bounded<K, V> {
  private readonly map = new Map<K, { value: V; at: number }>();
  constructor(
    private readonly max: number,
    private readonly maxAgeMs = Infinity,
  ) {}

  get(key: K): V | undefined {
    const hit = this.map.get(key);
    if (!hit) return undefined;
    if (this.maxAgeMs !== Infinity && performance.now() - hit.at > this.maxAgeMs) {
      this.map.delete(key);
      return undefined;
    }
    return hit.value;
  }

  set(key: K, value: V): void {
    if (this.max === 0) return;
    if (!this.map.has(key) && this.map.size >= this.max) this.map.delete(this.map.keys().next().value as K);
    this.map.set(key, { value, at: this.maxAgeMs === Infinity ? 0 : performance.now() });
  }

  delete(key: K): void {
    this.map.delete(key);
  }

  clear(): void {
    this.map.clear();
  }
}

/** How long a cached token or channel list may be served in front of a shared store, at most. */
export const SHARED_CACHE_MAX_AGE_MS = 1000;

export class CachedStore implements Store {
  private readonly tokens: Bounded<string, TokenRecord>;
  private readonly channels: Bounded<string, ChannelRecord[]>;
  private readonly payments: Bounded<string, PaymentRecord>;
  readonly shared: boolean;

  constructor(private readonly inner: Store) {
    this.shared = inner.shared;
    const maxAge = inner.shared ? SHARED_CACHE_MAX_AGE_MS : Infinity;
    this.tokens = new Bounded(50_000, maxAge);
    this.channels = new Bounded(10_000, maxAge);
    this.payments = new Bounded(inner.shared ? 0 : 50_000);
    inner.onInvalidate?.((change) => {
      if (change.kind === 'all') {
        this.tokens.clear();
        this.channels.clear();
      } else if (change.kind === 'token') this.tokens.delete(change.key);
      else this.channels.delete(change.key);
    });
    if (inner.countHit) this.countHit = inner.countHit.bind(inner);
  }

  countHit?: Store['countHit'];

  open() {
    return this.inner.open();
  }

  ping() {
    return this.inner.ping();
  }

  claimLease(name: string, holder: string, now: number, ttlMs: number) {
    return this.inner.claimLease(name, holder, now, ttlMs);
  }

  async createApp(app: AppRecord, channels: ChannelRecord[]): Promise<void> {
    await this.inner.createApp(app, channels);
    this.channels.set(app.merchant_id, channels);
  }

  findApp(appId: string) {
    return this.inner.findApp(appId);
  }

  rotateWebhookSecret(appId: string, sealed: string, previousExpiresAt: number) {
    return this.inner.rotateWebhookSecret(appId, sealed, previousExpiresAt);
  }

  async insertToken(token: TokenRecord): Promise<void> {
    await this.inner.insertToken(token);
    this.tokens.set(token.token_hash, token);
  }

  async findToken(tokenHash: string): Promise<TokenRecord | undefined> {
    const hit = this.tokens.get(tokenHash);
    if (hit) return hit;
    const row = await this.inner.findToken(tokenHash);
    if (row) this.tokens.set(tokenHash, row);
    return row;
  }

  async revokeToken(tokenHash: string, at: number): Promise<void> {
    await this.inner.revokeToken(tokenHash, at);
    this.tokens.delete(tokenHash);
  }

  async listChannels(merchantId: string): Promise<ChannelRecord[]> {
    const hit = this.channels.get(merchantId);
    if (hit) return hit;
    const rows = await this.inner.listChannels(merchantId);
    this.channels.set(merchantId, rows);
    return rows;
  }

  async insertChannel(channel: ChannelRecord): Promise<void> {
    try {
      await this.inner.insertChannel(channel);
    } finally {
      this.channels.delete(channel.merchant_id);
    }
  }

  async updateChannel(merchantId: string, channelId: string, patch: Partial<ChannelRecord>): Promise<boolean> {
    try {
      return await this.inner.updateChannel(merchantId, channelId, patch);
    } finally {
      this.channels.delete(merchantId);
    }
  }

  findIdempotency(merchantId: string, key: string): Promise<IdempotencyRecord | undefined> {
    return this.inner.findIdempotency(merchantId, key);
  }

  purgeIdempotency(now: number) {
    return this.inner.purgeIdempotency(now);
  }

  async insertPayment(payment: PaymentRecord, idem?: IdempotencyRecord): Promise<InsertPaymentResult> {
    const result = await this.inner.insertPayment(payment, idem);
    if (result.kind === 'created') this.payments.set(payment.order_id, payment);
    return result;
  }

  async findPayment(merchantId: string, orderId: string): Promise<PaymentRecord | undefined> {
    const hit = this.payments.get(orderId);
    if (hit) return hit.merchant_id === merchantId ? hit : undefined;
    const row = await this.inner.findPayment(merchantId, orderId);
    if (row) this.payments.set(orderId, row);
    return row;
  }

  async findPaymentById(orderId: string): Promise<PaymentRecord | undefined> {
    const hit = this.payments.get(orderId);
    if (hit) return hit;
    const row = await this.inner.findPaymentById(orderId);
    if (row) this.payments.set(orderId, row);
    return row;
  }

  findPaymentByOutTradeNo(merchantId: string, outTradeNo: string) {
    return this.inner.findPaymentByOutTradeNo(merchantId, outTradeNo);
  }

  async updatePayment(
    orderId: string,
    from: PaymentRecord['status'],
    patch: Partial<PaymentRecord>,
    event?: EventRecord,
  ): Promise<boolean> {
    const changed = await this.inner.updatePayment(orderId, from, patch, event);
    const hit = this.payments.get(orderId);
    if (changed && hit) this.payments.set(orderId, { ...hit, ...patch });
    else if (!changed) this.payments.delete(orderId); // someone else moved it: reread next time
    return changed;
  }

  listDuePayments(now: number, limit: number) {
    return this.inner.listDuePayments(now, limit);
  }

  placeRefund(
    q: { merchantId: string; orderId: string; outRefundNo: string; idemKey?: string },
    decide: (found: RefundFindings) => RefundDecision,
  ) {
    return this.inner.placeRefund(q, decide);
  }

  findRefund(merchantId: string, refundId: string) {
    return this.inner.findRefund(merchantId, refundId);
  }

  findRefundByNumber(merchantId: string, outRefundNo: string) {
    return this.inner.findRefundByNumber(merchantId, outRefundNo);
  }

  listRefunds(merchantId: string, orderId: string) {
    return this.inner.listRefunds(merchantId, orderId);
  }

  listDueRefunds(now: number, limit: number) {
    return this.inner.listDueRefunds(now, limit);
  }

  async settleRefund(refundId: string, settle: (refund: RefundRecord, payment: PaymentRecord) => RefundSettlement) {
    const after = await this.inner.settleRefund(refundId, settle);
    // The order's amount_refunded moved: read it again next time.
    if (after) this.payments.delete(after.order_id);
    return after;
  }

  billRows(q: BillQuery, after: [number, string] | null, limit: number) {
    return this.inner.billRows(q, after, limit);
  }

  billTallies(q: BillQuery) {
    return this.inner.billTallies(q);
  }

  billDueOrderIds(c: BillCandidates, now: number, limit: number) {
    return this.inner.billDueOrderIds(c, now, limit);
  }

  billUnfinishedCount(c: BillCandidates) {
    return this.inner.billUnfinishedCount(c);
  }

  billDueRefundIds(c: BillRefundCandidates, now: number, limit: number) {
    return this.inner.billDueRefundIds(c, now, limit);
  }

  billPendingRefundCount(c: BillRefundCandidates) {
    return this.inner.billPendingRefundCount(c);
  }

  listEvents(merchantId: string, orderId: string | undefined, limit: number) {
    return this.inner.listEvents(merchantId, orderId, limit);
  }

  findEvent(merchantId: string, eventId: string) {
    return this.inner.findEvent(merchantId, eventId);
  }

  listAttempts(eventIds: string[]) {
    return this.inner.listAttempts(eventIds);
  }

  claimDueEvents(now: number, limit: number, leaseUntil: number) {
    return this.inner.claimDueEvents(now, limit, leaseUntil);
  }

  releaseEvent(eventId: string, at: number) {
    return this.inner.releaseEvent(eventId, at);
  }

  recordAttempt(attempt: AttemptRecord, next: Pick<EventRecord, 'status' | 'attempt_count' | 'next_attempt_at'>) {
    return this.inner.recordAttempt(attempt, next);
  }

  resendEvent(eventId: string, now: number) {
    return this.inner.resendEvent(eventId, now);
  }

  listEventsAfter(merchantId: string, afterSeq: number, limit: number) {
    return this.inner.listEventsAfter(merchantId, afterSeq, limit);
  }

  eventSeq(merchantId: string, eventId: string) {
    return this.inner.eventSeq(merchantId, eventId);
  }

  lastEventSeq() {
    return this.inner.lastEventSeq();
  }

  appendRequestLogs(entries: RequestLogRecord[], keepPerApp: number) {
    return this.inner.appendRequestLogs(entries, keepPerApp);
  }

  listRequestLogs(q: RequestLogQuery) {
    return this.inner.listRequestLogs(q);
  }

  purgeRequestLogs(before: number) {
    return this.inner.purgeRequestLogs(before);
  }

  close(): Promise<void> {
    return this.inner.close();
  }
}
