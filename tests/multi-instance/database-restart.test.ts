/**
 * A PostgreSQL restart mid-load (scale-out.md: "loses nothing and both recover"). Clients create
 * and pay orders through nginx while the server is stopped (pg_ctl -m fast, which also cuts the
 * connections in use) and started again. While it is away every answer is a success or
 * 503 database_unavailable with Retry-After, readiness says 503 on both instances; afterwards
 * both are ready again by themselves, every acknowledged order is there and no key made two.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { clusterForFile, send, sleep, until } from './support/cluster.ts';
import { checkOrders, startLoad } from './support/load.ts';

const file = clusterForFile();

/** Each instance's readiness, asked directly (nginx would pass a 503 on to the other). */
async function readiness(): Promise<string[]> {
  return Promise.all(
    file.cluster.instances.map(async (i) => {
      const o = await send(i.url, 'GET', '/v1/health/ready');
      if (o.kind !== 'answer') return o.kind;
      if (o.status === 200) return `200 ${(o.body.data as { store: string }).store}`;
      return `${o.status} ${o.body.sub_code}${o.headers.get('retry-after') ? ' retry-after' : ''}`;
    }),
  );
}

/** Whether each instance still runs, and what they last printed: for a failure's message. */
function states(): string {
  const running = file.cluster.instances.map((i) => `${i.name} ${i.running ? 'running' : 'exited'}`).join(', ');
  return `[${running}] ${file.cluster.instances.flatMap((i) => i.logs.slice(-5)).join('')}`;
}

test('a PostgreSQL restart mid-load loses nothing; answers are 503 database_unavailable meanwhile; both instances recover', async () => {
  const { cluster, m } = file;
  assert.deepEqual(await readiness(), ['200 postgresql', '200 postgresql']);
  const load = startLoad({ url: cluster.url, m, clients: 4, pay: true });
  await sleep(1000);
  const before = load.report.orders.length;

  cluster.pg.stopServer();
  const down = Date.now();
  let whileDown: string[] = [];
  await until(
    async () => (whileDown = await readiness()).every((r) => r === '503 database_unavailable retry-after'),
    5000,
    () => `both instances not ready while the database is down (last seen: ${whileDown.join(', ')}) ${states()}`,
  );
  // The outage lasts a while under load: clients meet it and retry.
  await sleep(Math.max(0, 2000 - (Date.now() - down)));
  cluster.pg.startServer();
  const up = Date.now();
  let afterwards: string[] = [];
  await until(
    async () => (afterwards = await readiness()).every((r) => r === '200 postgresql'),
    15_000,
    () => `both instances ready again (last seen: ${afterwards.join(', ')}) ${states()}`,
  );
  const recoveredMs = Date.now() - up;
  await sleep(1000);
  const report = await load.stop();

  const outage503 = report.seen.get('503 database_unavailable') ?? 0;
  assert.ok(outage503 > 0, `clients met the outage: ${JSON.stringify(Object.fromEntries(report.seen))}`);
  assert.equal(report.without503RetryAfter, 0, 'every 503 carries Retry-After');
  const kinds = [...report.seen.keys()].filter((k) => k !== '200' && k !== '503 database_unavailable');
  assert.deepEqual(kinds, [], 'nothing but successes and 503 database_unavailable (no 500, no 502)');
  assert.deepEqual(report.unexpected, []);
  assert.ok(report.orders.length > before, 'orders were made after the restart too');

  const { acknowledged, lost, doubled } = await checkOrders(cluster, m, report.orders);
  assert.equal(lost, 0, 'no acknowledged order lost');
  assert.equal(doubled, 0, 'no key made two orders');
  const paid = report.orders.filter((o) => o.paid).length;
  console.log(
    `PostgreSQL restart: down ${up - down} ms; ${report.orders.length} orders tried, ${acknowledged} acknowledged, ${paid} paid; ` +
      `lost ${lost}, doubled ${doubled}; answers ${JSON.stringify(Object.fromEntries(report.seen))}; ` +
      `both instances ready ${recoveredMs} ms after the server was back`,
  );
});
