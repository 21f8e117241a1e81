/**
 * Races across instances (scale-out.md, "Proved here"): twenty creates with one Idempotency-Key
 * split over both instances make one order, and twenty refunds split over both never take more
 * than the order was paid. Each instance holds nothing the other lacks, so only the database's
 * locks and unique keys can make these hold.
 */
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { test } from 'node:test';
import { clusterForFile, paidOrder, until } from './support/cluster.ts';

const file = clusterForFile();

test('20 concurrent creates with one Idempotency-Key, split across both instances, make one order', async () => {
  const { cluster, m } = file;
  for (let round = 0; round < 3; round++) {
    const key = randomUUID();
    const body = { product_id: `idem-${round}`, product_name: '跨实例幂等', amount: 1000 };
    const replies = await Promise.all(
      Array.from({ length: 20 }, (_, i) =>
        cluster.instances[i % 2].client.post<'createPayment'>('/v1/payments/create', {
          token: m.token,
          json: body,
          headers: { 'idempotency-key': key },
        }),
      ),
    );
    assert.deepEqual(
      replies.map((r) => [r.status, r.body.code]),
      replies.map(() => [200, '0000']),
      replies.map((r) => r.text).join('\n'),
    );
    const ids = new Set(replies.map((r) => r.body.data.order_id));
    assert.equal(ids.size, 1, `one order id, got ${[...ids]}`);
    const fresh = replies.filter((r) => r.headers.get('idempotent-replayed') !== 'true');
    assert.equal(fresh.length, 1, 'one answer made the order, the 19 others replay it');
    const [orderId] = ids;
    const rows = await cluster.sql<{ n: number }>(
      'SELECT count(*)::int AS n FROM payments WHERE merchant_id = $1 AND product_id = $2',
      [m.source_id, body.product_id],
    );
    assert.equal(rows[0].n, 1, 'one row in payments');
    const keys = await cluster.sql<{ order_id: string }>(
      'SELECT order_id FROM idempotency WHERE merchant_id = $1 AND key = $2',
      [m.source_id, key],
    );
    assert.deepEqual(
      keys.map((k) => k.order_id),
      [orderId],
    );
    const got = await cluster.client.get<'getPayment'>(`/v1/payments/${orderId}`, { token: m.token });
    assert.equal(got.status, 200);
    const madeBy = replies.indexOf(fresh[0]) % 2 === 0 ? 'A' : 'B';
    console.log(`idempotency race ${round + 1}: 20 answers 0000 with ${orderId}, made on ${madeBy}, 19 replays, 1 row`);
  }
});

test('20 refunds of 100 fen raced across instances on a paid 1,000-fen order: 10 taken, 10 refund_exceeds_paid', async () => {
  const { cluster, m } = file;
  for (let round = 0; round < 2; round++) {
    const orderId = await paidOrder(cluster.client, m, `refund-${round}`);

    const replies = await Promise.all(
      Array.from({ length: 20 }, (_, i) =>
        cluster.instances[i % 2].client.post<'createRefund'>(`/v1/payments/${orderId}/refunds`, {
          token: m.token,
          json: { amount: 100, out_refund_no: `R${round}-${i}-${Date.now()}` },
        }),
      ),
    );
    const taken = replies.filter((r) => r.status === 200);
    const refused = replies.filter((r) => r.status === 400);
    assert.equal(taken.length, 10, replies.map((r) => `${r.status} ${r.body.sub_code ?? ''}`).join(', '));
    assert.equal(refused.length, 10);
    assert.ok(
      refused.every((r) => r.body.sub_code === 'refund_exceeds_paid'),
      refused.map((r) => r.body.sub_code).join(),
    );
    const byInstance = [0, 1].map((k) => replies.filter((r, i) => i % 2 === k && r.status === 200).length);

    // The refunds succeed about 2 s after they were asked for, settled by whichever instance
    // sweeps; at no read may the order show more refunded than it was paid.
    let refunded = 0;
    const reads: number[] = [];
    await until(
      async () => {
        const p = await cluster.client.get<'getPayment'>(`/v1/payments/${orderId}`, { token: m.token });
        refunded = p.body.data.amount_refunded;
        reads.push(refunded);
        assert.ok(refunded <= 1000, `amount_refunded ${refunded} exceeds the 1,000 paid`);
        return refunded === 1000;
      },
      10_000,
      `all ten refunds settled (amount_refunded ${refunded})`,
      200,
    );
    const sum = await cluster.sql<{ n: number }>(
      "SELECT coalesce(sum(amount), 0)::int AS n FROM refunds WHERE order_id = $1 AND status = 'succeeded'",
      [orderId],
    );
    assert.equal(sum[0].n, 1000);
    const list = await cluster.client.get<'listPaymentRefunds'>(`/v1/payments/${orderId}/refunds`, {
      token: m.token,
    });
    assert.equal(list.body.data.items.length, 10);
    console.log(
      `refund race ${round + 1}: taken on A ${byInstance[0]}, on B ${byInstance[1]}; amount_refunded read as ${reads.join(' → ')}`,
    );
  }
});
