/**
 * Each event is delivered once while both instances run their dispatchers (scale-out.md:
 * "with several instances each event is attempted once per retry slot"). The receiver checks
 * every signature with its own HMAC and tells which instance sent each request, so the tests
 * also show that both instances did deliver: exactly-once is no proof if one instance did it all.
 */
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { paidOrder, startCluster, sleep, until, type Cluster, type Merchant } from './support/cluster.ts';
import { startSignedReceiver, type Answer, type Delivery, type SignedReceiver } from './support/receiver.ts';

/** A short schedule: three retries a second apart. */
const SCHEDULE = [1, 1, 1];

let cluster: Cluster;
let m: Merchant;
let rx: SignedReceiver;
/** What the receiver answers; each test sets its own. */
let answer: (d: Delivery, attempt: number) => Answer = () => ({ status: 200 });

before(async () => {
  cluster = await startCluster({ env: { SANDBOX_WEBHOOK_RETRY_SCHEDULE: SCHEDULE.join(',') } });
  m = await cluster.client.newMerchant();
  rx = await startSignedReceiver({
    secrets: () => [m.webhook_secret],
    senders: () => new Map(cluster.instances.map((i) => [i.name, i.pid ?? -1])),
    answer: (d, n) => answer(d, n),
  });
});
after(async () => {
  await rx?.close();
  await cluster?.stop();
});

/** `n` orders created and paid through nginx (round robin: half on each instance), notifying the receiver. */
async function paidOrders(n: number): Promise<string[]> {
  return Promise.all(
    Array.from({ length: n }, (_, i) => paidOrder(cluster.client, m, `wh-${i}`, { notify_url: rx.url })),
  );
}

/** The receiver's requests for `orders`, by order. */
function byOrder(orders: string[]): Map<string, Delivery[]> {
  return new Map(orders.map((o) => [o, rx.log.filter((d) => d.orderId === o)]));
}

const senders = (ds: Delivery[]) => ({
  A: ds.filter((d) => d.from === 'A').length,
  B: ds.filter((d) => d.from === 'B').length,
  unknown: ds.filter((d) => d.from === undefined).length,
});

test('every payment.paid event of 40 orders reaches the receiver exactly once, signed, from both dispatchers', async () => {
  answer = () => ({ status: 200 });
  const orders = await paidOrders(40);
  await until(() => [...byOrder(orders).values()].every((ds) => ds.length >= 1), 10_000, 'every event delivered');
  // Longer than both dispatchers' poll (500 ms): a second delivery would have come by now.
  await sleep(1500);
  const deliveries = [...byOrder(orders).values()];
  for (const ds of deliveries) {
    assert.equal(ds.length, 1, `one request per event: ${JSON.stringify(ds)}`);
    assert.equal(ds[0].type, 'payment.paid');
    assert.deepEqual(ds[0].signedWith, [m.webhook_secret], 'a valid JuYiFu-Signature');
  }
  const all = deliveries.flat();
  const from = senders(all);
  assert.ok(from.A > 0 && from.B > 0, `both instances delivered: ${JSON.stringify(from)}`);
  assert.equal(new Set(all.map((d) => d.eventId)).size, 40);
  console.log(`exactly once: 40 events, 40 requests; sent by A ${from.A}, by B ${from.B}`);
});

test('a failing receiver: each event is attempted once per retry slot, no duplicates, in its log and in delivery.attempts', async () => {
  // Refused until the last slot: every event uses all 1 + 3 attempts, the last delivered.
  const attemptsPerEvent = 1 + SCHEDULE.length;
  answer = (_, n) => ({ status: n < attemptsPerEvent ? 500 : 200 });
  const orders = await paidOrders(10);
  await until(
    () => [...byOrder(orders).values()].every((ds) => ds.some((d) => d.answered === 200)),
    20_000,
    'every event delivered at its last attempt',
  );
  await sleep(1500);
  const all: Delivery[] = [];
  for (const [orderId, ds] of byOrder(orders)) {
    all.push(...ds);
    assert.deepEqual(
      ds.map((d) => d.answered),
      [500, 500, 500, 200],
      `order ${orderId}: one request per slot, ${ds.length} in all`,
    );
    assert.ok(ds.every((d) => d.signedWith[0] === m.webhook_secret));
    // Each retry comes its slot after the previous attempt was recorded, never sooner.
    for (let i = 1; i < ds.length; i++) {
      const gap = ds[i].at - ds[i - 1].at;
      assert.ok(gap >= SCHEDULE[i - 1] * 1000 - 10, `retry ${i} came ${gap} ms after the attempt before`);
    }
    const events = await cluster.client.get<'listEvents'>(`/v1/events?order_id=${orderId}`, { token: m.token });
    const [event] = events.body.data.items;
    assert.equal(event.delivery.status, 'delivered');
    assert.deepEqual(
      event.delivery.attempts.map((a) => [a.outcome, a.http_status]),
      [
        ['http_error', 500],
        ['http_error', 500],
        ['http_error', 500],
        ['delivered', 200],
      ],
    );
  }
  const from = senders(all);
  assert.ok(from.A > 0 && from.B > 0, `both instances made attempts: ${JSON.stringify(from)}`);
  console.log(
    `retry slots: 10 events × ${attemptsPerEvent} attempts = ${all.length} requests; made by A ${from.A}, by B ${from.B}`,
  );
});
