/**
 * The console's React-free parts: key storage, token cache, request building, signatures, the
 * form's start, the header pickers, follow-ups, the send path, and the contract's x-console.
 */
import assert from 'node:assert/strict';
import { createHmac } from 'node:crypto';
import { describe, test } from 'node:test';
import { buildOperations, loadContract, type OpenApiDocument } from '../../contract/index.ts';
import { buildRequest, initialForm, typed } from '../../src/lib/console/build-request.ts';
import { readyFollowUps } from '../../src/lib/console/follow-ups.ts';
import { KEY_SLOT, KeyStore, maskSecret, type KeyStorage } from '../../src/lib/console/keys.ts';
import { nextPoll, POLL_TRIES, watch } from '../../src/lib/console/poll.ts';
import { acceptOptions, simulateOptions } from '../../src/lib/console/options.ts';
import { requestPreview } from '../../src/lib/console/preview.ts';
import { sendForm, type SendContext } from '../../src/lib/console/send.ts';
import { verifySignature } from '../../src/lib/console/signature.ts';
import { startForm, withKey } from '../../src/lib/console/start-form.ts';
import { TokenCache } from '../../src/lib/console/token-cache.ts';
import type { Json } from '../../src/lib/http-request.ts';
import { pageOperation } from '../../src/lib/operation-page.ts';
import { createSandboxClient, fetchInit, type Exchange } from '../../src/lib/sandbox-client.ts';

class Memory implements KeyStorage {
  data = new Map<string, string>();
  getItem = (k: string) => this.data.get(k) ?? null;
  setItem = (k: string, v: string) => void this.data.set(k, v);
  removeItem = (k: string) => void this.data.delete(k);
}

const key = {
  app_id: 'app_1',
  app_secret: 'sk_test_abcdefgh1234',
  source_id: 'mch_1',
  webhook_secret: 'whsec_x',
  created_at: '',
};
const contract = loadContract();
/** The contract's operation at a path and method. */
const at = (path: string, method: string) =>
  contract.operations.find((o) => o.path === path && o.method === method.toUpperCase())!;
const BASE = 'http://127.0.0.1:4010';

describe('KeyStore', () => {
  test('session by default, local only when remembered, clear empties both, junk is dropped', () => {
    const session = new Memory();
    const local = new Memory();
    const store = new KeyStore(session, local);
    store.save(key, false);
    assert.ok(session.data.has(KEY_SLOT) && !local.data.has(KEY_SLOT));
    assert.deepEqual(store.load(), { key, remembered: false });
    store.save(key, true);
    assert.ok(!session.data.has(KEY_SLOT) && local.data.has(KEY_SLOT));
    assert.equal(store.load()?.remembered, true);
    store.clear();
    assert.equal(store.load(), null);
    session.setItem(KEY_SLOT, '{not json');
    assert.equal(store.load(), null);
    assert.equal(session.data.size, 0);
    assert.equal(maskSecret('sk_test_abcdefgh1234'), 'sk_t••••1234');
  });
});

describe('TokenCache', () => {
  test('reuses a token until a minute before expiry, shares one fetch, refetches for another app', async () => {
    let now = 0;
    let fetched = 0;
    const cache = new TokenCache(
      async () => {
        fetched++;
        return { access_token: `tok_${fetched}`, expires_in: 7200 };
      },
      () => now,
    );
    const [a, b] = await Promise.all([cache.get('app_1', 's'), cache.get('app_1', 's')]);
    assert.equal(a.access_token, 'tok_1');
    assert.equal(b.access_token, 'tok_1');
    now = 7200_000 - 61_000;
    assert.equal((await cache.get('app_1', 's')).access_token, 'tok_1');
    now = 7200_000 - 59_000;
    assert.equal((await cache.get('app_1', 's')).access_token, 'tok_2');
    assert.equal((await cache.get('app_2', 's')).access_token, 'tok_3');
  });
});

describe('buildRequest', () => {
  const create = pageOperation(at('/v1/payments/create', 'POST'), BASE);

  test('the initial form is the contract example; building it gives the sample request with the literal token', () => {
    const form = initialForm(create);
    const built = buildRequest(create, form, BASE, 'tok_live');
    assert.ok(built.ok);
    assert.deepEqual(built.spec.body, create.request.body);
    assert.equal(built.spec.bearer, 'tok_live');
    assert.deepEqual(built.spec.headers, [['Idempotency-Key', '5f0c6a2e-8d1b-4c3a-9e7f-1a2b3c4d5e6f']]);
  });

  test('"10.00" in an integer field goes out as typed, not as 10', () => {
    const amount = create.params.find((p) => p.name === 'amount')!;
    assert.equal(typed(amount, '1000'), 1000);
    assert.equal(typed(amount, '10.00'), '10.00');
    const form = initialForm(create, { amount: '10.00' });
    const built = buildRequest(create, form, BASE, undefined);
    assert.ok(built.ok && built.spec.body?.kind === 'json');
    const value = built.spec.body.value;
    assert.ok(value !== null && typeof value === 'object' && !Array.isArray(value));
    assert.equal(value.amount, '10.00');
    assert.equal(built.spec.bearer, undefined);
  });

  test('path and query fields, simulate and Accept headers; missing path ids and bad raw JSON are caught', () => {
    const get = pageOperation(at('/v1/payments/{order_id}', 'GET'), BASE);
    const form = { ...initialForm(get, { order_id: 'pay_abc' }), simulate: '503' as const, accept: 'application/json' };
    const built = buildRequest(get, form, BASE, 't');
    assert.ok(built.ok);
    assert.equal(built.spec.url, `${BASE}/v1/payments/pay_abc`);
    assert.deepEqual(built.spec.headers, [
      ['X-Sandbox-Simulate', '503'],
      ['Accept', 'application/json'],
    ]);
    const empty = buildRequest(get, initialForm(get, { order_id: ' ' }), BASE, 't');
    assert.deepEqual(empty, { ok: false, problem: { param: 'order_id', reason: 'missing' } });
    const raw = buildRequest(create, { ...initialForm(create), raw: true, rawBody: '{"amount":' }, BASE, 't');
    assert.deepEqual(raw, { ok: false, problem: { param: 'body', reason: 'json' } });
    const token = pageOperation(at('/v1/oauth/token', 'POST'), BASE);
    const tf = buildRequest(token, initialForm(token, { app_id: 'app_9', app_secret: 'sk' }), BASE, undefined);
    assert.ok(tf.ok);
    assert.deepEqual(tf.spec.body, {
      kind: 'form',
      fields: [
        ['grant_type', 'client_credentials'],
        ['app_id', 'app_9'],
        ['app_secret', 'sk'],
      ],
    });
    const init = fetchInit(tf.spec, 'en');
    assert.equal(init.body, 'grant_type=client_credentials&app_id=app_9&app_secret=sk');
    assert.deepEqual(init.headers, { 'Accept-Language': 'en', 'Content-Type': 'application/x-www-form-urlencoded' });
  });
});

describe('verifySignature (Web Crypto)', () => {
  test('accepts the HMAC of t.body, refuses another body, secret or a malformed header', async () => {
    const body = '{"id":"evt_1"}';
    const t = 1764161422;
    const v1 = createHmac('sha256', 'whsec_x').update(`${t}.${body}`).digest('hex');
    assert.equal(await verifySignature('whsec_x', `t=${t},v1=${v1}`, body), true);
    assert.equal(await verifySignature('whsec_y', `t=${t},v1=${v1}`, body), false);
    assert.equal(await verifySignature('whsec_x', `t=${t},v1=${v1}`, `${body} `), false);
    assert.equal(await verifySignature('whsec_x', `v1=${v1}`, body), false);
  });

  test('a rotation header (one v1 per secret) is good for either secret, never for a third or a bad v1', async () => {
    const body = '{"id":"evt_2"}';
    const t = 1764161422;
    const v1 = (secret: string) => createHmac('sha256', secret).update(`${t}.${body}`).digest('hex');
    const rotated = `t=${t},v1=${v1('whsec_new')},v1=${v1('whsec_old')}`;
    assert.equal(await verifySignature('whsec_new', rotated, body), true);
    assert.equal(await verifySignature('whsec_old', rotated, body), true);
    assert.equal(await verifySignature('whsec_other', rotated, body), false);
    assert.equal(await verifySignature('whsec_old', `t=${t},v1=${v1('whsec_new')}`, body), false);
    assert.equal(await verifySignature('whsec_old', `${rotated},v1=zz`, body), false);
  });
});

/** A fetch that answers from a function of the request, recording every request it gets. */
function fakeFetch(answer: (url: string, init: RequestInit) => { status?: number; body: Json }) {
  const calls: { url: string; init: RequestInit }[] = [];
  const impl: typeof fetch = async (input, init = {}) => {
    const url = String(input);
    calls.push({ url, init });
    const { status = 200, body } = answer(url, init);
    return new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json' } });
  };
  return { impl, calls };
}

const ok = (data: Json) => ({ body: { code: '0000', message: '成功', request_id: 'req_1', data } });
const answered = (data: Json): Exchange => ({
  kind: 'response',
  status: 200,
  ms: 1,
  bytes: 1,
  headers: [],
  contentType: 'application/json',
  text: '',
  json: { code: '0000', data },
});

describe('the console form at the start of a visit', () => {
  const visit = { search: '', siteRoot: 'http://site.test/', key: null, now: 1764161422000, uuid: () => 'uuid-1' };
  const create = pageOperation(contract.byId.get('createPayment')!, BASE);
  const token = pageOperation(contract.byId.get('getToken')!, BASE);

  test('a fresh order number and idempotency key, return_url on the query page, the URL winning', () => {
    const form = startForm(create, visit);
    assert.equal(form.values['body:out_trade_no'], 'M1764161422000');
    assert.equal(form.idempotencyKey, 'uuid-1');
    assert.equal(form.values['body:return_url'], 'http://site.test/docs/payments/query');
    const fromUrl = startForm(create, { ...visit, search: '?return_url=https%3A%2F%2Fshop.test%2F&out_trade_no=M1' });
    assert.equal(fromUrl.values['body:return_url'], 'https://shop.test/');
    assert.equal(fromUrl.values['body:out_trade_no'], 'M1');
  });

  test('the token form takes app_id and app_secret from the stored key, and again when it changes', () => {
    assert.equal(startForm(token, visit).values['body:app_id'], 'app_5d6e7f8a9b0c1d2e3f4a5b6c');
    const form = startForm(token, { ...visit, key });
    assert.equal(form.values['body:app_id'], 'app_1');
    assert.equal(form.values['body:app_secret'], 'sk_test_abcdefgh1234');
    const next = withKey(token, form, { ...key, app_id: 'app_2' });
    assert.equal(next.values['body:app_id'], 'app_2');
    assert.equal(withKey(token, form, null), form);
    assert.equal(withKey(create, form, key).values['body:app_id'], 'app_1');
  });

  test('the code preview masks the token and app_secret until revealed', () => {
    const form = startForm(token, { ...visit, key });
    const masked = requestPreview(token, form, BASE, { token: undefined, hasKey: true, reveal: false }, 't');
    assert.ok(masked?.snippets.curl.includes('sk_t••••1234') && !masked.snippets.curl.includes('abcdefgh'));
    const shown = requestPreview(token, form, BASE, { token: undefined, hasKey: true, reveal: true }, 't');
    assert.ok(shown?.snippets.curl.includes('sk_test_abcdefgh1234'));
    const paid = requestPreview(
      create,
      startForm(create, visit),
      BASE,
      { token: 'tok_abcdefgh1234', hasKey: true, reveal: false },
      't',
    );
    assert.ok(paid?.snippets.curl.includes('tok_••••1234'));
  });

  test('the code preview makes its own order number and key; the console sends the ones the form shows', () => {
    const form = startForm(create, visit);
    const sent = buildRequest(create, form, BASE, 'tok');
    assert.ok(sent.ok);
    assert.deepEqual(sent.spec.headers, [['Idempotency-Key', 'uuid-1']]);
    assert.ok(JSON.stringify(sent.spec.body).includes('M1764161422000'));
    const preview = requestPreview(create, form, BASE, { token: 'tok', hasKey: true, reveal: true }, 't');
    for (const [lang, code] of Object.entries(preview!.snippets)) {
      assert.ok(!code.includes('uuid-1') && !code.includes('M1764161422000'), `${lang} copies the form's values`);
      assert.match(code, /outTradeNo|OUT_TRADE_NO/, lang);
    }
  });
});

describe('header pickers from the contract', () => {
  test('Accept offers what the operation answers in, then application/xml for the 406', () => {
    assert.deepEqual(acceptOptions(pageOperation(contract.byId.get('getBill')!, BASE)), [
      'application/json',
      'text/csv',
      'application/xml',
    ]);
    const create = pageOperation(contract.byId.get('createPayment')!, BASE);
    assert.deepEqual(acceptOptions(create), ['application/json', 'application/xml']);
    assert.equal(initialForm(pageOperation(contract.byId.get('getBill')!, BASE)).accept, 'application/json');
    assert.equal(initialForm(create).accept, '');
  });

  test('X-Sandbox-Simulate offers the values of the operation’s parameter, none without one', () => {
    for (const op of contract.operations) {
      const declared = op.parameters.find((p) => p.in === 'header' && p.name === 'X-Sandbox-Simulate');
      assert.deepEqual(simulateOptions(pageOperation(op, BASE)), (declared?.schema?.enum ?? []).map(String));
    }
  });
});

describe('follow-ups after a 0000 answer', () => {
  const create = pageOperation(contract.byId.get('createPayment')!, BASE);
  const order = { order_id: 'pay_1', pay_url: 'http://127.0.0.1:4010/cashier/pay_1' };

  test('the cashier, paid and failed through simulatePayment with the order id, and the query page', () => {
    const ready = readyFollowUps(create.console?.followUps, answered(order), BASE);
    assert.deepEqual(
      ready.map((f) =>
        f.kind === 'call' ? [f.kind, f.spec.method, f.spec.url, f.spec.body] : [f.kind, 'href' in f ? f.href : f.to],
      ),
      [
        ['open', order.pay_url],
        ['call', 'POST', `${BASE}/v1/sandbox/payments/pay_1/simulate`, { kind: 'json', value: { result: 'paid' } }],
        ['call', 'POST', `${BASE}/v1/sandbox/payments/pay_1/simulate`, { kind: 'json', value: { result: 'failed' } }],
        ['page', '/docs/payments/query?order_id=pay_1'],
      ],
    );
    assert.deepEqual(ready[0].label, { zh: '打开收银台', en: 'Open the cashier' });
  });

  test('nothing after an error, a failure, or for an operation without follow-ups', () => {
    const error: Exchange = { ...answered(null), status: 400, json: { code: '400', sub_code: 'x' } };
    assert.deepEqual(readyFollowUps(create.console?.followUps, error, BASE), []);
    assert.deepEqual(readyFollowUps(create.console?.followUps, { kind: 'network', ms: 0, message: 'x' }, BASE), []);
    const get = pageOperation(contract.byId.get('getPayment')!, BASE);
    assert.deepEqual(readyFollowUps(get.console?.followUps, answered(order), BASE), []);
  });
});

describe('the console form of a refund', () => {
  const refund = pageOperation(contract.byId.get('createRefund')!, BASE);
  const visit = { search: '?order_id=pay_9', siteRoot: 'http://site.test/', key: null, now: 17, uuid: () => 'uuid-2' };

  test('the order from the page URL, a fresh refund number and key, the URL winning for the number', () => {
    const form = startForm(refund, visit);
    assert.equal(form.values['path:order_id'], 'pay_9');
    assert.equal(form.values['body:out_refund_no'], 'R17');
    assert.equal(form.idempotencyKey, 'uuid-2');
    assert.equal(startForm(refund, { ...visit, search: '?out_refund_no=R1' }).values['body:out_refund_no'], 'R1');
    const built = buildRequest(refund, form, BASE, undefined);
    assert.ok(built.ok);
    assert.equal(built.spec.url, `${BASE}/v1/payments/pay_9/refunds`);
  });
});

describe('refund follow-ups, offered by the state of the latest answer', () => {
  const create = pageOperation(contract.byId.get('createPayment')!, BASE);
  const query = pageOperation(contract.byId.get('queryPayment')!, BASE);
  const refund = pageOperation(contract.byId.get('createRefund')!, BASE);
  const labels = (ready: ReturnType<typeof readyFollowUps>) => ready.map((f) => f.label.en);
  const toRefund = (ready: ReturnType<typeof readyFollowUps>) =>
    ready.flatMap((f) => (f.kind === 'page' && f.label.en === 'Refund' ? [f.to] : []));

  test('a new order offers no refund; once "simulate paid" answers paid, the refund page of that order', () => {
    const created = answered({ order_id: 'pay_1', status: 'created', pay_url: 'http://x/c' });
    assert.deepEqual(toRefund(readyFollowUps(create.console?.followUps, created, BASE)), []);
    const paid = answered({ order_id: 'pay_1', status: 'paid' });
    assert.deepEqual(toRefund(readyFollowUps(create.console?.followUps, created, BASE, paid)), [
      '/docs/refunds/create?order_id=pay_1',
    ]);
    const failedCall: Exchange = { ...answered(null), status: 400, json: { code: '400', sub_code: 'x' } };
    assert.deepEqual(toRefund(readyFollowUps(create.console?.followUps, created, BASE, failedCall)), []);
  });

  test('the query page offers a refund for a paid order only', () => {
    assert.deepEqual(
      toRefund(readyFollowUps(query.console?.followUps, answered({ order_id: 'pay_2', status: 'paid' }), BASE)),
      ['/docs/refunds/create?order_id=pay_2'],
    );
    assert.deepEqual(
      readyFollowUps(query.console?.followUps, answered({ order_id: 'pay_2', status: 'closed' }), BASE),
      [],
    );
  });

  test('a pending refund can be simulated and queried; once it has ended, only queried', () => {
    const pending = answered({ refund_id: 'ref_1', status: 'pending' });
    const ready = readyFollowUps(refund.console?.followUps, pending, BASE);
    assert.deepEqual(labels(ready), ['Simulate succeeded', 'Simulate failed', 'Query this refund']);
    assert.deepEqual(
      ready.map((f) => (f.kind === 'call' ? [f.spec.url, f.spec.body] : f.kind === 'page' ? f.to : '')),
      [
        [`${BASE}/v1/sandbox/refunds/ref_1/simulate`, { kind: 'json', value: { result: 'succeeded' } }],
        [`${BASE}/v1/sandbox/refunds/ref_1/simulate`, { kind: 'json', value: { result: 'failed' } }],
        '/docs/refunds/query?refund_id=ref_1',
      ],
    );
    const ended = answered({ refund_id: 'ref_1', status: 'succeeded' });
    assert.deepEqual(labels(readyFollowUps(refund.console?.followUps, pending, BASE, ended)), ['Query this refund']);
  });
});

describe('the refund watched until it ends (x-console poll)', () => {
  const refund = pageOperation(contract.byId.get('createRefund')!, BASE);
  const poll = refund.console?.poll;
  const refundAnswer = (status: string) => answered({ refund_id: 'ref_1', status });

  test('a pending refund is asked for again by its id; an ended one, an error or no poll are not', () => {
    assert.deepEqual(nextPoll(poll, refundAnswer('pending'), BASE), { method: 'GET', url: `${BASE}/v1/refunds/ref_1` });
    assert.equal(nextPoll(poll, refundAnswer('succeeded'), BASE), null);
    assert.equal(nextPoll(poll, { kind: 'timeout', ms: 1, message: 'x' }, BASE), null);
    assert.equal(nextPoll(undefined, refundAnswer('pending'), BASE), null);
  });

  const run = async (statuses: string[], active: () => boolean = () => true) => {
    const seen: string[] = [];
    const waits: number[] = [];
    let sent = 0;
    await watch({
      poll,
      first: refundAnswer('pending'),
      baseUrl: BASE,
      send: async (spec, authorized) => {
        assert.equal(authorized, true);
        assert.equal(spec.url, `${BASE}/v1/refunds/ref_1`);
        return refundAnswer(statuses[Math.min(sent++, statuses.length - 1)]);
      },
      wait: async (ms) => void waits.push(ms),
      active,
      onAnswer: (a) =>
        void seen.push(String((a.kind === 'response' && (a.json as { data: { status: string } }).data.status) || '')),
    });
    return { seen, waits, sent };
  };

  test('asks every second until the refund has ended, then stops', async () => {
    const { seen, waits } = await run(['pending', 'succeeded', 'pending']);
    assert.deepEqual(seen, ['pending', 'succeeded']);
    assert.deepEqual(waits, [1000, 1000]);
  });

  test('a refund that never ends is asked about a bounded number of times; a stopped watch sends nothing more', async () => {
    assert.equal((await run(['pending'])).sent, POLL_TRIES);
    let calls = 0;
    assert.equal((await run(['pending'], () => ++calls < 3)).sent, 1);
  });
});

describe('the console send path', () => {
  const create = pageOperation(contract.byId.get('createPayment')!, BASE);
  const tokenOp = pageOperation(contract.byId.get('getToken')!, BASE);
  const visit = { search: '', siteRoot: 'http://site.test/', key: null, now: 1, uuid: () => 'u' };
  const sandbox = () =>
    fakeFetch((url) => (url.endsWith('/v1/oauth/token') ? ok({ access_token: 'tok_1', expires_in: 7200 }) : ok({})));
  const context = (impl: typeof fetch, withKey: boolean): SendContext => {
    const client = createSandboxClient(BASE, impl);
    const tokens = new TokenCache(async () => ({ access_token: 'tok_1', expires_in: 7200 }));
    return { client, tokens, key: withKey ? key : null, acceptLanguage: 'en' };
  };
  const headers = (init: RequestInit) => init.headers as Record<string, string>;

  test('with a stored key the token is fetched before sending and the request carries it', async () => {
    const { impl, calls } = sandbox();
    const sent = await sendForm(create, startForm(create, visit), context(impl, true));
    assert.equal(sent.kind, 'answered');
    assert.equal(calls.length, 1);
    assert.equal(headers(calls[0].init).Authorization, 'Bearer tok_1');
    assert.equal(headers(calls[0].init)['Accept-Language'], 'en');
  });

  test('without a key it goes out without a token (the sandbox answers 401); an invalid form is not sent', async () => {
    const { impl, calls } = sandbox();
    await sendForm(create, startForm(create, visit), context(impl, false));
    assert.equal(headers(calls[0].init).Authorization, undefined);
    const raw = { ...startForm(create, visit), raw: true, rawBody: '{' };
    assert.deepEqual(await sendForm(create, raw, context(impl, true)), {
      kind: 'invalid',
      problem: { param: 'body', reason: 'json' },
    });
    assert.equal(calls.length, 1);
  });

  test('a token that cannot be had is named; a token answer is kept for the other consoles', async () => {
    const { impl } = sandbox();
    const ctx = context(impl, true);
    ctx.tokens = new TokenCache(async () => {
      throw new Error('401 invalid_client: bad secret');
    });
    assert.deepEqual(await sendForm(create, startForm(create, visit), ctx), {
      kind: 'no-token',
      message: '401 invalid_client: bad secret',
    });
    const keeping = context(impl, true);
    await sendForm(tokenOp, startForm(tokenOp, { ...visit, key }), keeping);
    assert.equal(keeping.tokens.peek()?.app_id, 'app_1');
    assert.equal(keeping.tokens.peek()?.access_token, 'tok_1');
  });
});

describe('x-console in the contract', () => {
  const doc = (xConsole: unknown): OpenApiDocument => ({
    openapi: '3.1.0',
    info: { title: 't', version: '1' },
    'x-catalogues': { errors: '', test_data: '' },
    paths: {
      '/a': { post: { operationId: 'a', responses: {}, 'x-console': xConsole } },
      '/b/{id}': { post: { operationId: 'b', responses: {} } },
    },
    components: { schemas: {} },
  });

  test('follow-up calls are resolved to the operation they call', () => {
    const [a] = buildOperations(
      doc({ follow_ups: [{ label: { zh: '乙', en: 'B' }, call: 'b', params: { id: 'data.id' }, body: { x: 'y' } }] }),
    );
    assert.deepEqual(a.console?.followUps, [
      {
        label: { zh: '乙', en: 'B' },
        kind: 'call',
        operationId: 'b',
        method: 'POST',
        path: '/b/{id}',
        authorized: false,
        params: { id: 'data.id' },
        body: { x: 'y' },
      },
    ]);
  });

  test('a typo fails the build: unknown key, catalogue, operation, key part or answer value', () => {
    for (const bad of [
      { preset: {} },
      { presets: { amount: 'amounts' } },
      { follow_ups: [{ label: { zh: '乙', en: 'B' }, call: 'c' }] },
      { follow_ups: [{ label: { zh: '乙' }, open: 'data.url' }] },
      { follow_ups: [{ label: { zh: '乙', en: 'B' }, page: '/p', query: { id: 'order_id' } }] },
      { prefill: { app_id: { key: 'app_key' } } },
      { follow_ups: [{ label: { zh: '乙', en: 'B' }, page: '/p', when: { status: 'paid' } }] },
      { poll: { call: 'b', params: { id: 'data.id' } } },
      { poll: { call: 'c', while: { 'data.status': 'pending' } } },
    ]) {
      assert.throws(() => buildOperations(doc(bad)), /x-console/, JSON.stringify(bad));
    }
  });
});
