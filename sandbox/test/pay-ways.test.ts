/**
 * The payment data each pay way needs, over real HTTP: what an order must send (client_ip,
 * extra.openid), the credential its answer carries, shaped as the contract says, and the
 * pay-way catalogue (contract/pay-ways.ts) held to the contract's enum, rules and schemas.
 */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import Ajv2020 from 'ajv/dist/2020.js';
import addFormats from 'ajv-formats';
import { PAY_WAYS, PAY_WAY_VALUES } from '../../contract/pay-ways.ts';
import { contract, startSandbox, type RunningSandbox } from './support/sandbox.ts';

const schemas = contract.document.components.schemas;
const ajv = new Ajv2020({ strict: false, allErrors: true });
addFormats(ajv);

let sb: RunningSandbox;
let m: Awaited<ReturnType<RunningSandbox['client']['newMerchant']>>;

before(async () => {
  sb = await startSandbox();
  m = await sb.client.newMerchant();
});
after(() => sb.close());

/** What an order of `payWay` needs beyond the basics, as an integrator would send it. */
function needs(payWay: string): Record<string, unknown> {
  const entry = PAY_WAYS.find((w) => w.pay_way === payWay)!;
  return {
    ...(entry.requires.includes('client_ip') ? { client_ip: '203.0.113.10' } : {}),
    ...(entry.requires.includes('extra.openid') ? { extra: { openid: 'oUpF8uMuAJO_M2pxb1Q9zNjWeS6o' } } : {}),
  };
}

const create = (body: Record<string, unknown>) =>
  sb.client.post<'createPayment'>('/v1/payments/create', {
    token: m.token,
    json: { product_id: '1', product_name: '苹果', amount: 1000, ...body },
  });

describe('the pay-way catalogue and the contract', () => {
  test('the PayWay enum is the catalogue, in its order; every provider has its own pay ways', () => {
    assert.deepEqual(schemas.PayWay.enum, [...PAY_WAY_VALUES]);
    assert.deepEqual(
      PAY_WAYS.map((w) => w.pay_way),
      [...PAY_WAY_VALUES],
    );
    for (const w of PAY_WAYS) assert.ok(w.pay_way.startsWith(w.provider.replace('mock_', '') + '_'), w.pay_way);
  });

  test("PaymentCreate's if/then rules require exactly what the catalogue says, per pay way", () => {
    const validate = ajv.compile(schemas.PaymentCreate);
    for (const w of PAY_WAYS) {
      const bare = { product_id: '1', product_name: 'x', amount: 1, pay_way: w.pay_way };
      validate(bare);
      const missing = (validate.errors ?? [])
        .filter((e) => e.keyword === 'required')
        .map((e) => [...e.instancePath.split('/').filter(Boolean), e.params.missingProperty].join('.'))
        .map((p) => (p === 'extra' ? 'extra.openid' : p));
      assert.deepEqual(missing, w.requires, w.pay_way);
      assert.ok(validate({ ...bare, ...needs(w.pay_way) }), `${w.pay_way}: ${ajv.errorsText(validate.errors)}`);
    }
  });

  test('each credential schema has the fields the catalogue maps, in order, and Credential is their oneOf', () => {
    for (const w of PAY_WAYS) {
      const schema = schemas[w.credential];
      assert.ok(schema, `${w.pay_way}: no schema ${w.credential}`);
      assert.deepEqual(
        Object.keys(schema.properties ?? {}),
        w.fields.map((f) => f.field),
        w.pay_way,
      );
      assert.deepEqual(
        schema.required,
        w.fields.map((f) => f.field),
        w.pay_way,
      );
    }
    const shapes = new Set(PAY_WAYS.map((w) => w.credential));
    assert.equal(schemas.Credential.oneOf?.length, shapes.size);
  });
});

describe('orders of every pay way', () => {
  test('the seeded channels of a new app cover every pay way, each with its own provider', async () => {
    const res = await sb.client.get<'listChannels'>('/v1/channels', { token: m.token });
    const offered = res.body.data.items.flatMap((c) => c.pay_ways.map((w) => [w, c.provider] as const));
    for (const w of PAY_WAYS) {
      assert.ok(
        offered.some(([way, provider]) => way === w.pay_way && provider === w.provider),
        `${w.pay_way} is not seeded with ${w.provider}`,
      );
    }
  });

  for (const w of PAY_WAYS) {
    test(`${w.pay_way}: the credential is a ${w.credential}, the same on every read, and the order can be paid`, async () => {
      const res = await create({ pay_way: w.pay_way, ...needs(w.pay_way) });
      assert.equal(res.status, 200, res.text);
      const order = res.body.data;
      const credential = order.credential as Record<string, string>;
      const validate = ajv.compile(schemas[w.credential]);
      assert.ok(validate(credential), `${w.pay_way}: ${ajv.errorsText(validate.errors)}`);
      const any = ajv.compile(schemas.Credential);
      assert.ok(any(credential), `${w.pay_way}: ${ajv.errorsText(any.errors)}`);
      for (const url of [credential.code_url, credential.pay_url].filter(Boolean)) assert.equal(url, order.pay_url);
      const again = await sb.client.get<'getPayment'>(`/v1/payments/${order.order_id}`, { token: m.token });
      assert.deepEqual(again.body.data.credential, credential);
      const paid = await sb.client.post<'simulatePayment'>(`/v1/sandbox/payments/${order.order_id}/simulate`, {
        token: m.token,
        json: { result: 'paid' },
      });
      assert.equal(paid.body.data.status, 'paid');
      assert.deepEqual(paid.body.data.credential, credential);
    });
  }

  test('without a pay way the credential is the cashier: pay_url', async () => {
    const res = await create({});
    assert.deepEqual(res.body.data.credential, { pay_url: res.body.data.pay_url });
  });

  test('two orders get different app credentials; a WeChat app credential carries the fixed package', async () => {
    const [a, b] = [await create({ pay_way: 'wechat_app' }), await create({ pay_way: 'wechat_app' })];
    const [ca, cb] = [a.body.data.credential, b.body.data.credential] as Record<string, string>[];
    assert.equal(ca.package, 'Sign=WXPay');
    assert.equal(ca.appid, cb.appid, 'one merchant app, one WeChat appid');
    assert.notEqual(ca.prepayid, cb.prepayid);
    assert.notEqual(ca.sign, cb.sign);
  });
});

describe('what each pay way must send', () => {
  for (const w of PAY_WAYS.filter((x) => x.requires.includes('client_ip'))) {
    test(`${w.pay_way} without client_ip: 400 missing_field, param client_ip`, async () => {
      const res = await create({ pay_way: w.pay_way });
      assert.equal(res.status, 400);
      assert.equal(res.body.sub_code, 'missing_field');
      assert.equal(res.body.param, 'client_ip');
    });
  }

  for (const w of PAY_WAYS.filter((x) => x.requires.includes('extra.openid'))) {
    test(`${w.pay_way} without extra, or with extra but no openid: 400 missing_field, param extra.openid`, async () => {
      for (const body of [{}, { extra: {} }]) {
        const res = await create({ pay_way: w.pay_way, ...body });
        assert.equal(res.status, 400, JSON.stringify(body));
        assert.equal(res.body.sub_code, 'missing_field');
        assert.equal(res.body.param, 'extra.openid');
      }
    });
  }

  test('client_ip takes IPv4 and IPv6; anything else is 400 invalid_value naming both formats', async () => {
    for (const ip of ['198.51.100.7', '2001:db8::1']) {
      const res = await create({ pay_way: 'wechat_h5', client_ip: ip });
      assert.equal(res.status, 200, `${ip}: ${res.text}`);
    }
    for (const ip of ['203.0.113.300', 'localhost', '2001:db8::g']) {
      const res = await create({ pay_way: 'alipay_wap', client_ip: ip });
      assert.equal(res.status, 400, ip);
      assert.equal(res.body.sub_code, 'invalid_value');
      assert.equal(res.body.param, 'client_ip');
      assert.match(res.body.message, /ipv4.*ipv6/);
    }
  });

  test('extra takes openid only, and client_ip is welcome on pay ways that do not need it', async () => {
    const unknown = await create({ pay_way: 'wechat_mini', extra: { openid: 'o1', union_id: 'u' } });
    assert.equal(unknown.status, 400);
    assert.equal(unknown.body.sub_code, 'unknown_field');
    assert.equal(unknown.body.param, 'extra.union_id');
    const extraIp = await create({ pay_way: 'alipay_app', client_ip: '203.0.113.10' });
    assert.equal(extraIp.status, 200, extraIp.text);
  });

  test("a channel may offer only its own provider's pay ways, for every pay way", async () => {
    for (const w of PAY_WAYS) {
      for (const provider of ['mock_alipay', 'mock_wechat', 'mock_unionpay'].filter((p) => p !== w.provider)) {
        const res = await sb.client.post('/v1/channels', { token: m.token, json: { provider, pay_ways: [w.pay_way] } });
        assert.equal(res.status, 400, `${provider} ${w.pay_way}`);
        assert.equal(res.body.sub_code, 'pay_way_not_supported');
      }
      const own = await sb.client.post('/v1/channels', {
        token: m.token,
        json: { provider: w.provider, pay_ways: [w.pay_way] },
      });
      assert.equal(own.status, 200, `${w.provider} ${w.pay_way}: ${own.text}`);
    }
  });
});
