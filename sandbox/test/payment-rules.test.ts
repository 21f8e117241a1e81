/**
 * The rules a real payment system keeps (payments-depth.md), over real HTTP, with an injected
 * clock where time matters: moves through paying, close reasons and a close that is safe to
 * retry, idempotent replays byte for byte for 24 hours, fallback routing with 5003, magic
 * amounts that ignore the merchant's channels, pay ways that belong to their provider, and a
 * 20-way race that ends in one final state and one event.
 */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { manualClock, startSandbox, type Client, type RunningSandbox } from './support/sandbox.ts';

const HOUR = 60 * 60 * 1000;
const clock = manualClock(Date.parse('2026-11-20T10:00:00+08:00'));
let sb: RunningSandbox;
let m: Awaited<ReturnType<Client['newMerchant']>>;
const c = () => sb.client;

before(async () => {
  sb = await startSandbox({ now: clock.now });
  m = await c().newMerchant();
});
after(() => sb.close());

const body = (extra: Record<string, unknown> = {}) => ({
  product_id: 'r',
  product_name: '规则',
  amount: 1000,
  ...extra,
});

async function create(extra: Record<string, unknown> = {}, headers: Record<string, string> = {}, token = m.token) {
  return c().post<'createPayment'>('/v1/payments/create', { token, json: body(extra), headers });
}

async function newOrder(extra: Record<string, unknown> = {}) {
  const res = await create(extra);
  assert.equal(res.status, 200, res.text);
  return res.body.data;
}

const simulate = (orderId: string, result: string, token = m.token) =>
  c().post<'simulatePayment'>(`/v1/sandbox/payments/${orderId}/simulate`, { token, json: { result } });
const close = (orderId: string, token = m.token) =>
  c().post<'closePayment'>(`/v1/payments/${orderId}/close`, { token });
const cashier = (p: { order_id: string; pay_url: string }, action: string) =>
  c().post(`/cashier/${p.order_id}`, {
    form: { client_secret: new URL(p.pay_url).searchParams.get('client_secret')!, action },
  });
const history = (p: { status_history: { status: string }[] }) => p.status_history.map((h) => h.status);

async function freshToken(app: { app_id: string; app_secret: string }) {
  const res = await c().post<'getToken'>('/v1/oauth/token', {
    form: { grant_type: 'client_credentials', app_id: app.app_id, app_secret: app.app_secret },
  });
  return res.body.data.access_token;
}

describe('states and moves', () => {
  test('simulate and the cashier pass through paying, and both moves are recorded', async () => {
    const simulated = (await simulate((await newOrder()).order_id, 'paid')).body.data;
    assert.deepEqual(history(simulated), ['created', 'paying', 'paid']);
    const failed = (await simulate((await newOrder()).order_id, 'failed')).body.data;
    assert.deepEqual(history(failed), ['created', 'paying', 'failed']);

    const p = await newOrder();
    assert.equal((await cashier(p, 'pay')).status, 303);
    const paid = (await c().get<'getPayment'>(`/v1/payments/${p.order_id}`, { token: m.token })).body.data;
    assert.deepEqual(history(paid), ['created', 'paying', 'paid']);
    assert.equal(paid.close_reason, null);
  });

  test('close is safe to retry: a closed order answers 0000 with the order; paid and failed are 400', async () => {
    const p = await newOrder();
    const first = await close(p.order_id);
    assert.equal(first.status, 200);
    assert.equal(first.body.data.close_reason, 'merchant');
    const again = await close(p.order_id);
    assert.equal(again.status, 200, 'a retried close is not a failure');
    assert.equal(again.body.code, '0000');
    assert.deepEqual(again.body.data, first.body.data, 'the same order, unchanged');
    const events = await c().get<'listEvents'>(`/v1/events?order_id=${p.order_id}`, { token: m.token });
    assert.equal(events.body.data.items.length, 1, 'one payment.closed event, not two');

    for (const result of ['paid', 'failed']) {
      const done = await newOrder();
      await simulate(done.order_id, result);
      const refused = await close(done.order_id);
      assert.equal(refused.status, 400, result);
      assert.equal(refused.body.sub_code, 'invalid_state_transition');
    }
  });

  test('every closed order says why: merchant, expired or payer_cancelled (failure_code stays null)', async () => {
    const cancelled = await newOrder();
    await cashier(cancelled, 'cancel');
    const afterCancel = (await c().get<'getPayment'>(`/v1/payments/${cancelled.order_id}`, { token: m.token })).body
      .data;
    assert.equal(afterCancel.status, 'closed');
    assert.equal(afterCancel.close_reason, 'payer_cancelled');
    assert.equal(afterCancel.failure_code, null);

    const expiring = await newOrder({ time_expire: 60 });
    clock.advance(60_000);
    const expired = (await c().get<'getPayment'>(`/v1/payments/${expiring.order_id}`, { token: m.token })).body.data;
    assert.equal(expired.status, 'closed');
    assert.equal(expired.close_reason, 'expired');
    assert.deepEqual(history(expired), ['created', 'closed']);
    assert.equal(
      Date.parse(expired.closed_at!),
      Date.parse(expiring.expires_at),
      'closed when it expired, not when read',
    );

    const auto = await newOrder({ amount: 2001 });
    clock.advance(60_000); // read long after its 3 s
    const paid = (await c().get<'getPayment'>(`/v1/payments/${auto.order_id}`, { token: m.token })).body.data;
    assert.equal(Date.parse(paid.paid_at!) - Date.parse(auto.created_at), 3000, 'paid when it came due');
    assert.deepEqual(history(paid), ['created', 'paying', 'paid']);
  });
});

describe('idempotency keys', () => {
  test('a replay is the first answer byte for byte, even after the order moved on', async () => {
    const key = `rules-${Date.now()}`;
    const first = await create({}, { 'idempotency-key': key });
    assert.equal(first.status, 200);
    await simulate(first.body.data.order_id, 'paid');
    clock.advance(1000);
    const replay = await create({}, { 'idempotency-key': key });
    assert.equal(replay.status, first.status);
    assert.equal(replay.headers.get('idempotent-replayed'), 'true');
    assert.deepEqual(replay.raw, first.raw, 'same bytes');
    assert.equal(replay.body.data.status, 'created', 'the first answer, not the order as it is now');
  });

  test('a key lives 24 hours, then it is free again', async () => {
    const app = await c().newMerchant();
    const key = 'daily-key';
    const first = await create({}, { 'idempotency-key': key }, app.token);
    clock.advance(24 * HOUR - 1);
    const token = await freshToken(app);
    const stillReplayed = await create({}, { 'idempotency-key': key }, token);
    assert.equal(stillReplayed.headers.get('idempotent-replayed'), 'true', '1 ms before 24 h');
    assert.equal(stillReplayed.body.data.order_id, first.body.data.order_id);
    clock.advance(1);
    const fresh = await create({}, { 'idempotency-key': key }, token);
    assert.equal(fresh.status, 200);
    assert.equal(fresh.headers.get('idempotent-replayed'), null, 'at 24 h the key is free');
    assert.notEqual(fresh.body.data.order_id, first.body.data.order_id);
    // And the new use starts its own 24 hours.
    const replayOfNew = await create({}, { 'idempotency-key': key }, token);
    assert.equal(replayOfNew.body.data.order_id, fresh.body.data.order_id);
    m.token = await freshToken(m); // the day that passed expired the shared token too
  });

  test('a request refused before it ran stores nothing under its key', async () => {
    const key = `refused-${Date.now()}`;
    const invalid = await create({ amount: 10.5 }, { 'idempotency-key': key });
    assert.equal(invalid.status, 400);
    const noChannel = await create({ amount: 99999999 }, { 'idempotency-key': key });
    assert.equal(noChannel.status, 400);
    const ok = await create({}, { 'idempotency-key': key });
    assert.equal(ok.status, 200, 'the key was not taken by the refused requests');
    assert.equal(ok.headers.get('idempotent-replayed'), null);
  });
});

describe('routing', () => {
  test('5003: the first channel answers channel_unavailable, the order moves to the next and is paid there', async () => {
    const p = await newOrder({ amount: 5003 });
    assert.equal(p.channel_attempts.length, 2);
    const [refused, accepted] = p.channel_attempts;
    assert.equal(refused.result, 'failed');
    assert.equal(refused.failure_code, 'channel_unavailable');
    assert.equal(accepted.result, 'accepted');
    assert.equal(accepted.failure_code, null);
    assert.notEqual(refused.channel_id, accepted.channel_id);
    assert.equal(p.channel_id, accepted.channel_id);
    const paid = (await simulate(p.order_id, 'paid')).body.data;
    assert.equal(paid.status, 'paid');
    assert.equal(paid.channel_id, accepted.channel_id, 'paid on the second channel');
    assert.deepEqual(paid.channel_attempts, p.channel_attempts, 'both attempts stay on the order');

    const normal = await newOrder();
    assert.deepEqual(
      normal.channel_attempts.map((a) => [a.result, a.failure_code]),
      [['accepted', null]],
    );
  });

  test('5003 with a single channel for the pay way is 503 channel_unavailable; a second channel takes over', async () => {
    const app = await c().newMerchant();
    const alone = await create({ amount: 5003, pay_way: 'alipay_app' }, {}, app.token);
    assert.equal(alone.status, 503, alone.text);
    assert.equal(alone.body.sub_code, 'channel_unavailable');
    assert.ok(Number(alone.headers.get('retry-after')) > 0);
    const backup = await c().post<'createChannel'>('/v1/channels', {
      token: app.token,
      json: { provider: 'mock_alipay', pay_ways: ['alipay_app'], priority: 20 },
    });
    const p = (await create({ amount: 5003, pay_way: 'alipay_app' }, {}, app.token)).body.data;
    assert.equal(p.channel_id, backup.body.data.channel_id);
  });

  test('99999999 is 400 no_eligible_channel whatever channels the merchant has', async () => {
    const app = await c().newMerchant();
    await c().post('/v1/channels', {
      token: app.token,
      json: { provider: 'mock_alipay', pay_ways: ['alipay_app'] }, // no max_amount
    });
    for (const extra of [{}, { pay_way: 'alipay_app' }]) {
      const res = await create({ amount: 99999999, ...extra }, {}, app.token);
      assert.equal(res.status, 400);
      assert.equal(res.body.sub_code, 'no_eligible_channel');
    }
  });

  test('a body only in the media types the contract declares: channels take JSON, not forms', async () => {
    const form = await c().post('/v1/channels', {
      token: m.token,
      form: { provider: 'mock_alipay', pay_ways: 'alipay_app' },
    });
    assert.equal(form.status, 400, form.text);
    assert.equal(form.body.sub_code, 'unsupported_media_type');
    const json = await c().post('/v1/channels', {
      token: m.token,
      headers: { 'content-type': 'application/json; charset=utf-8' },
      json: { provider: 'mock_alipay', pay_ways: ['alipay_app'] },
    });
    assert.equal(json.status, 200, json.text);
  });

  test("a channel offers only its provider's pay ways", async () => {
    const cases = [
      ['mock_alipay', ['wechat_app']],
      ['mock_wechat', ['alipay_qr']],
      ['mock_unionpay', ['unionpay_app', 'wechat_qr']],
    ] as const;
    for (const [provider, pay_ways] of cases) {
      const res = await c().post('/v1/channels', { token: m.token, json: { provider, pay_ways } });
      assert.equal(res.status, 400, `${provider} ${pay_ways}`);
      assert.equal(res.body.sub_code, 'pay_way_not_supported');
      assert.equal(res.body.param, 'pay_ways');
    }
    const wechat = m.channels.find((ch) => ch.provider === 'mock_wechat')!;
    const patched = await c().call('PATCH', `/v1/channels/${wechat.channel_id}`, {
      token: m.token,
      json: { pay_ways: ['alipay_app'] },
    });
    assert.equal(patched.status, 400);
    assert.equal(patched.body.sub_code, 'pay_way_not_supported');
  });
});

test('a 20-way race of close, simulate and cashier pay on one order: one final state, one event', async () => {
  for (let round = 0; round < 3; round++) {
    const p = await newOrder();
    const racers = Array.from({ length: 20 }, (_, i) =>
      i % 4 === 0
        ? close(p.order_id)
        : i % 4 === 1
          ? simulate(p.order_id, 'paid')
          : i % 4 === 2
            ? simulate(p.order_id, 'failed')
            : cashier(p, 'pay'),
    );
    const replies = await Promise.all(racers);
    assert.ok(
      replies.every((r) => r.status < 500),
      replies.map((r) => r.status).join(),
    );
    const final = (await c().get<'getPayment'>(`/v1/payments/${p.order_id}`, { token: m.token })).body.data;
    assert.ok(['paid', 'failed', 'closed'].includes(final.status));
    const events = await c().get<'listEvents'>(`/v1/events?order_id=${p.order_id}`, { token: m.token });
    assert.equal(events.body.data.items.length, 1, 'exactly one event');
    assert.equal(events.body.data.items[0].type, `payment.${final.status}`);
    const apiWinners = replies.filter(
      (r) => r.status === 200 && (r.body as { data?: { status?: string } }).data?.status !== undefined,
    );
    for (const r of apiWinners) {
      assert.equal((r.body as { data: { status: string } }).data.status, final.status, 'no 200 claims another end');
    }
    assert.equal(new Set(history(final)).size, history(final).length, 'no status recorded twice');
  }
});
