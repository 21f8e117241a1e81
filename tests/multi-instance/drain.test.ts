/**
 * SIGTERM drains one instance (scale-out.md, "Deploying": drain on SIGTERM): the requests it is
 * serving finish, new ones are answered 503 draining (nginx passes a GET so answered on to the
 * other instance; a POST it never sends twice, and the client retries it with its key), then
 * the process exits 0. Clients through nginx see successes and, for a POST, at most that
 * retryable 503; nothing is lost or made twice.
 */
import assert from 'node:assert/strict';
import { request } from 'node:http';
import { test } from 'node:test';
import { clusterForFile, paidOrder, send, sleep, type Merchant } from './support/cluster.ts';
import { checkOrders, startLoad } from './support/load.ts';

const file = clusterForFile();

/**
 * A create on `port` whose body is held back: the instance has the request (it is in flight
 * from its headers on) but cannot answer it until finish() sends the rest.
 */
function slowCreate(port: number, m: Merchant) {
  const body = JSON.stringify({ product_id: 'slow', product_name: '排空', amount: 1000 });
  const req = request({
    host: '127.0.0.1',
    port,
    method: 'POST',
    path: '/v1/payments/create',
    headers: {
      authorization: `Bearer ${m.token}`,
      'content-type': 'application/json',
      'content-length': Buffer.byteLength(body),
    },
  });
  const answer = new Promise<{ status: number; text: string }>((resolve, reject) => {
    req.on('response', (res) => {
      let text = '';
      res.setEncoding('utf8');
      res.on('data', (d) => (text += d));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, text }));
    });
    req.on('error', reject);
  });
  req.write(body.slice(0, 10));
  return {
    finish: () => {
      req.end(body.slice(10));
      return answer;
    },
  };
}

test('SIGTERM: the instance finishes its in-flight requests, nginx sends new ones to the other, nothing is lost', async () => {
  const { cluster, m } = file;
  const known = await paidOrder(cluster.client, m, 'drain-read');
  const load = startLoad({ url: cluster.url, m, clients: 4, pay: true, pauseMs: 20 });
  // Readers through nginx: a GET answered 503 draining by A goes on to B, so they see 200 only.
  const reads = new Map<string, number>();
  let reading = true;
  const readers = Array.from({ length: 2 }, async () => {
    while (reading) {
      const o = await send(cluster.url, 'GET', `/v1/payments/${known}`, { token: m.token });
      const l = o.kind === 'answer' ? `${o.status} ${o.body.sub_code ?? ''}`.trim() : o.kind;
      reads.set(l, (reads.get(l) ?? 0) + 1);
      await sleep(10);
    }
  });
  await sleep(700);

  const slow = slowCreate(cluster.a.port, m);
  await sleep(200);
  const exited = cluster.a.kill('SIGTERM');
  await sleep(300);
  const meanwhile = await send(cluster.a.url, 'GET', '/v1/health');
  assert.ok(meanwhile.kind === 'answer' && meanwhile.status === 503, 'A answers new requests 503 while it drains');
  assert.equal(meanwhile.body.sub_code, 'draining');
  assert.ok(cluster.a.running, 'A waits for the request it is serving');
  const finished = await slow.finish();
  assert.equal(finished.status, 200, `the in-flight request finished: ${finished.text}`);
  const slowOrder = JSON.parse(finished.text).data.order_id as string;
  assert.equal(await exited, 0, 'A exits 0 once drained');

  await sleep(1000);
  reading = false;
  await Promise.all(readers);
  const report = await load.stop();

  assert.deepEqual(Object.fromEntries([...reads].filter(([l]) => l !== '200')), {}, 'readers saw only 200');
  const kinds = [...report.seen.keys()].filter((k) => k !== '200' && k !== '503 draining');
  assert.deepEqual(
    kinds,
    [],
    `writers saw only 200 and the retryable 503 draining: ${JSON.stringify(Object.fromEntries(report.seen))}`,
  );
  assert.deepEqual(report.unexpected, []);
  const { acknowledged, lost, doubled } = await checkOrders(cluster, m, [
    ...report.orders,
    { key: 'slow', acknowledged: new Set([slowOrder]), paid: false },
  ]);
  assert.deepEqual([lost, doubled], [0, 0]);
  console.log(
    `SIGTERM drain: ${acknowledged} orders acknowledged, lost ${lost}, doubled ${doubled}; writers saw ${JSON.stringify(Object.fromEntries(report.seen))}, readers ${JSON.stringify(Object.fromEntries(reads))}`,
  );
});
