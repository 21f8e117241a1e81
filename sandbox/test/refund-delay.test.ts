/**
 * The refund delay is a setting (SANDBOX_REFUND_DELAY_SECONDS): a sandbox started with a longer
 * one keeps its refunds pending past the catalogue's 2 s, the sweeper settles them when the
 * setting says, and a REFUND bill waits as long before it is final. The clock is the test's.
 */
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { configFromEnv } from '../src/config.ts';
import { sweep } from '../src/services/sweeper.ts';
import { readBill } from './support/bills.ts';
import { contract, manualClock, startSandbox, type Client, type RunningSandbox } from './support/sandbox.ts';

const DELAY_SECONDS = 30;
// 23:59:00 in Shanghai: the refund is due at 23:59:30, the same day, so the bill below lists it.
const clock = manualClock(Date.parse('2026-11-20T23:59:00+08:00'));
let sb: RunningSandbox;
let m: Awaited<ReturnType<Client['newMerchant']>>;
const c = () => sb.client;

before(async () => {
  sb = await startSandbox({ now: clock.now, config: { refundDelaySeconds: DELAY_SECONDS } });
  m = await c().newMerchant();
});
after(() => sb.close());

/** The refund as the store keeps it: reading it over HTTP would settle it, and this is the sweeper's test. */
const stored = async (refundId: string) => (await sb.app.sandbox.ctx.store.findRefund(m.source_id, refundId))!;

test('the setting comes from SANDBOX_REFUND_DELAY_SECONDS; unset, the catalogue says 2 s', () => {
  assert.equal(configFromEnv({ SANDBOX_REFUND_DELAY_SECONDS: '3600' }).refundDelaySeconds, 3600);
  assert.equal(configFromEnv({}).refundDelaySeconds, undefined);
  assert.equal(contract.testData.refund_delay_seconds, 2, 'the delay this test must outlast');
  assert.throws(() => configFromEnv({ SANDBOX_REFUND_DELAY_SECONDS: 'soon' }), /whole number/);
});

test('a refund stays pending past 2 s and the sweeper settles it at the configured delay', async () => {
  const created = await c().post<'createPayment'>('/v1/payments/create', {
    token: m.token,
    json: { product_id: 'd', product_name: '延迟退款', amount: 1000 },
  });
  const orderId = created.body.data.order_id;
  await c().post(`/v1/sandbox/payments/${orderId}/simulate`, { token: m.token, json: { result: 'paid' } });
  const asked = await c().post<'createRefund'>(`/v1/payments/${orderId}/refunds`, {
    token: m.token,
    json: { amount: 300, out_refund_no: `DELAY${Date.now()}` },
  });
  assert.equal(asked.status, 200, asked.text);
  const refundId = asked.body.data.refund_id;

  clock.advance(2000);
  await sweep(sb.app.sandbox.ctx);
  assert.equal((await stored(refundId)).status, 'pending', 'still pending at 2 s');
  clock.advance(DELAY_SECONDS * 1000 - 2000 - 1);
  await sweep(sb.app.sandbox.ctx);
  assert.equal((await stored(refundId)).status, 'pending', '1 ms before the configured delay');
  clock.advance(1);
  await sweep(sb.app.sandbox.ctx);
  const settled = await stored(refundId);
  assert.equal(settled.status, 'succeeded', 'settled by the sweeper at the configured delay');
  assert.equal(settled.succeeded_at! - settled.created_at, DELAY_SECONDS * 1000);

  // The day's REFUND bill waits for refunds as long as the setting, not the catalogue's 2 s.
  const refundBill = async () => readBill(c(), m.token, 'bill_date=2026-11-20&bill_type=REFUND');
  clock.advance(Date.parse('2026-11-21T00:00:10+08:00') - clock.now());
  const early = await refundBill();
  assert.equal(early.status, 'provisional', '10 s after the day: final at 2 s, not at 30');
  assert.deepEqual(
    early.items.map((i) => i.refund_id),
    [refundId],
  );
  clock.advance(20_000);
  assert.equal((await refundBill()).status, 'final', 'the end of the day plus the configured delay');
});
