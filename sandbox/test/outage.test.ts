/**
 * A sandbox on PostgreSQL while its database is away, on a server of its own that the test stops
 * and starts: requests and readiness answer 503 database_unavailable with Retry-After, nothing
 * acknowledged is lost, and the sandbox serves again by itself once the database is back; a
 * sandbox started before its database waits for it.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { startPostgres } from '../../tests/support/postgres.ts';
import { withOwnDatabase } from './support/outage.ts';
import { startSandbox } from './support/sandbox.ts';

const order = (n: number) => ({ product_id: 'p', product_name: '停库测试', amount: 100 + n, out_trade_no: `OUT-${n}` });

test('while the database is stopped: 503 database_unavailable with Retry-After; after it starts: ready, nothing lost', async () => {
  await withOwnDatabase(async (s, m, pg) => {
    const before = await s.client.post<'createPayment'>('/v1/payments/create', { token: m.token, json: order(1) });
    assert.equal(before.body.code, '0000');

    pg.stopServer();
    const ready = await s.client.get('/v1/health/ready');
    assert.equal(ready.status, 503);
    assert.equal(ready.body.sub_code, 'database_unavailable');
    assert.equal(ready.headers.get('retry-after'), '2');
    const write = await s.client.post('/v1/payments/create', {
      token: m.token,
      json: order(2),
      headers: { 'idempotency-key': 'outage-2' },
    });
    assert.equal(write.status, 503, write.text);
    assert.equal(write.body.sub_code, 'database_unavailable');
    assert.equal((await s.client.get('/v1/health')).status, 200, 'liveness does not depend on the database');

    pg.startServer();
    // The pool makes new connections by itself: ready again within seconds (15 s allowed on a busy machine).
    let readyAgain = 0;
    for (let i = 0; i < 150 && readyAgain !== 200; i++) {
      readyAgain = (await s.client.get('/v1/health/ready')).status;
      if (readyAgain !== 200) await new Promise((r) => setTimeout(r, 100));
    }
    assert.equal(readyAgain, 200);
    const kept = await s.client.get<'getPayment'>(`/v1/payments/${before.body.data.order_id}`, { token: m.token });
    assert.equal(kept.body.data.out_trade_no, 'OUT-1', 'the order acknowledged before the outage');
    // The refused write left nothing: its retry with the same key makes the order now.
    const retry = await s.client.post<'createPayment'>('/v1/payments/create', {
      token: m.token,
      json: order(2),
      headers: { 'idempotency-key': 'outage-2' },
    });
    assert.equal(retry.body.code, '0000', retry.text);
    assert.equal(retry.headers.get('idempotent-replayed'), null, 'a first answer, not a replay');
  });
});

test('a sandbox started before its database waits for it, then serves', async () => {
  const pg = await startPostgres();
  try {
    pg.stopServer();
    const later = setTimeout(() => pg.startServer(), 1500);
    const started = Date.now();
    const s = await startSandbox({ config: { databaseUrl: pg.url, secretKeyHex: 'c4'.repeat(32) } });
    try {
      clearTimeout(later);
      assert.ok(Date.now() - started >= 1000, 'it waited for the database');
      const ready = await s.client.get<'getReadiness'>('/v1/health/ready');
      assert.equal(ready.status, 200);
      assert.equal(ready.body.data.store, 'postgresql');
      assert.equal((await s.client.newMerchant()).app_id.slice(0, 4), 'app_');
    } finally {
      await s.close();
    }
  } finally {
    pg.stop();
  }
});
