/**
 * The stores themselves, below HTTP. The SQLite store's group commit (writes of one event-loop
 * turn share a transaction) and its hold on the file; and what every store must keep under
 * concurrency (one order per key, one per merchant order number) and over time (key expiry),
 * run on SQLite and, when the run has a PostgreSQL server, on PostgreSQL.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { PaymentRecord } from '../src/domain/payments.ts';
import { PgStore } from '../src/store/postgres.ts';
import { SqliteStore } from '../src/store/sqlite.ts';
import type { IdempotencyRecord, Store } from '../src/store/types.ts';
import { storeSettings, tempDbFile, testPostgresUrl } from './support/sandbox.ts';

/** A fresh store of each kind this run proves. */
const kinds: [string, () => Promise<Store>][] = [
  ['SQLite', async () => new SqliteStore(tempDbFile())],
  ...(testPostgresUrl
    ? [
        [
          'PostgreSQL',
          async () => {
            const { databaseUrl } = await storeSettings(tempDbFile());
            const store = new PgStore({ url: databaseUrl! });
            await store.open();
            return store;
          },
        ] as [string, () => Promise<Store>],
      ]
    : []),
];

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

for (const [kind, open] of kinds) {
  test(`${kind}: an expired idempotency key is free again; purging forgets only expired keys; lists round-trip as JSON`, async () => {
    const store = await open();
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
      channel_attempts: [
        { channel_id: 'chn_a', result: 'failed' as const, failure_code: 'channel_unavailable', at: 1 },
      ],
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
}

const key = (order_id: string, k: string): IdempotencyRecord => ({
  merchant_id: 'mch_1',
  key: k,
  request_hash: 'h',
  order_id,
  created_at: 1,
  expires_at: 1000,
  response_status: 200,
  response_body: `{"order":"${order_id}"}`,
});

for (const [kind, open] of kinds) {
  test(`${kind}: 20 concurrent orders with one key make one order; 20 with one merchant order number make one`, async () => {
    const store = await open();
    const sameKey = await Promise.all(
      Array.from({ length: 20 }, (_, i) => store.insertPayment(payment(`pay_k${i}`, null), key(`pay_k${i}`, 'race'))),
    );
    const made = sameKey.flatMap((r, i) => (r.kind === 'created' ? [`pay_k${i}`] : []));
    assert.equal(made.length, 1, 'one order for the key');
    for (const r of sameKey)
      if (r.kind !== 'created') assert.equal(r.kind === 'idempotent' && r.existing.order_id, made[0]);
    const sameNumber = await Promise.all(
      Array.from({ length: 20 }, (_, i) =>
        store.insertPayment(payment(`pay_n${i}`, 'OTN-RACE'), key(`pay_n${i}`, `n${i}`)),
      ),
    );
    assert.deepEqual(
      sameNumber.map((r) => r.kind).sort(),
      ['created', ...Array(19).fill('duplicate_out_trade_no')].sort(),
    );
    // A refused attempt kept neither its order nor its key.
    const winner = sameNumber.findIndex((r) => r.kind === 'created');
    for (let i = 0; i < 20; i++) {
      assert.equal(Boolean(await store.findIdempotency('mch_1', `n${i}`)), i === winner, `key n${i}`);
      assert.equal(Boolean(await store.findPayment('mch_1', `pay_n${i}`)), i === winner, `order pay_n${i}`);
    }
    await store.close();
  });
}

test('a second SQLite store on a file another holds is refused ("database is locked"), and nothing is written', async () => {
  const file = tempDbFile();
  const holder = new SqliteStore(file);
  assert.equal((await holder.insertPayment(payment('pay_1', 'OTN-1'))).kind, 'created');
  // The second process would wait out busy_timeout (5 s), then give up.
  assert.throws(() => new SqliteStore(file), /database is locked/);
  assert.ok(await holder.findPayment('mch_1', 'pay_1'), 'the holder keeps its data');
  await holder.close();
});
