/**
 * 清算 over real HTTP: bills in JSON pages and as streamed CSV, sums against the orders this test
 * made, fees rounded half up, today provisional, isolation. When a bill becomes final, and that it
 * then never changes, is bills-final.test.ts.
 */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { parse } from 'csv-parse/sync';
import { feeFor } from '../src/domain/money.ts';
import { shanghaiDay } from '../src/domain/time.ts';
import type { SuccessData } from '../../contract/api.ts';
import { assertEquations } from './support/bills.ts';
import { manualClock, startSandbox, type Client, type Reply, type RunningSandbox } from './support/sandbox.ts';

const clock = manualClock(Date.parse('2026-11-20T10:00:00+08:00'));
let sb: RunningSandbox;
let m: Awaited<ReturnType<Client['newMerchant']>>;
const c = () => sb.client;
/** What this test created on 2026-11-20, to check the bill against. */
const made: { order_id: string; amount: number; status: string }[] = [];
let alipay: { channel_id: string; fee_rate_bps: number };

before(async () => {
  sb = await startSandbox({ now: clock.now });
  m = await c().newMerchant();
  // A channel with an odd rate so that half-up rounding shows: 250 × 0.6% = 1.5 → 2, 249 → 1.494 → 1.
  alipay = (
    await c().post<'createChannel'>('/v1/channels', {
      token: m.token,
      json: { provider: 'mock_alipay', pay_ways: ['alipay_qr'], priority: 0, fee_rate_bps: 60 },
    })
  ).body.data;
  const plan: [number, 'paid' | 'failed' | 'closed' | null][] = [
    [250, 'paid'],
    [249, 'paid'],
    [1, 'paid'],
    [99_999, 'paid'],
    [1000, 'failed'],
    [1234, 'closed'],
    [777, null],
    [50_000, 'paid'],
  ];
  for (const [amount, result] of plan) {
    clock.advance(60_000);
    const p = (
      await c().post<'createPayment'>('/v1/payments/create', {
        token: m.token,
        json: { product_id: 'b', product_name: '账单', amount, pay_way: 'alipay_qr', time_expire: 86400 },
      })
    ).body.data;
    if (result) await c().post(`/v1/sandbox/payments/${p.order_id}/simulate`, { token: m.token, json: { result } });
    made.push({ order_id: p.order_id, amount, status: result ?? 'created' });
  }
});
after(() => sb.close());

const expectedFee = (o: (typeof made)[number]) => (o.status === 'paid' ? feeFor(o.amount, alipay.fee_rate_bps) : 0);

async function allPages(query: string, limit: number) {
  const items: SuccessData<'getBill'>['items'] = [];
  let cursor: string | null = null;
  let summary: SuccessData<'getBill'>['summary'] | undefined;
  let pages = 0;
  do {
    const res: Reply<'getBill'> = await c().get<'getBill'>(
      `/v1/bills?${query}&limit=${limit}${cursor ? `&cursor=${cursor}` : ''}`,
      { token: m.token },
    );
    assert.equal(res.status, 200, res.text);
    items.push(...res.body.data.items);
    summary = res.body.data.summary;
    cursor = res.body.data.next_cursor;
    pages++;
  } while (cursor);
  return { items, summary, pages };
}

describe('bills as JSON', () => {
  test('ALL lists every order of the day across cursor pages; the summary counts every row, adds paid ones', async () => {
    const { items, summary, pages } = await allPages('bill_date=2026-11-20', 3);
    assert.equal(pages, 3);
    assert.deepEqual(items.map((i) => i.order_id).sort(), made.map((o) => o.order_id).sort());
    for (const o of made) {
      const row = items.find((i) => i.order_id === o.order_id);
      assert.equal(row?.status, o.status);
      assert.equal(row?.fee, expectedFee(o), `fee of ${o.amount}`);
      assert.equal(row?.settle_amount, o.status === 'paid' ? o.amount - expectedFee(o) : 0);
      assert.equal(row?.provider, 'mock_alipay');
    }
    assert.equal(items.find((i) => i.amount === 250)?.fee, 2);
    assert.equal(items.find((i) => i.amount === 249)?.fee, 1);
    const paid = made.filter((o) => o.status === 'paid');
    const paidAmount = paid.reduce((s, o) => s + o.amount, 0);
    const paidFee = paid.reduce((s, o) => s + expectedFee(o), 0);
    // Failed, closed and unpaid orders are rows, but move no money.
    const payments = { amount: paidAmount, fee: paidFee, settle_amount: paidAmount - paidFee };
    assert.deepEqual(summary, {
      count: made.length,
      ...payments,
      payments: { count: paid.length, ...payments },
      refunds: { count: 0, amount: 0, fee: 0, settle_amount: 0 },
      net: payments,
    });
    assertEquations(items, summary!, 'ALL');
  });

  test('SUCCESS lists paid orders only; a channel filter narrows; today is provisional', async () => {
    const { items, summary } = await allPages('bill_date=2026-11-20&bill_type=SUCCESS', 100);
    const paid = made.filter((o) => o.status === 'paid');
    assert.deepEqual(items.map((i) => i.order_id).sort(), paid.map((o) => o.order_id).sort());
    assert.equal(
      summary?.amount,
      paid.reduce((s, o) => s + o.amount, 0),
    );
    assert.equal(
      summary?.fee,
      paid.reduce((s, o) => s + expectedFee(o), 0),
    );
    const other = m.channels.find((x) => x.provider === 'mock_wechat')?.channel_id;
    const none = await c().get<'getBill'>(`/v1/bills?bill_date=2026-11-20&channel_id=${other}`, { token: m.token });
    const nothing = { amount: 0, fee: 0, settle_amount: 0 };
    assert.deepEqual(none.body.data.summary, {
      count: 0,
      ...nothing,
      payments: { count: 0, ...nothing },
      refunds: { count: 0, ...nothing },
      net: nothing,
    });

    assertEquations(items, summary!, 'SUCCESS');
    const today = await c().get<'getBill'>(`/v1/bills?bill_date=${shanghaiDay(clock.now())}`, { token: m.token });
    assert.equal(today.body.data.status, 'provisional');
  });

  test('a bad date, a future date, a forged cursor are 400; a channel of another merchant is 404', async () => {
    assert.equal((await c().get('/v1/bills?bill_date=2026-13-01', { token: m.token })).body.param, 'bill_date');
    assert.equal((await c().get('/v1/bills?bill_date=2099-01-01', { token: m.token })).body.param, 'bill_date');
    assert.equal((await c().get('/v1/bills', { token: m.token })).body.sub_code, 'missing_field');
    const forged = await c().get(
      `/v1/bills?bill_date=2026-11-20&cursor=${Buffer.from('["x"]').toString('base64url')}`,
      { token: m.token },
    );
    assert.equal(forged.body.param, 'cursor');
    const other = await c().newMerchant();
    const res = await c().get(`/v1/bills?bill_date=2026-11-20&channel_id=${other.channels[0].channel_id}`, {
      token: m.token,
    });
    assert.equal(res.status, 404);
  });

  test("another merchant's bill never shows this merchant's orders; bills need bills:read", async () => {
    const other = await c().newMerchant();
    const theirs = await c().get<'getBill'>('/v1/bills?bill_date=2026-11-20', { token: other.token });
    assert.equal(theirs.body.data.summary.count, 0);
    const noScope = await c().newMerchant('payments:read');
    assert.equal((await c().get('/v1/bills?bill_date=2026-11-20', { token: noScope.token })).status, 403);
  });
});

describe('bills as CSV', () => {
  for (const how of ['Accept: text/csv', 'format=csv']) {
    test(`${how}: UTF-8 BOM, header, one row per order, total rows equal to the JSON summary`, async () => {
      const res =
        how === 'format=csv'
          ? await c().get('/v1/bills?bill_date=2026-11-20&format=csv', { token: m.token })
          : await c().get('/v1/bills?bill_date=2026-11-20', { token: m.token, headers: { accept: 'text/csv' } });
      assert.equal(res.status, 200);
      assert.match(res.headers.get('content-type') ?? '', /^text\/csv; charset=utf-8/);
      assert.match(res.headers.get('content-disposition') ?? '', /juyifu-bill-2026-11-20\.csv/);
      assert.deepEqual([...res.raw.subarray(0, 3)], [0xef, 0xbb, 0xbf], 'BOM');
      const records: string[][] = parse(res.text, { bom: true });
      const [header, ...rest] = records;
      assert.deepEqual(header, [
        'order_id',
        'out_trade_no',
        'channel_id',
        'provider',
        'pay_way',
        'status',
        'amount',
        'fee',
        'settle_amount',
        'paid_at',
        'type',
        'refund_id',
        'out_refund_no',
        'refunded_at',
      ]);
      const rows = rest.slice(0, -4);
      const total = rest[rest.length - 1];
      assert.deepEqual(
        rest.slice(-4).map((r) => r[0]),
        ['total_payments', 'total_refunds', 'total_net', 'total'],
      );
      assert.ok(rows.every((r) => r[10] === 'payment' && r.slice(11).every((cell) => cell === '')));
      assert.equal(rows.length, made.length);
      for (const o of made) {
        const row = rows.find((r) => r[0] === o.order_id)!;
        assert.equal(Number(row[6]), o.amount);
        assert.equal(Number(row[7]), expectedFee(o));
      }
      const paidRows = rows.filter((r) => r[5] === 'paid');
      const col = (from: string[][], i: number) => from.reduce((s, r) => s + Number(r[i]), 0);
      const summary = (await c().get<'getBill'>('/v1/bills?bill_date=2026-11-20', { token: m.token })).body.data
        .summary;
      assert.equal(total[0], 'total');
      assert.deepEqual(
        [Number(total[5]), Number(total[6]), Number(total[7]), Number(total[8])],
        [summary.count, summary.amount, summary.fee, summary.settle_amount],
      );
      assert.deepEqual(
        [Number(total[5]), Number(total[6]), Number(total[7]), Number(total[8])],
        [rows.length, col(paidRows, 6), col(paidRows, 7), col(rows, 8)],
      );
    });
  }

  test('an Accept the bill cannot meet is 406; errors stay JSON', async () => {
    const res = await c().get('/v1/bills?bill_date=2026-11-20', {
      token: m.token,
      headers: { accept: 'application/xml' },
    });
    assert.equal(res.status, 406);
    const err = await c().get('/v1/bills?bill_date=bad&format=csv', { token: m.token });
    assert.equal(err.status, 400);
    assert.equal(err.body.param, 'bill_date');
  });
});
