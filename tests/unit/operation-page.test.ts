/** From the contract to an API page's data, checked against the contract itself. */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { loadContract } from '../../contract/index.ts';
import { constraintsOf, pageOperation, typeLabel } from '../../src/lib/operation-page.ts';
import { sampleFromSchema } from '../../src/lib/sample.ts';

const contract = loadContract();
const { document: doc } = contract;
/** The contract's operation at a path and method. */
const at = (path: string, method: string) =>
  contract.operations.find((o) => o.path === path && o.method === method.toUpperCase())!;
const BASE = 'http://127.0.0.1:4010';

describe('pageOperation', () => {
  test('createPayment: every body field and header, required ones first, money marked in fen', () => {
    const op = pageOperation(at('/v1/payments/create', 'POST'), BASE);
    const body = doc.paths['/v1/payments/create'].post!.requestBody!.content['application/json'].schema!;
    const required = body.required ?? [];
    assert.deepEqual(
      op.params
        .filter((p) => p.in === 'body')
        .map((p) => p.name)
        .sort(),
      Object.keys(body.properties ?? {}).sort(),
    );
    assert.deepEqual(
      op.params.filter((p) => p.required).map((p) => p.name),
      required,
    );
    assert.equal(
      op.params.findIndex((p) => !p.required),
      required.length,
      'required rows come first',
    );
    const amount = op.params.find((p) => p.name === 'amount')!;
    assert.equal(amount.type, 'integer');
    assert.ok(amount.constraints.some((c) => c.zh.includes('单位：分')));
    assert.ok(op.params.some((p) => p.in === 'header' && p.name === 'Idempotency-Key'));
    assert.deepEqual(op.scopes, ['payments:write']);
    assert.deepEqual(
      op.responses.map((r) => r.status),
      ['200', '400', '401', '403', '406', '409', '418', '429', '500', '503'],
    );
    assert.equal(op.request.url, `${BASE}/v1/payments/create`);
    assert.deepEqual(op.request.bearer, { env: 'JUYIFU_TOKEN' });
    assert.equal(op.request.body?.kind, 'json');
  });

  test('getToken: a form sample whose credentials come from the environment, no bearer', () => {
    const op = pageOperation(at('/v1/oauth/token', 'POST'), BASE);
    assert.equal(op.scopes, null);
    assert.equal(op.request.bearer, undefined);
    assert.deepEqual(op.request.body, {
      kind: 'form',
      fields: [
        ['grant_type', 'client_credentials'],
        ['app_id', { env: 'JUYIFU_APP_ID' }],
        ['app_secret', { env: 'JUYIFU_APP_SECRET' }],
      ],
    });
    assert.match(op.snippets!.curl, /app_secret=\$JUYIFU_APP_SECRET/);
  });

  test('path ids come from examples; query params with examples are sent; the response example has the envelope', () => {
    const get = pageOperation(at('/v1/payments/{order_id}', 'GET'), BASE);
    assert.equal(get.request.url, `${BASE}/v1/payments/pay_3f9a1c7e5b2d4a6c8e0f1a2b`);
    const bill = pageOperation(at('/v1/bills', 'GET'), BASE);
    assert.deepEqual(bill.request.query, [['bill_date', '2026-11-26']]);
    const resp = get.responseExample as { code: string; request_id: string; data: { order_id: string } };
    assert.equal(resp.code, '0000');
    assert.match(resp.request_id, /^req_/);
    assert.match(resp.data.order_id, /^pay_/);
  });

  test('every operation of the contract yields a page with four snippets, but the cashier pages', () => {
    for (const [path, item] of Object.entries(doc.paths)) {
      for (const [method, raw] of Object.entries(item)) {
        if (Array.isArray(raw) || !raw) continue;
        const op = pageOperation(at(path, method.toUpperCase()), BASE);
        if (raw['x-samples'] === false) {
          assert.equal(op.snippets, undefined, op.id);
          continue;
        }
        assert.deepEqual(Object.keys(op.snippets!).sort(), ['android', 'curl', 'java', 'php'], op.id);
        assert.ok(op.summary.zh && op.summary.en, `${op.id} has both summaries`);
      }
    }
  });
});

describe('labels and samples', () => {
  test('type labels', () => {
    assert.equal(typeLabel({ type: ['string', 'null'] }), 'string | null');
    assert.equal(typeLabel({ type: 'array', items: { type: 'string' } }), 'string[]');
    assert.equal(typeLabel({ type: 'object', additionalProperties: { type: 'string' } }), 'object<string, string>');
    assert.equal(typeLabel({ oneOf: [{ type: 'string', enum: ['a'] }, { type: 'null' }] }), 'string | null');
  });

  test('constraints in both languages', () => {
    const c = constraintsOf({ type: 'string', minLength: 1, maxLength: 64, pattern: '^x$' });
    assert.deepEqual(
      c.map((x) => x.en),
      ['1–64 characters', 'pattern ^x$'],
    );
    assert.deepEqual(constraintsOf({ enum: ['a', 'b'] })[0], { zh: '可选值：a | b', en: 'one of: a | b' });
  });

  test('sampleFromSchema merges allOf, skips null alternatives, prefers examples', () => {
    assert.deepEqual(
      sampleFromSchema({
        allOf: [{ properties: { a: { const: 1 } } }, { properties: { b: { type: 'string', format: 'date' } } }],
      }),
      { a: 1, b: '2026-11-26' },
    );
    assert.equal(sampleFromSchema({ oneOf: [{ type: 'null' }, { type: 'integer', minimum: 5 }] }), 5);
    assert.equal(sampleFromSchema({ type: 'string', examples: ['x'], default: 'y' }), 'x');
  });
});
