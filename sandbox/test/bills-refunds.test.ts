/**
 * Refunds in bills over real HTTP, with the clock in the test's hand: a day of payments and
 * partial, full and failed refunds, read as JSON pages and as CSV, every equation of the 清算 page
 * checked; the fee remainder on the refund that completes an order; what REFUND lists; paging
 * across payment and refund rows; a refund asked just before midnight landing on the next day;
 * when a REFUND bill becomes final.
 */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { parse } from 'csv-parse/sync';
import { readBill, type BillItem, type BillRead } from './support/bills.ts';
import { manualClock, startSandbox, type Client, type RunningSandbox } from './support/sandbox.ts';

const shanghai = (day: string, time = '00:00:00') => Date.parse(`${day}T${time}+08:00`);
const [D0, D, D1] = ['2026-11-09', '2026-11-10', '2026-11-11'];
const clock = manualClock(shanghai(D0, '12:00:00'));
let sb: RunningSandbox;
let m: Awaited<ReturnType<Client['newMerchant']>>;
const c = () => sb.client;

/** Moves the clock forward, with a fresh token whenever it jumps (a token lives 2 hours). */
async function moveTo(instant: number): Promise<void> {
  assert.ok(instant >= clock.now(), 'the clock only moves forward');
  clock.advance(instant - clock.now());
  const res = await c().post<'getToken'>('/v1/oauth/token', {
    form: { grant_type: 'client_credentials', app_id: m.app_id, app_secret: m.app_secret },
  });
  assert.equal(res.status, 200, res.text);
  m.token = res.body.data.access_token;
}

async function order(amount: number, payWay = 'alipay_qr', paid = true) {
  const created = await c().post<'createPayment'>('/v1/payments/create', {
    token: m.token,
    json: { product_id: 'b', product_name: '账单', amount, pay_way: payWay, time_expire: 86400 },
  });
  assert.equal(created.status, 200, created.text);
  if (!paid) return created.body.data;
  const res = await c().post<'simulatePayment'>(`/v1/sandbox/payments/${created.body.data.order_id}/simulate`, {
    token: m.token,
    json: { result: 'paid' },
  });
  assert.equal(res.body.data.status, 'paid', res.text);
  return res.body.data;
}

let numbers = 0;
async function refund(orderId: string, amount: number) {
  const res = await c().post<'createRefund'>(`/v1/payments/${orderId}/refunds`, {
    token: m.token,
    json: { amount, out_refund_no: `BR${++numbers}` },
  });
  assert.equal(res.status, 200, res.text);
  return res.body.data;
}

/** A refund as the API shows it now (the read settles it once it is due). */
const getRefund = async (refundId: string) =>
  (await c().get<'getRefund'>(`/v1/refunds/${refundId}`, { token: m.token })).body.data;

/** Asks a refund and lets its 2 s pass; the refund as it settled. */
async function settledRefund(orderId: string, amount: number) {
  const r = await refund(orderId, amount);
  clock.advance(2000);
  return getRefund(r.refund_id);
}

const bill = (day: string, type: 'ALL' | 'SUCCESS' | 'REFUND', limit = 2, extra = '') =>
  readBill(c(), m.token, `bill_date=${day}&bill_type=${type}${extra}`, limit);
const refundRows = (b: BillRead) => b.items.filter((i) => i.type === 'refund');

type Order = Awaited<ReturnType<typeof order>>;
type Refund = Awaited<ReturnType<typeof getRefund>>;
const o: Record<string, Order> = {};
/** The refunds that succeed on D, added up by hand. */
const REFUNDS_OF_D = { count: 5, amount: -5900, fee: -35, settle_amount: -5865 };
const r: Record<string, Refund> = {};

before(async () => {
  sb = await startSandbox({ now: clock.now });
  m = await c().newMerchant();
  o.old = await order(2000); // paid on D0, fully refunded on D
  await moveTo(shanghai(D, '09:00:00'));
  o.full = await order(500); // 0.6% of 500 = 3
  o.part = await order(10_000); // fee 60
  o.declined = await order(5000); // fee 30; its refund of 4101 fails
  o.wx = await order(1000, 'wechat_qr'); // another channel, fee 6
  o.open = await order(777, 'alipay_qr', false);
  await moveTo(shanghai(D, '10:00:00'));
  r.half = await settledRefund(o.full.order_id, 250); // 3 × 250 / 500 = 1.5 → 2
  r.rest = await settledRefund(o.full.order_id, 250); // completes the order: 3 − 2 = 1
  await moveTo(shanghai(D, '11:00:00'));
  r.part = await settledRefund(o.part.order_id, 3000); // 18
  r.old = await settledRefund(o.old.order_id, 2000); // all of the old order's 12
  r.wx = await settledRefund(o.wx.order_id, 400); // 2.4 → 2
  r.declined = await settledRefund(o.declined.order_id, 4101);
  await moveTo(shanghai(D, '23:59:59'));
  r.late = await refund(o.part.order_id, 1000); // due at D+1 00:00:01
});
after(() => sb.close());

describe('a day of payments and refunds', () => {
  test('the refunds settled as asked: the magic 4101 failed, the late one is still pending', () => {
    assert.deepEqual(
      [r.half, r.rest, r.part, r.old, r.wx, r.declined].map((x) => x.status),
      ['succeeded', 'succeeded', 'succeeded', 'succeeded', 'succeeded', 'failed'],
    );
    assert.equal(r.late.status, 'pending');
  });

  test('REFUND lists the refunds that succeeded that day, negative, in the order they succeeded', async () => {
    const refunds = await bill(D, 'REFUND');
    assert.equal(refunds.status, 'provisional');
    const expected = [r.half, r.rest, r.part, r.old, r.wx];
    assert.deepEqual(
      refunds.items.map((i) => [i.type, i.refund_id, i.out_refund_no, i.order_id, i.amount, i.fee, i.refunded_at]),
      expected.map((x) => [
        'refund',
        x.refund_id,
        x.out_refund_no,
        x.order_id,
        -x.amount,
        -x.fee_refunded,
        x.succeeded_at,
      ]),
    );
    const old = refunds.items.find((i) => i.refund_id === r.old.refund_id);
    assert.deepEqual([old?.out_trade_no, old?.paid_at], [o.old.out_trade_no, o.old.paid_at], 'the order it refunds');
    const { payments, refunds: back, net, ...top } = refunds.summary;
    assert.deepEqual(top, { count: 0, amount: 0, fee: 0, settle_amount: 0 }, 'no payment rows');
    assert.deepEqual(payments, { count: 0, amount: 0, fee: 0, settle_amount: 0 });
    assert.deepEqual(back, REFUNDS_OF_D, '250 + 250 + 3000 + 2000 + 400 back, with 2 + 1 + 18 + 12 + 2 of fee');
    assert.deepEqual(net, { amount: -5900, fee: -35, settle_amount: -5865 });
  });

  test('the completing refund takes the fee that is left: the rows of a fully refunded order add up to minus its fee', async () => {
    const rows = refundRows(await bill(D, 'REFUND')).filter((i) => i.order_id === o.full.order_id);
    assert.deepEqual(
      rows.map((i) => i.fee),
      [-2, -1],
      'its own share would be 1.5 → 2 again',
    );
    assert.equal(
      rows.reduce((s, i) => s + i.fee, 0),
      -(o.full.fee ?? 0),
    );
    assert.equal(
      rows.reduce((s, i) => s + i.amount, 0),
      -o.full.amount,
    );
    const old = refundRows(await bill(D, 'REFUND')).filter((i) => i.order_id === o.old.order_id);
    assert.deepEqual(
      old.map((i) => [i.amount, i.fee, i.settle_amount]),
      [[-2000, -12, -1988]],
    );
  });

  test('ALL holds the orders created that day and the refunds that succeeded that day; the failed refund is nowhere', async () => {
    const all = await bill(D, 'ALL');
    const payments = all.items.filter((i) => i.type === 'payment');
    assert.deepEqual(
      payments.map((i) => i.order_id).sort(),
      [o.full, o.part, o.declined, o.wx, o.open].map((x) => x.order_id).sort(),
    );
    const part = payments.find((i) => i.order_id === o.part.order_id);
    assert.deepEqual([part?.amount, part?.fee, part?.settle_amount], [10_000, 60, 9940], 'a payment row stays whole');
    assert.deepEqual(
      refundRows(all).map((i) => i.refund_id),
      [r.half, r.rest, r.part, r.old, r.wx].map((x) => x.refund_id),
    );
    for (const day of [D0, D])
      for (const type of ['ALL', 'REFUND'] as const) {
        const found = (await bill(day, type)).items.some((i) => i.refund_id === r.declined.refund_id);
        assert.equal(found, false, `the failed refund in ${type} of ${day}`);
      }
    assert.deepEqual(all.summary, {
      count: 5,
      amount: 16_500,
      fee: 99,
      settle_amount: 16_401,
      payments: { count: 4, amount: 16_500, fee: 99, settle_amount: 16_401 },
      refunds: REFUNDS_OF_D,
      net: { amount: 10_600, fee: 64, settle_amount: 10_536 },
    });
  });

  test('the CSV columns add up to its total rows: payments, refunds and net', async () => {
    const { csv } = await bill(D, 'ALL');
    const [header, ...rest] = parse(csv.toString('utf8'), { bom: true }) as string[][];
    const at = (name: string) => header.indexOf(name);
    const rows = rest.slice(0, -4);
    const totals = new Map(rest.slice(-4).map((t) => [t[0], t]));
    const add = (of: readonly string[][], col: string) => of.reduce((s, x) => s + Number(x[at(col)]), 0);
    const refunds = rows.filter((x) => x[at('type')] === 'refund');
    const paid = rows.filter((x) => x[at('type')] === 'payment' && x[at('status')] === 'paid');
    const sums: [string, string[][]][] = [
      ['total_payments', paid],
      ['total_refunds', refunds],
      ['total_net', [...paid, ...refunds]],
    ];
    for (const [label, of] of sums) {
      const t = totals.get(label);
      assert.deepEqual(
        ['amount', 'fee', 'settle_amount'].map((col) => Number(t?.[at(col)])),
        ['amount', 'fee', 'settle_amount'].map((col) => add(of, col)),
        label,
      );
    }
    assert.equal(totals.get('total_refunds')?.[at('status')], '5');
    assert.equal(totals.get('total_net')?.[at('status')], '', 'net has no count');
    assert.deepEqual(totals.get('total')?.slice(at('status'), at('settle_amount') + 1), ['5', '16500', '99', '16401']);
    assert.ok(refunds.every((x) => x[at('refund_id')].startsWith('ref_') && Number(x[at('amount')]) < 0));
  });

  test('paging one row at a time crosses payment and refund rows and gives the same bill', async () => {
    for (const type of ['ALL', 'REFUND'] as const) {
      const whole = await bill(D, type, 500);
      const paged = await bill(D, type, 1);
      assert.equal(paged.pages.length, whole.items.length, `${type}: one page a row`);
      assert.deepEqual(paged.items, whole.items, type);
    }
  });

  test("a channel filter keeps the refunds of that channel's orders", async () => {
    const alipay = m.channels.find((x) => x.provider === 'mock_alipay')?.channel_id;
    const filtered = await bill(D, 'ALL', 3, `&channel_id=${alipay}`);
    assert.ok(!filtered.items.some((i) => i.order_id === o.wx.order_id), 'neither the wechat order nor its refund');
    assert.equal(refundRows(filtered).length, 4);
    assert.deepEqual(filtered.summary.refunds, { count: 4, amount: -5500, fee: -33, settle_amount: -5467 });
  });

  test('SUCCESS stays payments only, and the day before keeps its payment row untouched', async () => {
    const success = await bill(D, 'SUCCESS');
    assert.ok(success.items.every((i: BillItem) => i.type === 'payment'));
    assert.deepEqual(success.summary.refunds, { count: 0, amount: 0, fee: 0, settle_amount: 0 });
    const before = await bill(D0, 'ALL');
    assert.deepEqual(
      before.items.map((i) => [i.type, i.order_id, i.amount, i.fee, i.refund_id]),
      [['payment', o.old.order_id, 2000, 12, null]],
      'fully refunded on D, yet its row on D0 is the payment as it was',
    );
  });
});

describe('a refund asked just before midnight', () => {
  test('succeeds after midnight, so it is a row of the next day; the REFUND bill is final 2 s after its day', async () => {
    await moveTo(shanghai(D1, '00:00:01') + 999);
    assert.equal((await bill(D, 'REFUND')).status, 'provisional', 'a second before D+1 00:00:02');
    await moveTo(shanghai(D1, '00:00:02'));
    // The bill's read settles the refund (nothing has read it since it was asked), dated when it came due.
    const refunds = await bill(D, 'REFUND');
    assert.equal(refunds.status, 'final');
    assert.ok(!refunds.items.some((i) => i.refund_id === r.late.refund_id));
    const next = await bill(D1, 'REFUND');
    assert.equal(next.status, 'provisional');
    assert.deepEqual(
      next.items.map((i) => [i.refund_id, i.amount, i.refunded_at]),
      [[r.late.refund_id, -1000, '2026-11-11T00:00:01+08:00']],
    );
    assert.equal((await getRefund(r.late.refund_id)).succeeded_at, '2026-11-11T00:00:01+08:00');
    const failed = (await bill(D1, 'ALL')).items.some((i) => i.refund_id === r.declined.refund_id);
    assert.equal(failed, false, 'the failed refund is not a row of the next day either');
    assert.equal((await bill(D, 'ALL')).status, 'provisional', 'ALL still waits for the orders of D');

    // Later refunds of D's orders land on later days: D's final REFUND bill never changes.
    await settledRefund(o.part.order_id, 500);
    assert.deepEqual((await bill(D, 'REFUND')).pages, refunds.pages);
    assert.ok((await bill(D, 'REFUND')).csv.equals(refunds.csv));
  });
});
