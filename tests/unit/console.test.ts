/** The console's React-free parts: key storage, token cache, request building, signatures. */
import assert from 'node:assert/strict';
import { createHmac } from 'node:crypto';
import { describe, test } from 'node:test';
import { loadContract } from '../../contract/index.ts';
import { buildRequest, initialForm, typed } from '../../src/lib/console/build-request';
import { KEY_SLOT, KeyStore, maskSecret, type KeyStorage } from '../../src/lib/console/keys';
import { fetchInit } from '../../src/lib/console/send';
import { verifySignature } from '../../src/lib/console/signature';
import { TokenCache } from '../../src/lib/console/token-cache';
import { pageOperation } from '../../src/lib/operation-page';

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
    assert.equal((built.spec.body.value as any).amount, '10.00');
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
});
