/** Keys, tokens and payment orders over real HTTP against a listening sandbox. */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { contract, manualClock, startSandbox, type RunningSandbox } from './support/sandbox.ts';

const clock = manualClock();
let sb: RunningSandbox;
let m: Awaited<ReturnType<RunningSandbox['client']['newMerchant']>>;

before(async () => {
  sb = await startSandbox({ now: clock.now });
  m = await sb.client.newMerchant();
});
after(() => sb.close());

const order = (extra: Record<string, unknown> = {}) => ({
  product_id: '123',
  product_name: '苹果',
  amount: 1000,
  ...extra,
});

/** A new order of the current merchant, as the API shows it. */
async function newOrder() {
  const res = await sb.client.post<'createPayment'>('/v1/payments/create', { token: m.token, json: order() });
  return res.body.data;
}

describe('sandbox keys', () => {
  test('an app comes with secrets once and three enabled seeded channels', async () => {
    const res = await sb.client.post<'createSandboxApp'>('/v1/sandbox/apps', { json: {} });
    assert.equal(res.status, 200);
    const d = res.body.data;
    assert.match(d.app_id, /^app_/);
    assert.match(d.source_id, /^mch_/);
    assert.match(d.app_secret, /^sk_test_/);
    assert.match(d.webhook_secret, /^whsec_/);
    assert.deepEqual(d.channels.map((c) => c.provider).sort(), ['mock_alipay', 'mock_unionpay', 'mock_wechat']);
    assert.ok(d.channels.every((c) => c.status === 'enabled'));
  });

  test('an app can be created with no body at all', async () => {
    const res = await sb.client.post<'createSandboxApp'>('/v1/sandbox/apps');
    assert.equal(res.status, 200);
    assert.equal(res.body.data.name, '沙箱应用');
  });
});

describe('tokens', () => {
  test('client credentials in the body, as JSON, and with HTTP Basic', async () => {
    const form = await sb.client.post<'getToken'>('/v1/oauth/token', {
      form: { grant_type: 'client_credentials', app_id: m.app_id, app_secret: m.app_secret },
    });
    assert.equal(form.status, 200);
    assert.equal(form.body.data.token_type, 'Bearer');
    assert.equal(form.body.data.expires_in, 7200);
    assert.equal(
      form.body.data.scope,
      'payments:read payments:write channels:read channels:write bills:read refunds:read refunds:write',
    );
    const json = await sb.client.post<'getToken'>('/v1/oauth/token', {
      json: { grant_type: 'client_credentials', app_id: m.app_id, app_secret: m.app_secret, scope: 'payments:read' },
    });
    assert.equal(json.body.data.scope, 'payments:read');
    const basic = await sb.client.post<'getToken'>('/v1/oauth/token', {
      form: { grant_type: 'client_credentials' },
      headers: { authorization: 'Basic ' + Buffer.from(`${m.app_id}:${m.app_secret}`).toString('base64') },
    });
    assert.equal(basic.status, 200);
    assert.notEqual(basic.body.data.access_token, form.body.data.access_token);
  });

  test('every shape of a broken Authorization is a 4xx in the envelope, never a 500', async () => {
    const b64 = (text: string) => Buffer.from(text).toString('base64');
    const basic: [string, string][] = [
      ['a broken %-escape in app_id', `Basic ${b64('%zz:x')}`],
      ['a broken %-escape in app_secret', `Basic ${b64(`${m.app_id}:%E0%A4%A`)}`],
      ['no colon', `Basic ${b64(m.app_id)}`],
      ['not base64', 'Basic !!!not-base64!!!'],
      ['base64 of one character too many', 'Basic QUJDRA='],
      ['empty', 'Basic '],
      ['non-ASCII', `Basic ${b64('商户:密钥')}`],
      ['huge', `Basic ${b64(`${'a'.repeat(6000)}:${'b'.repeat(6000)}`)}`],
      ['Bearer junk on the token endpoint', 'Bearer %%%'],
    ];
    for (const [shape, authorization] of basic) {
      const res = await sb.client.post<'getToken'>('/v1/oauth/token', {
        form: { grant_type: 'client_credentials' },
        headers: { authorization },
      });
      assert.ok(res.status >= 400 && res.status < 500, `${shape}: ${res.status}`);
      assert.match(String(res.body.sub_code), /^[a-z_]+$/, `${shape}: an envelope with a sub_code`);
    }
    const broken = await sb.client.post<'getToken'>('/v1/oauth/token', {
      form: { grant_type: 'client_credentials' },
      headers: { authorization: `Basic ${b64('%zz:x')}` },
    });
    assert.equal(broken.status, 400);
    assert.equal(broken.body.sub_code, 'malformed_authorization');
    assert.equal(broken.body.param, 'Authorization');
    for (const authorization of ['Bearer', 'Bearer a b', 'Basic xyz', 'Token abc', `Bearer ${'x'.repeat(8000)}`]) {
      const res = await sb.client.get('/v1/payments?order_id=pay_1', { headers: { authorization } });
      assert.equal(res.status, 401, `${authorization.slice(0, 20)}: ${res.status}`);
    }
  });

  test('wrong secret, unknown app: 401 invalid_client with WWW-Authenticate', async () => {
    for (const [id, secret] of [
      [m.app_id, 'sk_test_wrong'],
      ['app_000000000000000000000000', m.app_secret],
    ]) {
      const res = await sb.client.post<'getToken'>('/v1/oauth/token', {
        form: { grant_type: 'client_credentials', app_id: id, app_secret: secret },
      });
      assert.equal(res.status, 401);
      assert.equal(res.body.sub_code, 'invalid_client');
      assert.match(res.headers.get('www-authenticate') ?? '', /^Bearer /);
    }
  });

  test('grant_type, app_id and scope are checked', async () => {
    const grant = await sb.client.post<'getToken'>('/v1/oauth/token', {
      form: { grant_type: 'password', app_id: m.app_id, app_secret: m.app_secret },
    });
    assert.equal(grant.status, 400);
    assert.equal(grant.body.param, 'grant_type');
    const noId = await sb.client.post<'getToken'>('/v1/oauth/token', {
      form: { grant_type: 'client_credentials', app_secret: m.app_secret },
    });
    assert.equal(noId.body.sub_code, 'missing_field');
    assert.equal(noId.body.param, 'app_id');
    const scope = await sb.client.post<'getToken'>('/v1/oauth/token', {
      form: {
        grant_type: 'client_credentials',
        app_id: m.app_id,
        app_secret: m.app_secret,
        scope: 'payments:read admin:all',
      },
    });
    assert.equal(scope.status, 400);
    assert.equal(scope.body.sub_code, 'invalid_scope');
    assert.match(scope.body.message, /admin:all/);
  });

  test('missing, malformed, unknown, expired and revoked tokens are 401 with their reason', async () => {
    const path = '/v1/payments?order_id=pay_x';
    const cases: [Record<string, string>, string][] = [
      [{}, 'missing_token'],
      [{ authorization: `Token ${m.token}` }, 'invalid_token'],
      [{ authorization: 'Bearer tok_doesnotexist' }, 'invalid_token'],
      // The original document's header style is not accepted; the message says what to send.
      [{ access_token: m.token }, 'missing_token'],
    ];
    for (const [headers, sub] of cases) {
      const res = await sb.client.get(path, { headers });
      assert.equal(res.status, 401, JSON.stringify(headers));
      assert.equal(res.body.sub_code, sub);
      assert.match(res.headers.get('www-authenticate') ?? '', /^Bearer realm="juyifu"/);
    }

    const fresh = await sb.client.newMerchant();
    clock.advance(7200 * 1000);
    const expired = await sb.client.get(path, { token: fresh.token });
    assert.equal(expired.status, 401);
    assert.equal(expired.body.sub_code, 'token_expired');

    const other = await sb.client.newMerchant();
    assert.equal((await sb.client.post<'revokeToken'>('/v1/oauth/revoke', { token: other.token })).status, 200);
    const revoked = await sb.client.get(path, { token: other.token });
    assert.equal(revoked.body.sub_code, 'token_revoked');
    m = await sb.client.newMerchant(); // the shared token may have expired with the clock
  });

  test('a token without the scope gets 403 insufficient_scope', async () => {
    const reader = await sb.client.newMerchant('payments:read');
    const res = await sb.client.post<'createPayment'>('/v1/payments/create', { token: reader.token, json: order() });
    assert.equal(res.status, 403);
    assert.equal(res.body.sub_code, 'insufficient_scope');
    assert.match(res.body.message, /payments:write/);
  });
});

describe('payment orders', () => {
  test('create with JSON routes to an enabled channel and returns a cashier URL', async () => {
    const res = await sb.client.post<'createPayment'>('/v1/payments/create', {
      token: m.token,
      json: order({ out_trade_no: 'M-json-1', pay_way: 'wechat_app', external_ext: '{"uid":42}', memo: '备注' }),
    });
    assert.equal(res.status, 200);
    const p = res.body.data;
    assert.match(p.order_id, /^pay_/);
    assert.equal(p.status, 'created');
    assert.equal(p.amount, 1000);
    assert.equal(p.source_id, m.source_id);
    assert.equal(p.external_ext, '{"uid":42}');
    const wechat = m.channels.find((c) => c.provider === 'mock_wechat');
    assert.equal(p.channel_id, wechat?.channel_id, 'only the WeChat channel takes wechat_app');
    assert.equal(
      p.pay_url,
      `${sb.url}/cashier/${p.order_id}?client_secret=${encodeURIComponent(p.pay_url.split('client_secret=')[1])}`,
    );
    assert.match(p.created_at, /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\+08:00$/);
  });

  test('create with a form body, the way curl -d sends it', async () => {
    const res = await sb.client.post<'createPayment'>('/v1/payments/create', {
      token: m.token,
      form: { product_id: 123, product_name: 'apple', amount: 1000, source_id: m.source_id },
    });
    assert.equal(res.status, 200);
    assert.equal(res.body.data.amount, 1000);
    assert.equal(res.body.data.product_id, '123');
  });

  test("the original document's curl sample (amount=10.00) gets a 400 that says how to convert", async () => {
    const res = await sb.client.post<'createPaymentLegacy'>('/v1/payments/new', {
      token: m.token,
      form: { product_id: 123, product_name: 'apple', amount: '10.00' },
    });
    assert.equal(res.status, 400);
    assert.equal(res.body.sub_code, 'amount_not_integer');
    assert.equal(res.body.param, 'amount');
    assert.match(res.body.message, /1000/);
    const json = await sb.client.post<'createPayment'>('/v1/payments/create', {
      token: m.token,
      body: '{"product_id":"123","product_name":"apple","amount":10.00}',
      headers: { 'content-type': 'application/json', 'accept-language': 'en' },
    });
    assert.equal(
      json.body.sub_code,
      'amount_not_integer',
      '10.00 in JSON is caught although JSON.parse reads it as 10',
    );
    assert.match(json.body.message, /send 1000/);
  });

  test('/v1/payments/new still works, marked deprecated with a Link to /create', async () => {
    const res = await sb.client.post<'createPaymentLegacy'>('/v1/payments/new', {
      token: m.token,
      form: { product_id: '1', product_name: 'x', amount: 1 },
    });
    assert.equal(res.status, 200);
    assert.equal(res.headers.get('deprecation'), 'true');
    assert.match(res.headers.get('link') ?? '', /\/v1\/payments\/create>; rel="successor-version"/);
  });

  test('URLs a merchant gives are absolute http(s) URLs of at most 2,048 characters, else 400 invalid_url', async () => {
    const refused = [
      'javascript:alert(1)//',
      'JavaScript:alert(1)',
      'data:text/html,<script>alert(1)</script>',
      'vbscript:msgbox(1)',
      'file:///etc/passwd',
      'ftp://example.com/x',
      'juyifu-demo://pay-result',
      'http:example.com',
      'http://',
      'https:///path',
      '//example.com/x',
      '/relative/path',
      'example.com',
      'http://exa mple.com/',
      'https://[::1]:99999/',
      'http://example.com:65536/',
      ' https://example.com/',
      `https://example.com/${'a'.repeat(2049 - 'https://example.com/'.length)}`,
      '',
    ];
    const accepted = [
      'http://127.0.0.1:8080/notify',
      'HTTPS://shop.example.com/r?x=1#top',
      `https://example.com/${'a'.repeat(2048 - 'https://example.com/'.length)}`,
    ];
    for (const field of ['notify_url', 'return_url']) {
      for (const url of refused) {
        const res = await sb.client.post('/v1/payments/create', { token: m.token, json: order({ [field]: url }) });
        assert.equal(res.status, 400, `${field}=${url}: ${res.text}`);
        assert.equal(res.body.sub_code, 'invalid_url', `${field}=${url}`);
        assert.equal(res.body.param, field);
        const form = await sb.client.post('/v1/payments/create', {
          token: m.token,
          form: { ...order(), [field]: url },
        });
        assert.equal(form.body.sub_code, 'invalid_url', `form ${field}=${url}`);
      }
      for (const url of accepted) {
        const res = await sb.client.post('/v1/payments/create', { token: m.token, json: order({ [field]: url }) });
        assert.equal(res.status, 200, `${field}=${url}: ${res.text}`);
      }
    }
  });

  test('field errors name the field: missing, unknown, wrong type, wrong value, bad enum', async () => {
    const cases: [Record<string, unknown>, string, string][] = [
      [{ product_id: '1', product_name: 'x' }, 'missing_field', 'amount'],
      [order({ amout: 1 }), 'unknown_field', 'amout'],
      [order({ product_id: 123 }), 'invalid_type', 'product_id'],
      [order({ amount: 0 }), 'invalid_value', 'amount'],
      [order({ pay_way: 'bitcoin' }), 'invalid_value', 'pay_way'],
      [order({ external_ext: 'x'.repeat(1025) }), 'invalid_value', 'external_ext'],
      [order({ notify_url: 'ftp://example.com' }), 'invalid_url', 'notify_url'],
      [order({ amount: 10.5 }), 'amount_not_integer', 'amount'],
    ];
    for (const [body, sub, param] of cases) {
      const res = await sb.client.post<'createPayment'>('/v1/payments/create', { token: m.token, json: body });
      assert.equal(res.status, 400, JSON.stringify(body));
      assert.equal(res.body.sub_code, sub, JSON.stringify(body));
      assert.equal(res.body.param, param);
    }
  });

  test('malformed JSON, a non-object body, an unknown content type and an oversized body are 400', async () => {
    const bad = await sb.client.post<'createPayment'>('/v1/payments/create', {
      token: m.token,
      body: '{"amount":',
      headers: { 'content-type': 'application/json' },
    });
    assert.equal(bad.body.sub_code, 'malformed_json');
    const arr = await sb.client.post<'createPayment'>('/v1/payments/create', { token: m.token, json: [1, 2] });
    assert.equal(arr.body.sub_code, 'malformed_body');
    const text = await sb.client.post<'createPayment'>('/v1/payments/create', {
      token: m.token,
      body: 'amount=1',
      headers: { 'content-type': 'text/plain' },
    });
    assert.equal(text.body.sub_code, 'unsupported_media_type');
    const big = await sb.client.post<'createPayment'>('/v1/payments/create', {
      token: m.token,
      json: order({ memo: 'x'.repeat(70 * 1024) }),
    });
    assert.equal(big.status, 400);
    assert.equal(big.body.sub_code, 'body_too_large');
  });

  test('source_id of another merchant is 403', async () => {
    const other = await sb.client.newMerchant();
    const res = await sb.client.post<'createPayment'>('/v1/payments/create', {
      token: m.token,
      json: order({ source_id: other.source_id }),
    });
    assert.equal(res.status, 403);
    assert.equal(res.body.sub_code, 'source_id_mismatch');
  });

  test('query by order_id, by out_trade_no, and get by id agree', async () => {
    const created = (
      await sb.client.post<'createPayment'>('/v1/payments/create', {
        token: m.token,
        json: order({ out_trade_no: 'M-q-1' }),
      })
    ).body.data;
    const byId = await sb.client.get<'queryPayment'>(`/v1/payments?order_id=${created.order_id}`, { token: m.token });
    const byOtn = await sb.client.get<'queryPayment'>('/v1/payments?out_trade_no=M-q-1', { token: m.token });
    const direct = await sb.client.get<'getPayment'>(`/v1/payments/${created.order_id}`, { token: m.token });
    assert.deepEqual(byId.body.data, created);
    assert.deepEqual(byOtn.body.data, created);
    assert.deepEqual(direct.body.data, created);
    const neither = await sb.client.get('/v1/payments', { token: m.token });
    assert.equal(neither.body.sub_code, 'missing_query');
  });

  test('out_trade_no is unique per merchant', async () => {
    const first = await sb.client.post<'createPayment'>('/v1/payments/create', {
      token: m.token,
      json: order({ out_trade_no: 'M-dup' }),
    });
    assert.equal(first.status, 200);
    const again = await sb.client.post<'createPayment'>('/v1/payments/create', {
      token: m.token,
      json: order({ out_trade_no: 'M-dup' }),
    });
    assert.equal(again.status, 400);
    assert.equal(again.body.sub_code, 'duplicate_out_trade_no');
    const other = await sb.client.newMerchant();
    const elsewhere = await sb.client.post<'createPayment'>('/v1/payments/create', {
      token: other.token,
      json: order({ out_trade_no: 'M-dup' }),
    });
    assert.equal(elsewhere.status, 200, 'another merchant may use the same number');
  });

  test("another merchant's order answers 404 exactly like a missing one", async () => {
    const mine = (
      await sb.client.post<'createPayment'>('/v1/payments/create', {
        token: m.token,
        json: order({ out_trade_no: 'M-iso' }),
      })
    ).body.data;
    const other = await sb.client.newMerchant();
    for (const path of [
      `/v1/payments/${mine.order_id}`,
      `/v1/payments?order_id=${mine.order_id}`,
      '/v1/payments?out_trade_no=M-iso',
    ]) {
      const res = await sb.client.get(path, { token: other.token });
      assert.equal(res.status, 404, path);
      assert.equal(res.body.sub_code, 'resource_not_found');
      assert.ok(!res.text.includes(m.source_id));
    }
    for (const action of ['close']) {
      const res = await sb.client.post(`/v1/payments/${mine.order_id}/${action}`, { token: other.token });
      assert.equal(res.status, 404);
    }
    const sim = await sb.client.post<'simulatePayment'>(`/v1/sandbox/payments/${mine.order_id}/simulate`, {
      token: other.token,
      json: { result: 'paid' },
    });
    assert.equal(sim.status, 404);
    const missing = await sb.client.get('/v1/payments/pay_doesnotexist', { token: m.token });
    assert.deepEqual(
      { ...missing.body, request_id: '' },
      {
        code: '404',
        message: 'order_id 不存在：pay_doesnotexist',
        sub_code: 'resource_not_found',
        param: 'order_id',
        request_id: '',
      },
    );
    const traversal = await sb.client.get('/v1/payments/..%2F..%2Fetc%2Fpasswd', { token: m.token });
    assert.equal(traversal.status, 404);
  });

  test('state machine: simulate paid, then close and simulate again are illegal', async () => {
    const p = await newOrder();
    const paid = await sb.client.post<'simulatePayment'>(`/v1/sandbox/payments/${p.order_id}/simulate`, {
      token: m.token,
      json: { result: 'paid' },
    });
    assert.equal(paid.body.data.status, 'paid');
    assert.ok(paid.body.data.paid_at);
    for (const [path, body] of [
      [`/v1/payments/${p.order_id}/close`, undefined],
      [`/v1/sandbox/payments/${p.order_id}/simulate`, { result: 'failed' }],
    ] as const) {
      const res = await sb.client.post(path, { token: m.token, json: body });
      assert.equal(res.status, 400);
      assert.equal(res.body.sub_code, 'invalid_state_transition');
      assert.match(res.body.message, /paid/);
    }
    const q = await sb.client.get<'getPayment'>(`/v1/payments/${p.order_id}`, { token: m.token });
    assert.equal(q.body.data.status, 'paid', 'a terminal state never changes');
  });

  test('close an open order; failed with a failure code; simulate via form', async () => {
    const a = await newOrder();
    const closed = await sb.client.post<'closePayment'>(`/v1/payments/${a.order_id}/close`, { token: m.token });
    assert.equal(closed.body.data.status, 'closed');
    assert.ok(closed.body.data.closed_at);
    const b = await newOrder();
    const failed = await sb.client.post<'simulatePayment'>(`/v1/sandbox/payments/${b.order_id}/simulate`, {
      token: m.token,
      form: { result: 'failed', failure_code: 'user_cancelled' },
    });
    assert.equal(failed.body.data.status, 'failed');
    assert.equal(failed.body.data.failure_code, 'user_cancelled');
  });

  test('an unpaid order closes itself at time_expire', async () => {
    const created = await sb.client.post<'createPayment'>('/v1/payments/create', {
      token: m.token,
      json: order({ time_expire: 60 }),
    });
    const p = created.body.data;
    clock.advance(61 * 1000);
    const q = await sb.client.get<'getPayment'>(`/v1/payments/${p.order_id}`, { token: m.token });
    assert.equal(q.body.data.status, 'closed');
  });
});

describe('magic amounts from the test-data catalogue', () => {
  for (const magic of contract.testData.magic_amounts) {
    test(`${magic.amount}: ${magic.behavior}`, async () => {
      const created = await sb.client.post<'createPayment'>('/v1/payments/create', {
        token: m.token,
        json: order({ amount: magic.amount }),
      });
      if (magic.behavior === 'no_channel') {
        assert.equal(created.status, 400);
        assert.equal(created.body.sub_code, 'no_eligible_channel');
        return;
      }
      assert.equal(created.status, 200, created.text);
      const id = created.body.data.order_id;
      if (magic.behavior === 'auto_pay' || magic.behavior === 'auto_fail') {
        clock.advance((magic.delay_seconds! - 1) * 1000);
        assert.equal(
          (await sb.client.get<'getPayment'>(`/v1/payments/${id}`, { token: m.token })).body.data.status,
          'created',
        );
        clock.advance(1000);
        const after = (await sb.client.get<'getPayment'>(`/v1/payments/${id}`, { token: m.token })).body.data;
        assert.equal(after.status, magic.behavior === 'auto_pay' ? 'paid' : 'failed');
        if (magic.failure_code) assert.equal(after.failure_code, magic.failure_code);
        return;
      }
      const sim = await sb.client.post<'simulatePayment'>(`/v1/sandbox/payments/${id}/simulate`, {
        token: m.token,
        json: { result: 'paid' },
      });
      if (magic.behavior === 'decline') {
        assert.equal(sim.body.data.status, 'failed');
        assert.equal(sim.body.data.failure_code, magic.failure_code);
      } else {
        assert.equal(sim.body.data.status, 'paid');
      }
    });
  }
});

describe('idempotency', () => {
  test('same key and body replays the first order; another body is 409', async () => {
    const key = `idem-${Date.now()}`;
    const first = await sb.client.post<'createPayment'>('/v1/payments/create', {
      token: m.token,
      json: order({ memo: 'a' }),
      headers: { 'idempotency-key': key },
    });
    assert.equal(first.status, 200);
    assert.equal(first.headers.get('idempotent-replayed'), null);
    // The same body sent as a form with its fields in another order is the same request.
    const again = await sb.client.post<'createPayment'>('/v1/payments/create', {
      token: m.token,
      form: { memo: 'a', amount: 1000, product_name: '苹果', product_id: '123' },
      headers: { 'idempotency-key': key },
    });
    assert.equal(again.status, 200);
    assert.equal(again.headers.get('idempotent-replayed'), 'true');
    assert.equal(again.text, first.text, 'a replay is the first answer byte for byte');
    assert.notEqual(
      again.headers.get('x-request-id'),
      first.headers.get('x-request-id'),
      'each exchange has its own id',
    );
    const conflict = await sb.client.post<'createPayment'>('/v1/payments/create', {
      token: m.token,
      json: order({ amount: 2000 }),
      headers: { 'idempotency-key': key },
    });
    assert.equal(conflict.status, 409);
    assert.equal(conflict.body.sub_code, 'idempotency_conflict');
    const badKey = await sb.client.post<'createPayment'>('/v1/payments/create', {
      token: m.token,
      json: order(),
      headers: { 'idempotency-key': 'x'.repeat(300) },
    });
    assert.equal(badKey.status, 400);
    assert.equal(badKey.body.param, 'Idempotency-Key');
  });

  test('concurrent retries with one key make one order', async () => {
    const key = `idem-race-${Date.now()}`;
    const replies = await Promise.all(
      Array.from({ length: 20 }, () =>
        sb.client.post<'createPayment'>('/v1/payments/create', {
          token: m.token,
          json: order({ memo: 'race' }),
          headers: { 'idempotency-key': key },
        }),
      ),
    );
    assert.ok(replies.every((r) => r.status === 200));
    assert.equal(new Set(replies.map((r) => r.body.data.order_id)).size, 1);
    assert.equal(replies.filter((r) => r.headers.get('idempotent-replayed') !== 'true').length, 1);
  });
});
