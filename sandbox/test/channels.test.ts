/** 渠道路由 over real HTTP: channel CRUD, 410 after delete, scopes, isolation, routing. */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { routeOrder } from '../src/domain/routing.ts';
import { startSandbox, type Client, type RunningSandbox } from './support/sandbox.ts';

let sb: RunningSandbox;
let m: Awaited<ReturnType<Client['newMerchant']>>;
const c = () => sb.client;

before(async () => {
  sb = await startSandbox();
  m = await c().newMerchant();
});
after(() => sb.close());

const newChannel = (body: Record<string, unknown>, token = m.token) =>
  c().post<'createChannel'>('/v1/channels', { token, json: body });

describe('channel management', () => {
  test('add, get, list with filters, update; credentials are stored but only shown masked', async () => {
    const created = await newChannel({
      provider: 'mock_alipay',
      pay_ways: ['alipay_qr'],
      priority: 5,
      weight: 7,
      fee_rate_bps: 38,
      min_amount: 100,
      max_amount: 5000,
      credentials: { merchant_no: '2088123412341234', private_key: 'MIIEvQIBADANBgkqhkiG9w0BAQ' },
    });
    assert.equal(created.status, 200);
    const ch = created.body.data;
    assert.match(ch.channel_id, /^chn_/);
    assert.equal(ch.status, 'enabled');
    assert.deepEqual(ch.credentials, { merchant_no: '************1234', private_key: '************0BAQ' });
    assert.ok(!created.text.includes('2088123412341234') && !created.text.includes('MIIEvQIBADANBgkqhkiG9w0BAQ'));

    const got = await c().get<'getChannel'>(`/v1/channels/${ch.channel_id}`, { token: m.token });
    assert.deepEqual(got.body.data, ch);
    const qr = await c().get<'listChannels'>('/v1/channels?pay_way=alipay_qr', { token: m.token });
    assert.ok(qr.body.data.items.some((x) => x.channel_id === ch.channel_id));
    assert.ok(qr.body.data.items.every((x) => x.pay_ways.includes('alipay_qr')));
    const disabled = await c().get<'listChannels'>('/v1/channels?status=disabled', { token: m.token });
    assert.equal(disabled.body.data.items.length, 0);

    const patched = await c().call<'updateChannel'>('PATCH', `/v1/channels/${ch.channel_id}`, {
      token: m.token,
      json: { status: 'disabled', weight: 3, credentials: { merchant_no: 'NEW-0000-9999' } },
    });
    assert.equal(patched.status, 200);
    assert.equal(patched.body.data.status, 'disabled');
    assert.equal(patched.body.data.weight, 3);
    assert.equal(patched.body.data.priority, 5, 'fields not sent stay');
    assert.deepEqual(patched.body.data.credentials, { merchant_no: '*********9999' });
    assert.ok(!patched.text.includes('NEW-0000-9999'));
  });

  test('limits are checked: min above max, empty patch, unknown provider', async () => {
    const bad = await newChannel({
      provider: 'mock_wechat',
      pay_ways: ['wechat_app'],
      min_amount: 500,
      max_amount: 100,
    });
    assert.equal(bad.status, 400);
    assert.equal(bad.body.param, 'max_amount');
    const ch = (await newChannel({ provider: 'mock_wechat', pay_ways: ['wechat_app'], max_amount: 1000 })).body.data;
    const raise = await c().call('PATCH', `/v1/channels/${ch.channel_id}`, {
      token: m.token,
      json: { min_amount: 2000 },
    });
    assert.equal(raise.body.param, 'max_amount');
    const empty = await c().call('PATCH', `/v1/channels/${ch.channel_id}`, { token: m.token, json: {} });
    assert.equal(empty.status, 400);
    const provider = await newChannel({ provider: 'paypal', pay_ways: ['wechat_app'] });
    assert.equal(provider.body.param, 'provider');
  });

  test('soft delete: answers deleted once, then GET, PATCH and DELETE are 410 and the list drops it', async () => {
    const ch = (await newChannel({ provider: 'mock_unionpay', pay_ways: ['unionpay_app'] })).body.data;
    const del = await c().call('DELETE', `/v1/channels/${ch.channel_id}`, { token: m.token });
    assert.deepEqual(del.body.data, { channel_id: ch.channel_id, deleted: true });
    for (const [method, body] of [
      ['GET', undefined],
      ['PATCH', { weight: 2 }],
      ['DELETE', undefined],
    ] as const) {
      const res = await c().call(method, `/v1/channels/${ch.channel_id}`, { token: m.token, json: body });
      assert.equal(res.status, 410, method);
      assert.equal(res.body.sub_code, 'channel_deleted');
    }
    const list = await c().get<'listChannels'>('/v1/channels', { token: m.token });
    assert.ok(!list.body.data.items.some((x) => x.channel_id === ch.channel_id));
  });

  test('scopes: reading needs channels:read, managing needs channels:write (403 otherwise)', async () => {
    const reader = await c().newMerchant('channels:read payments:read');
    assert.equal((await c().get('/v1/channels', { token: reader.token })).status, 200);
    const add = await newChannel({ provider: 'mock_alipay', pay_ways: ['alipay_app'] }, reader.token);
    assert.equal(add.status, 403);
    assert.equal(add.body.sub_code, 'insufficient_scope');
    const someChannel = reader.channels[0].channel_id;
    assert.equal((await c().call('DELETE', `/v1/channels/${someChannel}`, { token: reader.token })).status, 403);
    assert.equal(
      (await c().call('PATCH', `/v1/channels/${someChannel}`, { token: reader.token, json: { weight: 2 } })).status,
      403,
    );
    const payer = await c().newMerchant('payments:write');
    assert.equal((await c().get('/v1/channels', { token: payer.token })).status, 403);
    assert.equal(
      (await c().get('/v1/routing/preview?pay_way=alipay_app&amount=100', { token: payer.token })).status,
      403,
    );
  });

  test("another merchant's channel is 404 for every method, and never listed", async () => {
    const other = await c().newMerchant();
    const theirs = other.channels[0].channel_id;
    for (const [method, body] of [
      ['GET', undefined],
      ['PATCH', { weight: 2 }],
      ['DELETE', undefined],
    ] as const) {
      const res = await c().call(method, `/v1/channels/${theirs}`, { token: m.token, json: body });
      assert.equal(res.status, 404, method);
      assert.equal(res.body.sub_code, 'resource_not_found');
    }
    const mine = await c().get<'listChannels'>('/v1/channels', { token: m.token });
    assert.ok(!mine.body.data.items.some((x) => x.channel_id === theirs));
    const still = await c().get<'getChannel'>(`/v1/channels/${theirs}`, { token: other.token });
    assert.equal(still.body.data.weight, 1, 'untouched');
  });
});

describe('routing', () => {
  test('70/30 weights hold over 1,000 orders (±5 points), each order routes as its id says, fallbacks never first', async () => {
    const r = await c().newMerchant();
    const heavy = (
      await newChannel({ provider: 'mock_alipay', pay_ways: ['alipay_qr'], priority: 1, weight: 70 }, r.token)
    ).body.data;
    const light = (
      await newChannel({ provider: 'mock_alipay', pay_ways: ['alipay_qr'], priority: 1, weight: 30 }, r.token)
    ).body.data;
    const fallback = (
      await newChannel({ provider: 'mock_alipay', pay_ways: ['alipay_qr'], priority: 9, weight: 100 }, r.token)
    ).body.data;
    const preview = await c().get<'previewRouting'>('/v1/routing/preview?pay_way=alipay_qr&amount=1000', {
      token: r.token,
    });
    const [first, second, ...fallbacks] = preview.body.data.candidates.map(
      (x) => [x.channel_id, x.probability] as const,
    );
    assert.deepEqual(
      [first, second],
      [
        [heavy.channel_id, 0.7],
        [light.channel_id, 0.3],
      ],
    );
    // The seeded Alipay channel (priority 10) and ours (priority 9) are fallbacks only.
    assert.deepEqual(
      fallbacks.map(([, p]) => p),
      [0, 0],
    );
    assert.equal(fallbacks[0][0], fallback.channel_id, 'lower priority number comes first');
    const listed = await c().get<'listChannels'>('/v1/channels', { token: r.token });
    const channels = listed.body.data.items.map((x) => ({ ...x, deleted_at: null }));
    const counts = new Map<string, number>();
    const n = 1000;
    for (let i = 0; i < n; i += 50) {
      const batch = await Promise.all(
        Array.from({ length: 50 }, () =>
          c().post<'createPayment'>('/v1/payments/create', {
            token: r.token,
            json: { product_id: 'r', product_name: '路由', amount: 1000, pay_way: 'alipay_qr' },
          }),
        ),
      );
      for (const res of batch) {
        const { order_id, channel_id } = res.body.data;
        assert.ok(channel_id, 'every order is routed');
        counts.set(channel_id, (counts.get(channel_id) ?? 0) + 1);
        assert.equal(
          channel_id,
          routeOrder(channels, 'alipay_qr', 1000, order_id)[0].channel_id,
          'deterministic by order id',
        );
      }
    }
    const share = (counts.get(heavy.channel_id) ?? 0) / n;
    console.log(`routing: 70-weight channel took ${(share * 100).toFixed(1)}% of ${n} orders`);
    assert.ok(Math.abs(share - 0.7) <= 0.05, `share ${share}`);
    assert.equal(counts.get(fallback.channel_id) ?? 0, 0);
  });

  test('disabled and deleted channels are skipped; with none left the order is 400 no_eligible_channel', async () => {
    const r = await c().newMerchant();
    const alipay = r.channels.find((x) => x.provider === 'mock_alipay')?.channel_id;
    const added = await newChannel({ provider: 'mock_alipay', pay_ways: ['alipay_app'], priority: 50 }, r.token);
    const backup = added.body.data;
    await c().call('PATCH', `/v1/channels/${alipay}`, { token: r.token, json: { status: 'disabled' } });
    const viaBackup = await c().post<'createPayment'>('/v1/payments/create', {
      token: r.token,
      json: { product_id: 'x', product_name: 'x', amount: 100, pay_way: 'alipay_app' },
    });
    assert.equal(viaBackup.body.data.channel_id, backup.channel_id, 'the fallback takes over');
    await c().call('DELETE', `/v1/channels/${backup.channel_id}`, { token: r.token });
    const none = await c().post('/v1/payments/create', {
      token: r.token,
      json: { product_id: 'x', product_name: 'x', amount: 100, pay_way: 'alipay_app' },
    });
    assert.equal(none.status, 400);
    assert.equal(none.body.sub_code, 'no_eligible_channel');
    const empty = await c().get<'previewRouting'>('/v1/routing/preview?pay_way=alipay_app&amount=100', {
      token: r.token,
    });
    assert.deepEqual(empty.body.data.candidates, []);
  });
});
