/** The SQLite store's group commit: writes of one event-loop turn share a transaction. */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { PaymentRecord } from '../src/domain/payments.ts';
import { SqliteStore } from '../src/store/sqlite.ts';
import { tempDbFile } from './support/sandbox.ts';

function payment(id: string, outTradeNo: string | null): PaymentRecord {
  return {
    order_id: id,
    merchant_id: 'mch_1',
    app_id: 'app_1',
    out_trade_no: outTradeNo,
    product_id: 'p',
    product_name: 'n',
    amount: 100,
    currency: 'cny',
    pay_way: null,
    channel_id: null,
    status: 'created',
    memo: null,
    external_ext: null,
    notify_url: null,
    return_url: null,
    client_secret: 's',
    failure_code: null,
    created_at: 1,
    updated_at: 1,
    expires_at: 2,
    paid_at: null,
    closed_at: null,
    fee: null,
    auto_result: null,
    auto_at: null,
    close_reason: null,
    amount_refunded: 0,
    status_history: [{ status: 'created', at: 1 }],
    channel_attempts: [],
  };
}

test('a failing write in a batch undoes only itself; the others commit and survive a reopen', async () => {
  const file = tempDbFile();
  const store = new SqliteStore(file);
  const idem = {
    merchant_id: 'mch_1',
    key: 'k1',
    request_hash: 'h',
    order_id: 'pay_a',
    created_at: 1,
    expires_at: 1000,
    response_status: 200,
    response_body: '{"first":true}',
  };
  // Issued in one turn, so they land in one transaction.
  const [first, sameNumber, sameKey, nextOne, clash] = await Promise.all([
    store.insertPayment(payment('pay_a', 'OTN-1'), idem),
    store.insertPayment(payment('pay_b', 'OTN-1')), // same merchant order number: refused
    store.insertPayment(payment('pay_c', null), { ...idem, order_id: 'pay_c' }), // same key: replays pay_a
    store.insertPayment(payment('pay_d', 'OTN-2')),
    store.insertPayment(payment('pay_a', 'OTN-3')).catch((e: Error) => e), // primary key clash: this one fails
  ]);
  assert.deepEqual(
    [first, sameNumber, sameKey, nextOne].map((r) => r.kind),
    ['created', 'duplicate_out_trade_no', 'idempotent', 'created'],
  );
  assert.ok(sameKey.kind === 'idempotent');
  assert.equal(sameKey.existing.order_id, 'pay_a');
  assert.match(String(clash), /UNIQUE constraint failed/);
  assert.ok(await store.updatePayment('pay_d', 'created', { status: 'paid', paid_at: 5 }));
  assert.equal(await store.updatePayment('pay_d', 'created', { status: 'closed' }), false, 'compare-and-set');
  await store.close();

  const reopened = new SqliteStore(file);
  assert.ok(await reopened.findPayment('mch_1', 'pay_a'));
  assert.equal(await reopened.findPayment('mch_1', 'pay_b'), undefined);
  assert.equal(await reopened.findPayment('mch_1', 'pay_c'), undefined);
  assert.equal((await reopened.findPayment('mch_1', 'pay_d'))?.status, 'paid');
  assert.equal(await reopened.findPaymentByOutTradeNo('mch_1', 'OTN-3'), undefined, 'the failed write left nothing');
  await reopened.close();
});

test('an expired idempotency key is free again; purging forgets only expired keys; lists round-trip as JSON', async () => {
  const store = new SqliteStore(tempDbFile());
  const key = (order_id: string, created_at: number, k = 'k') => ({
    merchant_id: 'mch_1',
    key: k,
    request_hash: 'h',
    order_id,
    created_at,
    expires_at: created_at + 100,
    response_status: 200,
    response_body: `{"order":"${order_id}"}`,
  });
  const first = {
    ...payment('pay_1', null),
    channel_attempts: [{ channel_id: 'chn_a', result: 'failed' as const, failure_code: 'channel_unavailable', at: 1 }],
  };
  assert.equal((await store.insertPayment(first, key('pay_1', 1))).kind, 'created');
  const live = await store.insertPayment(payment('pay_2', null), key('pay_2', 100));
  assert.equal(live.kind, 'idempotent', 'one ms before expiry the key still replays');
  assert.equal(live.kind === 'idempotent' && live.existing.response_body, '{"order":"pay_1"}');
  assert.equal(
    (await store.insertPayment(payment('pay_3', null), key('pay_3', 101))).kind,
    'created',
    'expired: new order',
  );
  assert.equal((await store.findIdempotency('mch_1', 'k'))?.order_id, 'pay_3');
  assert.equal((await store.insertPayment(payment('pay_4', null), key('pay_4', 150, 'other'))).kind, 'created');
  await store.purgeIdempotency(201);
  assert.equal(await store.findIdempotency('mch_1', 'k'), undefined, 'expired at 201');
  assert.ok(await store.findIdempotency('mch_1', 'other'), 'lives until 250');
  assert.deepEqual((await store.findPayment('mch_1', 'pay_1'))?.channel_attempts, first.channel_attempts);
  assert.deepEqual((await store.findPayment('mch_1', 'pay_1'))?.status_history, [{ status: 'created', at: 1 }]);
  await store.close();
});
