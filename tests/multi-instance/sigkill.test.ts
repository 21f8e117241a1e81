/**
 * SIGKILL of one instance mid-load (scale-out.md: "loses no acknowledged order and its pending
 * webhooks are delivered by the other"). Clients create and pay orders through nginx and retry
 * with their Idempotency-Keys; the receiver holds every first attempt for a while and then
 * refuses it, so instance A always has deliveries under way (claimed, leased to it) and others
 * waiting for a retry when it is killed. Instance B must deliver all of them: the waiting ones at
 * their retry, the claimed ones once A's lease (SANDBOX_WEBHOOK_TIMEOUT_MS + 5 s) has run out.
 */
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { startCluster, sleep, until, type Cluster, type Merchant } from './support/cluster.ts';
import { checkOrders, startLoad } from './support/load.ts';
import { startSignedReceiver, type SignedReceiver } from './support/receiver.ts';

const TIMEOUT_MS = 1000;
/** How long a claim lasts: the dispatcher's lease (services/webhooks.ts). */
const LEASE_MS = TIMEOUT_MS + 5000;

let cluster: Cluster;
let m: Merchant;
let rx: SignedReceiver;

before(async () => {
  cluster = await startCluster({
    env: {
      SANDBOX_WEBHOOK_TIMEOUT_MS: String(TIMEOUT_MS),
      // Retries enough to outlast the lease: no event runs out of them while A's claims lapse.
      SANDBOX_WEBHOOK_RETRY_SCHEDULE: '1,1,1,1,1,1,1,1,1,1',
    },
  });
  m = await cluster.client.newMerchant();
  rx = await startSignedReceiver({
    secrets: () => [m.webhook_secret],
    senders: () => new Map(cluster.instances.map((i) => [i.name, i.pid ?? -1])),
    // The first attempt is held 300 ms (under the 1 s timeout), then refused; later ones succeed.
    answer: (_, n) => (n === 1 ? { status: 500, delayMs: 300 } : { status: 200 }),
  });
});
after(async () => {
  await rx?.close();
  await cluster?.stop();
});

test('SIGKILL of one instance mid-load loses no acknowledged order; the other delivers its pending webhooks', async () => {
  // Paced so that B alone (8 deliveries at a time, each first one held 300 ms) keeps up: the
  // claimed events then come due at the end of A's lease, not behind a backlog.
  const load = startLoad({ url: cluster.url, m, clients: 6, pay: true, notifyUrl: rx.url, pauseMs: 100 });
  // Kill A while it is in the middle of deliveries: a request of A's held by the receiver.
  await sleep(1000);
  await until(() => rx.log.some((d) => d.from === 'A' && d.answered === null), 10_000, 'A delivering');
  const killedAt = Date.now();
  await cluster.a.kill('SIGKILL');
  await sleep(1500);
  const report = await load.stop();

  const { acknowledged, lost, doubled } = await checkOrders(cluster, m, report.orders);
  assert.equal(lost, 0, 'no acknowledged order lost');
  assert.equal(doubled, 0, 'no key made two orders');
  assert.deepEqual(report.unexpected, []);
  const acknowledgedPaid = report.orders.filter((o) => o.paid);
  assert.ok(acknowledgedPaid.length >= 10, `enough load: ${acknowledgedPaid.length} paid orders`);

  // Every paid order's event reaches the receiver, accepted, once the leases have run out.
  const paidIds = acknowledgedPaid.map((o) => [...o.acknowledged][0]);
  const accepted = (orderId: string) => rx.log.filter((d) => d.orderId === orderId && d.answered === 200);
  await until(
    () => paidIds.every((id) => accepted(id).length > 0),
    LEASE_MS + 15_000,
    () => `every payment.paid accepted (${paidIds.filter((id) => accepted(id).length === 0).length} missing)`,
    100,
  );
  const undelivered = await cluster.sql<{ order_id: string; status: string }>(
    "SELECT order_id, status FROM events WHERE merchant_id = $1 AND status <> 'delivered'",
    [m.source_id],
  );
  assert.deepEqual(undelivered, [], 'every event of the merchant is delivered, paid orders whose answer was lost too');
  await sleep(1500);
  // Accepted once; twice only when A was answered and died before it could record the attempt
  // (at-least-once delivery, which is why receivers must be idempotent on the event id).
  let redelivered = 0;
  for (const id of paidIds) {
    const ok = accepted(id);
    if (ok.length === 1) continue;
    redelivered++;
    assert.equal(ok.length, 2, `payment.paid of ${id} accepted ${ok.length} times`);
    assert.deepEqual([ok[0].from, ok[1].from], ['A', 'B'], `payment.paid of ${id} accepted twice`);
    assert.ok(ok[0].at >= killedAt - 1000, 'A was answered just before it was killed');
  }
  assert.ok(rx.log.every((d) => d.signedWith[0] === m.webhook_secret));

  // The deliveries A was making when it died: cut off mid-request, then made again by B.
  const cut = rx.log.filter((d) => d.cut && d.from === 'A');
  assert.ok(cut.length > 0, 'A died with deliveries under way');
  const takenOver = cut.map((d) => rx.log.find((x) => x.eventId === d.eventId && x.answered === 200)!);
  assert.ok(
    takenOver.every((d) => d.from === 'B'),
    'B delivered every event A had claimed',
  );
  const claimWait = takenOver.map((d) => d.at - killedAt);
  // Events A had tried and not delivered (refused, waiting for a retry, or cut off): B's now.
  const triedByA = new Set(rx.log.filter((d) => d.from === 'A').map((d) => d.eventId));
  const deliveredByA = new Set(rx.log.filter((d) => d.from === 'A' && d.answered === 200).map((d) => d.eventId));
  const leftByA = [...triedByA].filter((e) => !deliveredByA.has(e));
  assert.ok(
    leftByA.every((e) => rx.log.some((d) => d.eventId === e && d.from === 'B' && d.answered === 200)),
    'every event A left undelivered was delivered by B',
  );
  console.log(
    `SIGKILL: ${report.orders.length} orders tried, ${acknowledged} acknowledged, ${acknowledgedPaid.length} paid; lost ${lost}, doubled ${doubled}; ` +
      `answers ${JSON.stringify(Object.fromEntries(report.seen))}; ` +
      `A left ${leftByA.length} events undelivered, ${cut.length} of them claimed mid-delivery, all delivered by B ` +
      `(the claimed ones ${Math.min(...claimWait)}–${Math.max(...claimWait)} ms after the kill; lease ${LEASE_MS} ms); ` +
      `accepted twice (A killed between the answer and its record): ${redelivered}`,
  );
});
