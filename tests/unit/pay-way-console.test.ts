/**
 * The console's pay-way help (src/lib/console/pay-way.ts): what the chosen pay way still needs,
 * filled with the contract's examples into a request the contract accepts, and the credential
 * of an answer laid out with where each field goes.
 */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import Ajv2020 from 'ajv/dist/2020.js';
import addFormats from 'ajv-formats';
import { loadContract } from '../../contract/index.ts';
import { PAY_WAYS } from '../../contract/pay-ways.ts';
import { buildRequest, initialForm, type FormState } from '../../src/lib/console/build-request.ts';
import { chosenPayWay, credentialRows } from '../../src/lib/console/pay-way.ts';
import { pageOperation } from '../../src/lib/operation-page.ts';

const contract = loadContract();
const page = (id: string) => pageOperation(contract.byId.get(id)!, 'http://127.0.0.1:4010');
const create = page('createPayment');
const ajv = new Ajv2020({ strict: false });
addFormats(ajv);
const validCreate = ajv.compile(contract.document.components.schemas.PaymentCreate);

/** The createPayment form with `payWay` chosen. */
function formWith(payWay: string): FormState {
  const form = initialForm(create);
  return { ...form, values: { ...form.values, 'body:pay_way': payWay } };
}

describe('the pay way chosen in the console', () => {
  test('pay_way is a select of all eleven pay ways; the example (alipay_app) needs nothing more', () => {
    assert.deepEqual(
      create.params.find((p) => p.name === 'pay_way')?.enum,
      PAY_WAYS.map((w) => w.pay_way),
    );
    const chosen = chosenPayWay(create, initialForm(create), PAY_WAYS);
    assert.equal(chosen?.entry.pay_way, 'alipay_app');
    assert.deepEqual(chosen?.missing, []);
  });

  test('every pay way: what it lacks, filled with the examples, makes a body the contract accepts', () => {
    for (const w of PAY_WAYS) {
      const form = formWith(w.pay_way);
      const chosen = chosenPayWay(create, form, PAY_WAYS)!;
      assert.deepEqual(
        chosen.missing.map((m) => m.name),
        w.requires,
        w.pay_way,
      );
      const built = buildRequest(create, form, 'http://x', 't');
      assert.ok(built.ok && built.spec.body?.kind === 'json');
      assert.equal(validCreate(built.spec.body.value), w.requires.length === 0, w.pay_way);
      for (const m of chosen.missing) form.values[m.key] = m.fill;
      const filled = buildRequest(create, form, 'http://x', 't');
      assert.ok(filled.ok && filled.spec.body?.kind === 'json');
      assert.ok(validCreate(filled.spec.body.value), `${w.pay_way}: ${ajv.errorsText(validCreate.errors)}`);
      assert.deepEqual(chosenPayWay(create, form, PAY_WAYS)?.missing, [], 'nothing left to fill');
    }
  });

  test('no hint without a pay way chosen, or on an operation without a pay_way body field', () => {
    assert.equal(chosenPayWay(create, formWith(''), PAY_WAYS), undefined);
    const token = page('getToken');
    assert.equal(chosenPayWay(token, initialForm(token), PAY_WAYS), undefined);
  });
});

describe('the credential of an answer', () => {
  test('a WeChat app credential: every field with its PayReq field', () => {
    const data = { pay_way: 'wechat_app', credential: { appid: 'wx1', prepayid: 'wx2', package: 'Sign=WXPay' } };
    assert.deepEqual(credentialRows(data, PAY_WAYS), {
      payWay: 'wechat_app',
      rows: [
        { field: 'appid', value: 'wx1', to: 'PayReq.appId' },
        { field: 'prepayid', value: 'wx2', to: 'PayReq.prepayId' },
        { field: 'package', value: 'Sign=WXPay', to: 'PayReq.packageValue' },
      ],
    });
  });

  test('without a pay way it is the cashier URL; an answer without a credential shows none', () => {
    const found = credentialRows({ pay_way: null, credential: { pay_url: 'http://x/cashier/pay_1' } }, PAY_WAYS);
    assert.deepEqual(found, { payWay: null, rows: [{ field: 'pay_url', value: 'http://x/cashier/pay_1' }] });
    assert.equal(credentialRows({ order_id: 'pay_1' }, PAY_WAYS), undefined);
    assert.equal(credentialRows(null, PAY_WAYS), undefined);
  });
});
