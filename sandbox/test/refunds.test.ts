/**
 * Refunds over real HTTP, with an injected clock: full and partial refunds settling about 2 s
 * later, the ceiling under a 20-way race, out_refund_no and Idempotency-Key as the merchant's
 * retry tools, magic refund failures, the fee returned in proportion with the remainder on the
 * completing refund, signed refund events checked by independent HMAC code, and isolation.
 */
import assert from 'node:assert/strict';
import { createHmac } from 'node:crypto';
import { after, before, describe, test } from 'node:test';
import { startReceiver } from './support/receiver.ts';
import { manualClock, startSandbox, type Client, type RunningSandbox } from './support/sandbox.ts';

const clock = manualClock();
let sb: RunningSandbox;
let m: Awaited<ReturnType<Client['newMerchant']>>;
const c = () => sb.client;

before(async () => {
  sb = await startSandbox({ now: clock.now, config: { webhookAllowPrivate: true }, webhookPollMs: 20 });
  m = await c().newMerchant();
});
after(() => sb.close());

async function paidOrder(amount = 1000, extra: Record<string, unknown> = {}, token = m.token) {
  const created = await c().post<'createPayment'>('/v1/payments/create', {
    token,
    json: { product_id: 'r', product_name: '退款', amount, ...extra },
  });
  assert.equal(created.status, 200, created.text);
  const paid = await c().post<'simulatePayment'>(`/v1/sandbox/payments/${created.body.data.order_id}/simulate`, {
    token,
    json: { result: 'paid' },
  });
  assert.equal(paid.body.data.status, 'paid');
  return paid.body.data;
}

let numbers = 0;
const refundNo = () => `R${Date.now()}${++numbers}`;

function refund(orderId: string, body: Record<string, unknown>, opts: { token?: string; key?: string } = {}) {
  return c().post<'createRefund'>(`/v1/payments/${orderId}/refunds`, {
    token: opts.token ?? m.token,
    json: body,
    headers: opts.key ? { 'idempotency-key': opts.key } : {},
  });
}

const getPayment = async (orderId: string) =>
  (await c().get<'getPayment'>(`/v1/payments/${orderId}`, { token: m.token })).body.data;
const getRefund = (refundId: string, token = m.token) => c().get<'getRefund'>(`/v1/refunds/${refundId}`, { token });

describe('refund lifecycle', () => {
  test('a partial then a completing refund: pending, succeeded about 2 s later, the order stays paid', async () => {
    const p = await paidOrder(1000);
    const first = await refund(p.order_id, { amount: 400, out_refund_no: refundNo(), reason: '退一部分' });
    assert.equal(first.status, 200, first.text);
    const r1 = first.body.data;
    assert.match(r1.refund_id, /^ref_/);
    assert.equal(r1.status, 'pending');
    assert.equal(r1.reason, '退一部分');
    assert.equal(r1.succeeded_at, null);
    assert.equal((await getPayment(p.order_id)).amount_refunded, 0, 'nothing refunded while pending');

    clock.advance(1999);
    assert.equal((await getRefund(r1.refund_id)).body.data.status, 'pending', '1 ms before 2 s');
    clock.advance(1);
    const done = (await getRefund(r1.refund_id)).body.data;
    assert.equal(done.status, 'succeeded');
    assert.equal(Date.parse(done.succeeded_at!) - Date.parse(done.created_at), 2000);
    const partly = await getPayment(p.order_id);
    assert.deepEqual([partly.status, partly.amount_refunded, partly.refunded], ['paid', 400, false]);

    const rest = (await refund(p.order_id, { amount: 600, out_refund_no: refundNo() })).body.data;
    clock.advance(2000);
    assert.equal((await getRefund(rest.refund_id)).body.data.status, 'succeeded');
    const full = await getPayment(p.order_id);
    assert.deepEqual([full.status, full.amount_refunded, full.refunded], ['paid', 1000, true]);
    const more = await refund(p.order_id, { amount: 1, out_refund_no: refundNo() });
    assert.equal(more.status, 400);
    assert.equal(more.body.sub_code, 'refund_exceeds_paid');

    const list = await c().get<'listPaymentRefunds'>(`/v1/payments/${p.order_id}/refunds`, { token: m.token });
    assert.deepEqual(
      list.body.data.items.map((r) => [r.refund_id, r.amount, r.status]),
      [
        [r1.refund_id, 400, 'succeeded'],
        [rest.refund_id, 600, 'succeeded'],
      ],
    );
    const byNumber = await c().get<'queryRefund'>(`/v1/refunds?out_refund_no=${r1.out_refund_no}`, { token: m.token });
    assert.equal(byNumber.body.data.refund_id, r1.refund_id);
  });

  test('only paid orders: created, closed and failed orders are 400 order_not_paid', async () => {
    const open = (
      await c().post<'createPayment'>('/v1/payments/create', {
        token: m.token,
        json: { product_id: 'r', product_name: 'x', amount: 1000 },
      })
    ).body.data;
    const notPaid = await refund(open.order_id, { amount: 100, out_refund_no: refundNo() });
    assert.equal(notPaid.status, 400);
    assert.equal(notPaid.body.sub_code, 'order_not_paid');
    await c().post(`/v1/payments/${open.order_id}/close`, { token: m.token });
    const closed = await refund(open.order_id, { amount: 100, out_refund_no: refundNo() });
    assert.equal(closed.body.sub_code, 'order_not_paid');
    assert.match(closed.body.message, /closed/);
  });

  test('simulate forces a pending refund now; a settled one is 400 refund_not_pending', async () => {
    const p = await paidOrder(1000);
    const r = (await refund(p.order_id, { amount: 100, out_refund_no: refundNo() })).body.data;
    const path = `/v1/sandbox/refunds/${r.refund_id}/simulate`;
    const failed = await c().post<'simulateRefund'>(path, {
      token: m.token,
      json: { result: 'failed', failure_code: 'bank_rejected' },
    });
    assert.deepEqual([failed.body.data.status, failed.body.data.failure_code], ['failed', 'bank_rejected']);
    const again = await c().post(path, { token: m.token, json: { result: 'succeeded' } });
    assert.equal(again.status, 400);
    assert.equal(again.body.sub_code, 'refund_not_pending');
    assert.equal((await getPayment(p.order_id)).amount_refunded, 0);
  });

  test('magic refund amounts fail about 2 s later, and the amount can be refunded again', async () => {
    const p = await paidOrder(10_000);
    const r = (await refund(p.order_id, { amount: 4101, out_refund_no: refundNo() })).body.data;
    clock.advance(2000);
    const failed = (await getRefund(r.refund_id)).body.data;
    assert.deepEqual([failed.status, failed.failure_code], ['failed', 'refund_declined']);
    const r2 = (await refund(p.order_id, { amount: 4102, out_refund_no: refundNo() })).body.data;
    clock.advance(2000);
    assert.equal((await getRefund(r2.refund_id)).body.data.failure_code, 'insufficient_merchant_balance');
    const whole = await refund(p.order_id, { amount: 10_000, out_refund_no: refundNo() });
    assert.equal(whole.status, 200, 'failed refunds do not count against the order');
  });
});

describe('what the refund pages promise besides', () => {
  test('a failed order is order_not_paid; refund_exceeds_paid names what is left; the list keeps failed refunds', async () => {
    const created = await c().post<'createPayment'>('/v1/payments/create', {
      token: m.token,
      json: { product_id: 'r', product_name: 'x', amount: 1000 },
    });
    const orderId = created.body.data.order_id;
    await c().post(`/v1/sandbox/payments/${orderId}/simulate`, { token: m.token, json: { result: 'failed' } });
    const failedOrder = await refund(orderId, { amount: 100, out_refund_no: refundNo() });
    assert.equal(failedOrder.body.sub_code, 'order_not_paid');
    assert.match(failedOrder.body.message, /failed/);

    const p = await paidOrder(1000);
    const declined = (await refund(p.order_id, { amount: 700, out_refund_no: refundNo() })).body.data;
    await c().post(`/v1/sandbox/refunds/${declined.refund_id}/simulate`, {
      token: m.token,
      json: { result: 'failed' },
    });
    const kept = (await refund(p.order_id, { amount: 700, out_refund_no: refundNo() })).body.data;
    const over = await refund(p.order_id, { amount: 301, out_refund_no: refundNo() });
    assert.equal(over.body.sub_code, 'refund_exceeds_paid');
    assert.match(over.body.message, /\b300\b/, 'the message gives the 300 fen left');
    const list = await c().get<'listPaymentRefunds'>(`/v1/payments/${p.order_id}/refunds`, { token: m.token });
    assert.deepEqual(
      list.body.data.items.map((r) => [r.refund_id, r.status]),
      [
        [declined.refund_id, 'failed'],
        [kept.refund_id, 'pending'],
      ],
    );
  });

  test('a refund without a notify_url sends its event to the order’s notify_url', async () => {
    const rx = await startReceiver();
    try {
      const p = await paidOrder(1000, { notify_url: rx.url });
      await rx.waitFor(1); // payment.paid
      const r = (await refund(p.order_id, { amount: 100, out_refund_no: refundNo() })).body.data;
      clock.advance(2000);
      await getRefund(r.refund_id);
      await rx.waitFor(2);
      const event = JSON.parse(rx.received[1].body);
      assert.deepEqual([event.type, event.data.refund.refund_id], ['refund.succeeded', r.refund_id]);
    } finally {
      await rx.close();
    }
  });
});

describe('the ceiling and the merchant’s retry tools', () => {
  test('20 concurrent refunds of 1/10 of the amount: exactly 10 are taken, the rest refund_exceeds_paid', async () => {
    for (let round = 0; round < 3; round++) {
      const p = await paidOrder(1000);
      const replies = await Promise.all(
        Array.from({ length: 20 }, () => refund(p.order_id, { amount: 100, out_refund_no: refundNo() })),
      );
      const taken = replies.filter((r) => r.status === 200);
      const refused = replies.filter((r) => r.status === 400);
      assert.equal(taken.length, 10, replies.map((r) => r.status).join());
      const fees = taken.map((r) => r.body.data.fee_refunded);
      assert.equal(
        fees.reduce((a, b) => a + b, 0),
        p.fee,
        `the ten refunds return exactly the order's fee (${fees})`,
      );
      assert.equal(refused.length, 10);
      assert.ok(refused.every((r) => r.body.sub_code === 'refund_exceeds_paid'));
      clock.advance(2000);
      const list = await c().get<'listPaymentRefunds'>(`/v1/payments/${p.order_id}/refunds`, { token: m.token });
      assert.equal(
        list.body.data.items.reduce((s, r) => s + r.amount, 0),
        1000,
      );
      const after = await getPayment(p.order_id);
      assert.deepEqual([after.amount_refunded, after.refunded], [1000, true]);
    }
  });

  test('the same out_refund_no and amount is the same refund; another amount or order is 409', async () => {
    const p = await paidOrder(1000);
    const no = refundNo();
    const first = await refund(p.order_id, { amount: 300, out_refund_no: no });
    const again = await refund(p.order_id, { amount: 300, out_refund_no: no });
    assert.equal(again.status, 200);
    assert.equal(again.body.data.refund_id, first.body.data.refund_id);
    const list = await c().get<'listPaymentRefunds'>(`/v1/payments/${p.order_id}/refunds`, { token: m.token });
    assert.equal(list.body.data.items.length, 1, 'one refund, not two');
    const otherAmount = await refund(p.order_id, { amount: 301, out_refund_no: no });
    assert.equal(otherAmount.status, 409);
    assert.equal(otherAmount.body.sub_code, 'out_refund_no_conflict');
    const otherOrder = await refund((await paidOrder(1000)).order_id, { amount: 300, out_refund_no: no });
    assert.equal(otherOrder.body.sub_code, 'out_refund_no_conflict');
  });

  test('an Idempotency-Key replays the first answer byte for byte; another body under it is 409', async () => {
    const p = await paidOrder(1000);
    const key = `refund-${Date.now()}`;
    const body = { amount: 200, out_refund_no: refundNo() };
    const first = await refund(p.order_id, body, { key });
    clock.advance(2000); // the refund has succeeded since
    const replay = await refund(p.order_id, body, { key });
    assert.equal(replay.headers.get('idempotent-replayed'), 'true');
    assert.deepEqual(replay.raw, first.raw);
    const conflict = await refund(p.order_id, { ...body, amount: 201 }, { key });
    assert.equal(conflict.status, 409);
    assert.equal(conflict.body.sub_code, 'idempotency_conflict');
  });
});

describe('fees', () => {
  test('each refund returns the fee in proportion, half up; the completing one returns what is left', async () => {
    // 999 fen at 60 bps (the seeded Alipay channel): fee 6 (5.994 half up).
    const p = await paidOrder(999, { pay_way: 'alipay_app' });
    assert.equal(p.fee, 6);
    const fees: number[] = [];
    for (const amount of [1, 499, 1, 498]) {
      const r = await refund(p.order_id, { amount, out_refund_no: refundNo() });
      fees.push(r.body.data.fee_refunded);
    }
    // 6×1/999 → 0; 6×499/999 = 2.997 → 3; 6×1/999 → 0; the last completes: 6 − 3 = 3.
    assert.deepEqual(fees, [0, 3, 0, 3]);
    assert.equal(
      fees.reduce((a, b) => a + b, 0),
      6,
      'a fully refunded order returns exactly its fee',
    );
  });
});

describe('events and isolation', () => {
  test('refund.succeeded is signed, carries the refund and the order, and goes to the refund’s notify_url', async () => {
    const rx = await startReceiver();
    try {
      const p = await paidOrder(10_000);
      const r = (await refund(p.order_id, { amount: 250, out_refund_no: refundNo(), notify_url: rx.url })).body.data;
      clock.advance(2000);
      await getRefund(r.refund_id);
      await rx.waitFor(1);
      const hit = rx.received[0];
      const header = String(hit.headers['juyifu-signature']);
      const [, t, v1] = /^t=(\d+),v1=([0-9a-f]{64})$/.exec(header)!;
      assert.equal(createHmac('sha256', m.webhook_secret).update(`${t}.${hit.body}`).digest('hex'), v1);
      const event = JSON.parse(hit.body);
      assert.equal(event.type, 'refund.succeeded');
      assert.equal(event.data.refund.refund_id, r.refund_id);
      assert.equal(event.data.refund.status, 'succeeded');
      assert.equal(event.data.payment.order_id, p.order_id);
      assert.equal(event.data.payment.amount_refunded, 250);
      const failed = (await refund(p.order_id, { amount: 4101, out_refund_no: refundNo(), notify_url: rx.url })).body
        .data;
      await c().post(`/v1/sandbox/refunds/${failed.refund_id}/simulate`, {
        token: m.token,
        json: { result: 'failed' },
      });
      await rx.waitFor(2);
      assert.equal(JSON.parse(rx.received[1].body).type, 'refund.failed');
    } finally {
      await rx.close();
    }
  });

  test("another merchant's orders and refunds are 404 everywhere; refunds need refunds:write", async () => {
    const other = await c().newMerchant();
    const p = await paidOrder(1000);
    const r = (await refund(p.order_id, { amount: 100, out_refund_no: refundNo() })).body.data;
    const theirs = { token: other.token };
    for (const res of [
      await getRefund(r.refund_id, other.token),
      await c().get(`/v1/refunds?out_refund_no=${r.out_refund_no}`, theirs),
      await c().get(`/v1/payments/${p.order_id}/refunds`, theirs),
      await c().post(`/v1/sandbox/refunds/${r.refund_id}/simulate`, { ...theirs, json: { result: 'failed' } }),
      await refund(p.order_id, { amount: 100, out_refund_no: refundNo() }, { token: other.token }),
    ]) {
      assert.equal(res.status, 404, res.text);
      assert.equal(res.body.sub_code, 'resource_not_found');
    }
    assert.equal((await getRefund(r.refund_id)).body.data.status, 'pending', 'untouched by the other merchant');
    const narrow = await c().post<'getToken'>('/v1/oauth/token', {
      form: { grant_type: 'client_credentials', app_id: m.app_id, app_secret: m.app_secret, scope: 'refunds:read' },
    });
    const denied = await refund(
      p.order_id,
      { amount: 1, out_refund_no: refundNo() },
      { token: narrow.body.data.access_token },
    );
    assert.equal(denied.body.sub_code, 'insufficient_scope');
    assert.equal(denied.status, 403);
  });
});
