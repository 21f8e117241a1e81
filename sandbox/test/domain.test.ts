/** The pure parts: routing, money, states, time, scopes, parsing helpers. */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { readDocument, resolveLocalRefs } from '../../contract/index.ts';
import { IDEMPOTENCY_TTL_MS, keyRecord, keyUse, requestHash } from '../src/domain/idempotency.ts';
import { feeFor } from '../src/domain/money.ts';
import {
  attemptOutcome,
  canTransition,
  dueTransition,
  isFinal,
  pathTo,
  transitionPatch,
  type PaymentRecord,
} from '../src/domain/payments.ts';
import { FixedWindowLimiter } from '../src/domain/ratelimit.ts';
import { eligibleChannels, routeOrder, routeProbabilities, type RoutableChannel } from '../src/domain/routing.ts';
import { parseScope } from '../src/domain/scopes.ts';
import { mask, SecretBox, hashSecret, secretMatches } from '../src/domain/secrets.ts';
import { isoShanghai, shanghaiDay, shanghaiDayRange } from '../src/domain/time.ts';
import { httpUrlOrNull } from '../src/domain/urls.ts';
import { pickLang } from '../src/http/negotiate.ts';
import { coerceStrings, decimalMoneyInJson } from '../src/http/validation.ts';

const ch = (id: string, over: Partial<RoutableChannel> = {}): RoutableChannel => ({
  channel_id: id,
  provider: 'mock_alipay',
  pay_ways: ['alipay_app'],
  priority: 10,
  weight: 1,
  status: 'enabled',
  min_amount: 1,
  max_amount: 100_000,
  deleted_at: null,
  ...over,
});

describe('routing', () => {
  test('eligibility: enabled, not deleted, pay_way, amount limits', () => {
    const all = [
      ch('chn_a'),
      ch('chn_off', { status: 'disabled' }),
      ch('chn_del', { deleted_at: 1 }),
      ch('chn_wx', { pay_ways: ['wechat_app'] }),
      ch('chn_small', { max_amount: 500 }),
      ch('chn_big', { min_amount: 5000 }),
    ];
    assert.deepEqual(
      eligibleChannels(all, 'alipay_app', 1000).map((c) => c.channel_id),
      ['chn_a'],
    );
    assert.deepEqual(
      eligibleChannels(all, null, 100).map((c) => c.channel_id),
      ['chn_a', 'chn_wx', 'chn_small'],
    );
    assert.deepEqual(routeOrder(all, 'unionpay_app', 1000, 'pay_x'), []);
  });

  test('weights 70/30 hold over 20,000 orders within ±1.5 points', () => {
    const channels = [ch('chn_70', { weight: 70 }), ch('chn_30', { weight: 30 })];
    let first70 = 0;
    const n = 20_000;
    for (let i = 0; i < n; i++)
      if (routeOrder(channels, 'alipay_app', 100, `pay_${i.toString(16).padStart(24, '0')}`)[0].channel_id === 'chn_70')
        first70++;
    const share = first70 / n;
    assert.ok(Math.abs(share - 0.7) < 0.015, `share of the 70-weight channel was ${share}`);
  });

  test('the same order id always routes the same way; the rest follow as fallbacks', () => {
    const channels = [ch('chn_a', { weight: 5 }), ch('chn_b', { weight: 5 }), ch('chn_c', { priority: 20 })];
    for (let i = 0; i < 50; i++) {
      const seed = `pay_seed${i}`;
      const once = routeOrder(channels, 'alipay_app', 100, seed).map((c) => c.channel_id);
      assert.deepEqual(
        routeOrder([...channels].reverse(), 'alipay_app', 100, seed).map((c) => c.channel_id),
        once,
      );
      assert.equal(once[2], 'chn_c', 'the lower-priority channel is only a fallback');
    }
  });

  test('preview probabilities: the top group shares 1 by weight, fallbacks get 0', () => {
    const p = routeProbabilities(
      [
        ch('chn_a', { weight: 3 }),
        ch('chn_b', { weight: 1 }),
        ch('chn_c', { priority: 1, status: 'disabled' }),
        ch('chn_d', { priority: 50 }),
      ],
      'alipay_app',
      100,
    );
    assert.deepEqual(
      p.map((x) => [x.channel.channel_id, x.probability]),
      [
        ['chn_a', 0.75],
        ['chn_b', 0.25],
        ['chn_d', 0],
      ],
    );
  });
});

describe('money and states', () => {
  test('fee is amount × bps rounded half up to a fen', () => {
    assert.equal(feeFor(1000, 60), 6);
    assert.equal(feeFor(250, 60), 2); // 1.5 → 2
    assert.equal(feeFor(249, 60), 1); // 1.494 → 1
    assert.equal(feeFor(1, 5000), 1); // 0.5 → 1
    assert.equal(feeFor(100_000_000, 10_000), 100_000_000);
  });

  test('state machine: terminal states never change; a payment passes through paying', () => {
    assert.equal(canTransition('created', 'paid'), false, 'no payment skips paying');
    assert.deepEqual(pathTo('created', 'paid'), ['paying', 'paid']);
    assert.deepEqual(pathTo('created', 'failed'), ['paying', 'failed']);
    assert.deepEqual(pathTo('created', 'closed'), ['closed']);
    assert.deepEqual(pathTo('paying', 'closed'), ['closed']);
    assert.equal(pathTo('paid', 'closed'), null);
    assert.equal(pathTo('closed', 'closed'), null);
    assert.deepEqual((['created', 'paying', 'paid', 'failed', 'closed'] as const).filter(isFinal), [
      'paid',
      'failed',
      'closed',
    ]);
    assert.ok(canTransition('paying', 'closed'));
    for (const t of ['paid', 'failed', 'closed', 'paying', 'created'] as const) {
      assert.equal(canTransition('paid', t), false);
      assert.equal(canTransition('closed', t), false);
    }
    assert.equal(canTransition('paying', 'created'), false);
  });

  test('a move records every step of its path, and a close its reason', () => {
    const p = { status: 'created', amount: 1000, status_history: [{ status: 'created', at: 1 }] } as const;
    const paid = transitionPatch(
      { ...p, status_history: [...p.status_history] },
      { status: 'paid', failure_code: null },
      5,
      60,
    );
    assert.deepEqual(paid?.status_history, [
      { status: 'created', at: 1 },
      { status: 'paying', at: 5 },
      { status: 'paid', at: 5 },
    ]);
    assert.equal(paid?.fee, 6);
    assert.equal(paid?.close_reason, null);
    const closed = transitionPatch(
      { ...p, status_history: [...p.status_history] },
      { status: 'closed', failure_code: null, close_reason: 'payer_cancelled' },
      5,
      60,
    );
    assert.equal(closed?.close_reason, 'payer_cancelled');
    assert.equal(closed?.failure_code, null);
    assert.equal(
      transitionPatch({ ...p, status: 'paid', status_history: [] }, { status: 'closed', failure_code: null }, 5, 60),
      null,
    );
  });

  test('a declining magic amount turns a payment attempt into its failure', () => {
    const decline = {
      amount: 4001,
      behavior: 'decline' as const,
      failure_code: 'insufficient_funds',
      title: { zh: '', en: '' },
      description: { zh: '', en: '' },
    };
    assert.deepEqual(attemptOutcome('paid', decline), { status: 'failed', failure_code: 'insufficient_funds' });
    assert.deepEqual(attemptOutcome('closed', decline), { status: 'closed', failure_code: null });
    assert.deepEqual(attemptOutcome('paid', undefined), { status: 'paid', failure_code: null });
  });

  test('due transitions: auto result before expiry, expiry otherwise', () => {
    const p = { status: 'created', auto_result: 'paid', auto_at: 3000, expires_at: 10_000 } as PaymentRecord;
    assert.equal(dueTransition(p, 2999, undefined), null);
    assert.equal(dueTransition(p, 3000, undefined)?.status, 'paid');
    assert.equal(dueTransition({ ...p, auto_result: null, auto_at: null }, 10_000, undefined)?.status, 'closed');
    assert.equal(dueTransition({ ...p, status: 'paid' }, 99_999, undefined), null);
    assert.equal(dueTransition(p, 9000, undefined)?.at, 3000, 'dated when it came due, not when seen');
    assert.equal(dueTransition({ ...p, auto_result: null, auto_at: null }, 50_000, undefined)?.at, 10_000);
  });
});

describe('time, scopes, secrets, language', () => {
  test('Shanghai offsets and bill days', () => {
    const ms = Date.parse('2026-11-26T16:30:00Z');
    assert.equal(isoShanghai(ms), '2026-11-27T00:30:00+08:00');
    assert.equal(shanghaiDay(ms), '2026-11-27');
    assert.deepEqual(shanghaiDayRange('2026-11-27'), [
      Date.parse('2026-11-26T16:00:00Z'),
      Date.parse('2026-11-27T16:00:00Z'),
    ]);
  });

  test('scopes: empty means all, unknown ones are reported', () => {
    const declared = readDocument().components.securitySchemes!.oauth2!.flows.clientCredentials.scopes;
    assert.deepEqual(
      parseScope('').granted.sort(),
      Object.keys(declared).sort(),
      'all = every scope the contract declares',
    );
    assert.deepEqual(parseScope('payments:read  bills:read payments:read'), {
      granted: ['payments:read', 'bills:read'],
      unknown: [],
    });
    assert.deepEqual(parseScope('payments:read admin').unknown, ['admin']);
  });

  test('secrets: hashes compare, sealed values open only with their key, masks keep 4', () => {
    assert.ok(secretMatches('s3cret', hashSecret('s3cret')));
    assert.ok(!secretMatches('s3cret!', hashSecret('s3cret')));
    const box = new SecretBox(Buffer.alloc(32, 7));
    const sealed = box.seal('whsec_abc');
    assert.notEqual(sealed, 'whsec_abc');
    assert.equal(box.open(sealed), 'whsec_abc');
    assert.throws(() => new SecretBox(Buffer.alloc(32, 8)).open(sealed));
    assert.equal(mask('2088000000000001'), '************0001');
    assert.equal(mask('abc'), '***');
  });

  test('Accept-Language picks en only when English is preferred', () => {
    assert.equal(pickLang(undefined), 'zh');
    assert.equal(pickLang('en'), 'en');
    assert.equal(pickLang('zh-CN,zh;q=0.9,en;q=0.8'), 'zh');
    assert.equal(pickLang('de, en;q=0.5'), 'en');
    assert.equal(pickLang('en;q=0'), 'zh');
  });

  test('rate limiter: a fixed window per key, with the seconds to wait', () => {
    const l = new FixedWindowLimiter(2, 1000);
    assert.equal(l.hit('a', 0), null);
    assert.equal(l.hit('a', 100), null);
    assert.equal(l.hit('a', 200), 1);
    assert.equal(l.hit('b', 200), null);
    assert.equal(l.hit('a', 1000), null);
  });
});

describe('parsing helpers', () => {
  const schema = {
    properties: {
      amount: { type: 'integer' },
      name: { type: 'string' },
      ways: { type: 'array', items: { type: 'string' } },
      on: { type: 'boolean' },
    },
  };

  test('form strings become integers only when written as integers', () => {
    assert.deepEqual(coerceStrings({ amount: '1000', name: '123', ways: 'a', on: 'true' }, schema), {
      amount: 1000,
      name: '123',
      ways: ['a'],
      on: true,
    });
    assert.deepEqual(coerceStrings({ amount: '10.00' }, schema), { amount: '10.00' });
    assert.deepEqual(coerceStrings({ amount: '1e3' }, schema), { amount: '1e3' });
    assert.deepEqual(coerceStrings({ amount: ' 1' }, schema), { amount: ' 1' });
  });

  test('decimal money is found in raw JSON that JSON.parse would flatten', () => {
    assert.deepEqual(decimalMoneyInJson('{"amount": 10.00}', ['amount']), ['amount']);
    assert.deepEqual(decimalMoneyInJson('{"amount":1e3,"max_amount":5}', ['amount', 'max_amount']), ['amount']);
    assert.deepEqual(decimalMoneyInJson('{"amount":1000,"memo":"amount: 1.5"}', ['amount']), []);
    // JSON kept inside a string field has escaped quotes, so it is never mistaken for the field.
    assert.deepEqual(
      decimalMoneyInJson(JSON.stringify({ amount: 5, external_ext: JSON.stringify({ amount: 10.5 }) }), ['amount']),
      [],
    );
  });

  test('local $refs resolve with their sibling keys kept', () => {
    const doc = {
      a: { $ref: '#/defs/x', description: 'mine' },
      defs: { x: { type: 'string', description: 'theirs' } },
    };
    assert.deepEqual(resolveLocalRefs<typeof doc>(doc).a, { type: 'string', description: 'mine' });
    assert.throws(() => resolveLocalRefs({ a: { $ref: '#/a' } }), /circular/);
  });
});

test('httpUrlOrNull: only absolute http(s) URLs with a host reach a link, a CSP or a Location header', () => {
  for (const bad of [
    null,
    '',
    'javascript:alert(1)//',
    'data:text/html,x',
    'juyifu-demo://x',
    'http://',
    'not a url',
  ]) {
    assert.equal(httpUrlOrNull(bad), null, String(bad));
  }
  assert.equal(httpUrlOrNull('https://shop.example.com/r?x=1')?.origin, 'https://shop.example.com');
});

describe('idempotency keys', () => {
  const hash = requestHash({ amount: 1000, product_id: 'p' });
  const answer = { status: 200, body: '{"code":"0000"}' };
  const kept = keyRecord('mch_1', 'K-1', hash, { resourceId: 'pay_1', answer }, 1000)!;

  test('a record keeps the answer for 24 hours; without a key nothing is kept', () => {
    assert.equal(kept.expires_at, 1000 + IDEMPOTENCY_TTL_MS);
    assert.deepEqual([kept.order_id, kept.response_status, kept.response_body], ['pay_1', 200, answer.body]);
    assert.equal(keyRecord('mch_1', undefined, hash, { resourceId: 'pay_1', answer }, 1000), undefined);
  });

  test('the same request replays, another is a conflict, an expired or missing key is free', () => {
    assert.equal(requestHash({ product_id: 'p', amount: 1000 }), hash, 'field order does not matter');
    assert.deepEqual(keyUse(kept, hash, 2000), { kind: 'replay', answer });
    assert.deepEqual(keyUse(kept, requestHash({ amount: 1 }), 2000), { kind: 'conflict' });
    assert.deepEqual(keyUse(kept, hash, kept.expires_at), { kind: 'free' });
    assert.deepEqual(keyUse(undefined, hash, 2000), { kind: 'free' });
    const old = { ...kept, expires_at: null, response_status: null, response_body: null };
    assert.deepEqual(keyUse(old, hash, 2000), { kind: 'unanswered', resourceId: 'pay_1' });
    assert.deepEqual(keyUse(old, requestHash({}), 2000), { kind: 'conflict' });
  });
});
