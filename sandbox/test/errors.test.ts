/**
 * Every code and sub_code of the error catalogue, produced for real over HTTP by the trigger
 * the catalogue documents. A sub_code added to openapi/errors.yaml without a trigger here
 * fails the first test, so the table in the docs can never list an error the sandbox lacks.
 */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { drainAndClose } from '../src/app.ts';
import { withStoppedDatabase } from './support/outage.ts';
import { contract, startSandbox, type Client, type Reply, type RunningSandbox } from './support/sandbox.ts';

/** Sub_codes that belong to endpoints still to be built (none today). */
const PENDING = new Set<string>();

let sb: RunningSandbox;
let m: Awaited<ReturnType<Client['newMerchant']>>;

before(async () => {
  sb = await startSandbox();
  m = await sb.client.newMerchant();
});
after(() => sb.close());

const order = { product_id: '123', product_name: '苹果', amount: 1000 };
const c = () => sb.client;

async function paidOrder() {
  const p = await newOrder();
  await c().post(`/v1/sandbox/payments/${p.order_id}/simulate`, { token: m.token, json: { result: 'paid' } });
  return p;
}

async function newOrder(amount = 1000) {
  const res = await c().post<'createPayment'>('/v1/payments/create', { token: m.token, json: { ...order, amount } });
  return res.body.data;
}

/** Runs a sandbox with its own settings for one trigger. */
async function withSandbox(
  settings: Parameters<typeof startSandbox>[0],
  run: (s: RunningSandbox) => Promise<Reply>,
): Promise<Reply> {
  const s = await startSandbox(settings);
  try {
    return await run(s);
  } finally {
    await s.close().catch(() => {});
  }
}

const TRIGGERS: Record<string, () => Promise<Reply>> = {
  '400:malformed_json': () =>
    c().post('/v1/payments/create', {
      token: m.token,
      body: '{"product_id":',
      headers: { 'content-type': 'application/json' },
    }),
  '400:malformed_body': () => c().post('/v1/payments/create', { token: m.token, json: 'just a string' }),
  '400:malformed_authorization': () =>
    c().post('/v1/oauth/token', {
      form: { grant_type: 'client_credentials' },
      headers: { authorization: 'Basic ' + Buffer.from('%zz:x').toString('base64') },
    }),
  '400:unsupported_media_type': () =>
    c().post('/v1/payments/create', { token: m.token, body: '<xml/>', headers: { 'content-type': 'application/xml' } }),
  '400:body_too_large': () =>
    c().post('/v1/payments/create', { token: m.token, json: { ...order, memo: 'x'.repeat(100_000) } }),
  '400:missing_field': () => c().post('/v1/payments/create', { token: m.token, json: { product_id: '1', amount: 1 } }),
  '400:unknown_field': () => c().post('/v1/payments/create', { token: m.token, json: { ...order, access_token: 'x' } }),
  '400:invalid_type': () =>
    c().post('/v1/payments/create', { token: m.token, json: { ...order, product_name: ['a'] } }),
  '400:invalid_value': () => c().post('/v1/payments/create', { token: m.token, json: { ...order, currency: 'usd' } }),
  '400:invalid_url': () =>
    c().post('/v1/payments/create', { token: m.token, json: { ...order, return_url: 'javascript:alert(1)//' } }),
  '400:amount_not_integer': () =>
    c().post('/v1/payments/create', {
      token: m.token,
      form: { product_id: 123, product_name: 'apple', amount: '10.00' },
    }),
  '400:invalid_state_transition': async () => {
    const p = await newOrder();
    await c().post(`/v1/sandbox/payments/${p.order_id}/simulate`, { token: m.token, json: { result: 'paid' } });
    return c().post(`/v1/payments/${p.order_id}/close`, { token: m.token });
  },
  '400:pay_way_not_supported': () =>
    c().post('/v1/channels', { token: m.token, json: { provider: 'mock_alipay', pay_ways: ['wechat_app'] } }),
  '503:channel_unavailable': () =>
    c().post('/v1/payments/create', { token: m.token, json: { ...order, amount: 5003, pay_way: 'alipay_app' } }),
  '400:no_eligible_channel': () =>
    c().post('/v1/payments/create', { token: m.token, json: { ...order, amount: 99999999 } }),
  '400:duplicate_out_trade_no': async () => {
    await c().post('/v1/payments/create', { token: m.token, json: { ...order, out_trade_no: 'E-dup' } });
    return c().post('/v1/payments/create', { token: m.token, json: { ...order, out_trade_no: 'E-dup' } });
  },
  '400:invalid_scope': () =>
    c().post('/v1/oauth/token', {
      form: { grant_type: 'client_credentials', app_id: m.app_id, app_secret: m.app_secret, scope: 'root' },
    }),
  '400:missing_query': () => c().get('/v1/payments', { token: m.token }),
  '400:order_not_paid': async () => {
    const p = await newOrder();
    return c().post(`/v1/payments/${p.order_id}/refunds`, {
      token: m.token,
      json: { amount: 100, out_refund_no: 'E-np' },
    });
  },
  '400:refund_exceeds_paid': async () => {
    const p = await paidOrder();
    return c().post(`/v1/payments/${p.order_id}/refunds`, {
      token: m.token,
      json: { amount: 1001, out_refund_no: 'E-ex' },
    });
  },
  '400:refund_not_pending': async () => {
    const p = await paidOrder();
    const r = await c().post<'createRefund'>(`/v1/payments/${p.order_id}/refunds`, {
      token: m.token,
      json: { amount: 100, out_refund_no: 'E-rnp' },
    });
    const path = `/v1/sandbox/refunds/${r.body.data.refund_id}/simulate`;
    await c().post(path, { token: m.token, json: { result: 'succeeded' } });
    return c().post(path, { token: m.token, json: { result: 'failed' } });
  },
  '409:out_refund_no_conflict': async () => {
    const p = await paidOrder();
    const path = `/v1/payments/${p.order_id}/refunds`;
    await c().post(path, { token: m.token, json: { amount: 100, out_refund_no: 'E-409r' } });
    return c().post(path, { token: m.token, json: { amount: 200, out_refund_no: 'E-409r' } });
  },
  '400:no_notify_url': async () => {
    const p = await newOrder();
    await c().post(`/v1/sandbox/payments/${p.order_id}/simulate`, { token: m.token, json: { result: 'paid' } });
    const events = await c().get<'listEvents'>(`/v1/events?order_id=${p.order_id}`, { token: m.token });
    return c().post(`/v1/events/${events.body.data.items[0].id}/resend`, { token: m.token });
  },
  '401:missing_token': () => c().get('/v1/payments?order_id=pay_1'),
  '401:invalid_token': () => c().get('/v1/payments?order_id=pay_1', { token: 'tok_forged' }),
  '401:token_expired': () =>
    withSandbox({ config: { tokenTtlSeconds: 0 } }, async (s) => {
      const x = await s.client.newMerchant();
      return s.client.get('/v1/payments?order_id=pay_1', { token: x.token });
    }),
  '401:token_revoked': async () => {
    const x = await c().newMerchant();
    await c().post('/v1/oauth/revoke', { token: x.token });
    return c().get('/v1/payments?order_id=pay_1', { token: x.token });
  },
  '401:invalid_client': () =>
    c().post('/v1/oauth/token', { form: { grant_type: 'client_credentials', app_id: m.app_id, app_secret: 'nope' } }),
  '403:insufficient_scope': async () => {
    const x = await c().newMerchant('payments:read');
    return c().post('/v1/payments/create', { token: x.token, json: order });
  },
  '403:source_id_mismatch': () =>
    c().post('/v1/payments/create', { token: m.token, json: { ...order, source_id: 'mch_someoneelse' } }),
  '404:route_not_found': () => c().get('/v1/nothing-here', { token: m.token }),
  '404:resource_not_found': () => c().get('/v1/payments/pay_doesnotexist', { token: m.token }),
  '405:method_not_allowed': () => c().get('/v1/payments/create', { token: m.token }),
  '406:not_acceptable': () =>
    c().get('/v1/payments?order_id=pay_1', { token: m.token, headers: { accept: 'application/xml' } }),
  '409:idempotency_conflict': async () => {
    await c().post('/v1/payments/create', { token: m.token, json: order, headers: { 'idempotency-key': 'E-409' } });
    return c().post('/v1/payments/create', {
      token: m.token,
      json: { ...order, amount: 1 },
      headers: { 'idempotency-key': 'E-409' },
    });
  },
  '410:channel_deleted': async () => {
    const ch = await c().post<'createChannel'>('/v1/channels', {
      token: m.token,
      json: { provider: 'mock_alipay', pay_ways: ['alipay_qr'] },
    });
    await c().call('DELETE', `/v1/channels/${ch.body.data.channel_id}`, { token: m.token });
    return c().get(`/v1/channels/${ch.body.data.channel_id}`, { token: m.token });
  },
  '418:teapot': () => c().get('/v1/sandbox/teapot'),
  '418:simulated_error': () => c().get('/v1/health', { headers: { 'x-sandbox-simulate': '418' } }),
  '429:rate_limited': () =>
    withSandbox({ config: { rateLimitPerSecond: 3 } }, async (s) => {
      const x = await s.client.newMerchant();
      let last!: Reply;
      for (let i = 0; i < 4; i++) last = await s.client.get('/v1/payments?order_id=pay_1', { token: x.token });
      return last;
    }),
  '429:simulated_error': () =>
    c().post('/v1/payments/create', { token: m.token, json: order, headers: { 'x-sandbox-simulate': '429' } }),
  '500:internal_error': () =>
    withSandbox({}, async (s) => {
      const x = await s.client.newMerchant();
      await s.app.sandbox.ctx.store.close(); // a real fault: the database is gone
      return s.client.get('/v1/payments?order_id=pay_1', { token: x.token });
    }),
  '500:simulated_error': () =>
    c().get('/v1/payments?order_id=pay_1', { token: m.token, headers: { 'x-sandbox-simulate': '500' } }),
  '503:maintenance': () => withSandbox({ config: { maintenance: true } }, (s) => s.client.get('/v1/health')),
  '503:draining': () =>
    withSandbox({}, async (s) => {
      // Hold a request in flight so the drain waits, then ask on a new connection.
      s.app.sandbox.life.inFlight += 1;
      const drained = drainAndClose(s.app, 2000);
      const reply = await s.client.get('/v1/health');
      s.app.sandbox.life.inFlight -= 1;
      await drained;
      return reply;
    }),
  '503:simulated_error': () => c().get('/v1/health', { headers: { 'x-sandbox-simulate': '503' } }),
  '503:database_unavailable': () =>
    withStoppedDatabase((s, m) => s.client.get('/v1/payments?order_id=pay_1', { token: m.token })),
};

describe('the error catalogue', () => {
  test('has a trigger here for every sub_code (and nothing else)', () => {
    const catalogued = contract.errors.flatMap((e) => e.sub_codes.map((s) => `${e.code}:${s.sub_code}`));
    const expected = catalogued.filter((k) => !PENDING.has(k)).sort();
    assert.deepEqual(Object.keys(TRIGGERS).sort(), expected);
    const codes = contract.errors.map((e) => e.code);
    for (const code of ['0000', '400', '401', '403', '404', '405', '406', '409', '410', '418', '429', '500', '503']) {
      assert.ok(codes.includes(code), `catalogue lists ${code}`);
    }
  });

  for (const [key, trigger] of Object.entries(TRIGGERS)) {
    const [code, subCode] = key.split(':');
    test(`${code} ${subCode}`, async () => {
      const res = await trigger();
      assert.equal(String(res.status), code, res.text);
      assert.equal(res.body.code, code);
      assert.equal(res.body.sub_code, subCode);
      assert.ok(res.body.message.length > 0);
      assert.doesNotMatch(res.text, /\bat [\w.<>]+ \(|node_modules|\.ts:\d+/, 'no stack trace or internals');
      if (code === '401') assert.match(res.headers.get('www-authenticate') ?? '', /^Bearer/);
      if (code === '405') assert.equal(res.headers.get('allow'), 'POST');
      if (code === '429' || code === '503') assert.match(res.headers.get('retry-after') ?? '', /^\d+$/);
    });
  }
});

describe('envelope details', () => {
  test('messages follow Accept-Language, zh by default', async () => {
    const zh = await c().get('/v1/payments?order_id=pay_1');
    const en = await c().get('/v1/payments?order_id=pay_1', { headers: { 'accept-language': 'en-US,en;q=0.9' } });
    const pref = await c().get('/v1/payments?order_id=pay_1', {
      headers: { 'accept-language': 'fr, zh-CN;q=0.5, en;q=0.8' },
    });
    assert.match(zh.body.message, /缺少 Authorization/);
    assert.match(en.body.message, /^Missing Authorization/);
    assert.match(pref.body.message, /^Missing/);
    const ok = await c().get('/v1/health', { headers: { 'accept-language': 'en' } });
    assert.equal(ok.body.message, 'Success');
    assert.equal((await c().get('/v1/health')).body.message, '成功');
  });

  test('HEAD and a trailing slash reach the route; unknown methods get Allow', async () => {
    const res = await fetch(`${sb.url}/v1/health`, { method: 'HEAD' });
    assert.equal(res.status, 200);
    const del = await c().call('DELETE', '/v1/payments/create', { token: m.token });
    assert.equal(del.status, 405);
    assert.equal(del.headers.get('allow'), 'POST');
    const get = await c().call('PUT', '/v1/payments', { token: m.token });
    assert.equal(get.headers.get('allow'), 'GET, HEAD');
  });

  test('paths the router refuses (an over-long id, a broken escape) answer 404 in the envelope', async () => {
    for (const path of [`/v1/payments/pay_${'a'.repeat(300)}`, '/v1/payments/%E0%A4%A']) {
      const res = await c().get(path, { token: m.token });
      assert.equal(res.status, 404, path);
      assert.equal(res.body.sub_code, 'route_not_found');
    }
  });

  test('X-Sandbox-Simulate takes only the documented codes', async () => {
    const res = await c().get('/v1/health', { headers: { 'x-sandbox-simulate': '404' } });
    assert.equal(res.status, 400);
    assert.equal(res.body.param, 'X-Sandbox-Simulate');
  });

  test('CORS answers the portal origins and no others', async () => {
    const allowed = await fetch(`${sb.url}/v1/payments/create`, {
      method: 'OPTIONS',
      headers: {
        origin: 'http://localhost:3000',
        'access-control-request-method': 'POST',
        'access-control-request-headers': 'authorization,content-type,idempotency-key',
      },
    });
    assert.equal(allowed.status, 204);
    assert.equal(allowed.headers.get('access-control-allow-origin'), 'http://localhost:3000');
    assert.match(allowed.headers.get('access-control-allow-headers') ?? '', /Idempotency-Key/);
    const denied = await fetch(`${sb.url}/v1/health`, { headers: { origin: 'https://evil.example' } });
    assert.equal(denied.headers.get('access-control-allow-origin'), null);
    const simple = await fetch(`${sb.url}/v1/health`, { headers: { origin: 'http://127.0.0.1:3000' } });
    assert.equal(simple.headers.get('access-control-allow-origin'), 'http://127.0.0.1:3000');
    assert.match(simple.headers.get('access-control-expose-headers') ?? '', /X-Request-Id/);
  });

  test('app creation is rate-limited per client address', async () => {
    const r = await withSandbox({ config: { appsPerHourPerAddress: 2 } }, async (s) => {
      await s.client.post('/v1/sandbox/apps');
      await s.client.post('/v1/sandbox/apps');
      return s.client.post('/v1/sandbox/apps');
    });
    assert.equal(r.status, 429);
    assert.equal(r.body.sub_code, 'rate_limited');
  });
});
