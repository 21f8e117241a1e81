/**
 * `npm run bench`: sandbox throughput and latency against a bare Fastify ceiling, measured in
 * the same run on loopback, bounded in time. The scenarios run interleaved in rounds and each
 * ratio is the median of per-round ratios, because this virtual machine's speed drifts by tens
 * of percent from minute to minute. Prints a table and writes bench/results/latest.json.
 * BENCH_SECONDS (per scenario and round, default 4), BENCH_ROUNDS (default 3) and
 * BENCH_CONNECTIONS (default 50) adjust the load.
 */
import autocannon from 'autocannon';
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { once } from 'node:events';
import type { OperationId, ResponseBody } from '../contract/api.ts';
import { shanghaiDay } from '../sandbox/index.ts';
import { measureCsv, seedPaidOrders, type BillFigure } from './bills.ts';
import { busyShare, waitForIdle } from './machine.ts';
import { measurePortal, printPortal } from './portal.ts';
import { startScaleOut } from './scale-out.ts';

const seconds = Number(process.env.BENCH_SECONDS ?? 4);
const rounds = Number(process.env.BENCH_ROUNDS ?? 3);
const connections = Number(process.env.BENCH_CONNECTIONS ?? 50);
const here = dirname(fileURLToPath(import.meta.url));

function startProcess(script: string, env: NodeJS.ProcessEnv): Promise<{ child: ChildProcess; port: number }> {
  const child = spawn(process.execPath, ['--import', 'tsx', script], {
    env: { ...process.env, ...env },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  return new Promise((resolve, reject) => {
    let out = '';
    const timer = setTimeout(() => reject(new Error(`${script} did not start`)), 20_000);
    child.stdout!.on('data', (d) => {
      out += d;
      const m = /listening on (?:http:\/\/[^:]+:)?(\d+)/.exec(out);
      if (m) {
        clearTimeout(timer);
        resolve({ child, port: Number(m[1]) });
      }
    });
    child.once('exit', (code) => reject(new Error(`${script} exited ${code}`)));
  });
}

interface Figure {
  name: string;
  rps: number;
  p50: number;
  p99: number;
  non2xx: number;
  errors: number;
}

async function load(name: string, opts: autocannon.Options): Promise<Figure> {
  const r = await autocannon({ connections, duration: seconds, ...opts });
  return {
    name,
    rps: Math.round(r.requests.average),
    p50: r.latency.p50,
    p99: r.latency.p99,
    non2xx: r.non2xx,
    errors: r.errors + r.timeouts,
  };
}

/** POSTs JSON and returns the answer typed as the contract's operation `_op` declares it. */
async function post<Id extends OperationId>(
  _op: Id,
  url: string,
  body: unknown,
  headers: Record<string, string> = {},
): Promise<ResponseBody<Id>> {
  const res = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: JSON.stringify(body),
  });
  return (await res.json()) as ResponseBody<Id>;
}

const machine = await waitForIdle();
console.log(
  `machine: ${machine.cpus} cores, ${(machine.busy_before * 100).toFixed(0)}% busy before the run${machine.idle ? '' : ' (NOT idle: figures are skewed)'}, load ${machine.loadavg.join(' ')}`,
);

const dbDir = mkdtempSync(join(tmpdir(), 'juyifu-bench-'));
const dbFile = join(dbDir, 'bench.sqlite');
/** A sandbox process with the bench's settings, on `dbFile` unless `env` says otherwise. */
const startSandboxWith = (env: NodeJS.ProcessEnv) =>
  startProcess(join(here, '../sandbox/server.ts'), {
    SANDBOX_PORT: '0',
    SANDBOX_DB: dbFile,
    SANDBOX_RATE_LIMIT: '0',
    SANDBOX_LOG_LEVEL: 'error',
    ...env,
  });
const startSandbox = () => startSandboxWith({});
async function stop(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null) return;
  const exited = once(child, 'exit');
  child.kill('SIGTERM');
  await exited;
}
const hello = await startProcess(join(here, 'hello-server.ts'), { PORT: '0' });
// Stoplight Prism mocking our own document: a stateless mock, the peer to beat while persisting.
const prismPort = 4600 + Math.floor(Math.random() * 300);
const prism = spawn(
  join(here, '../node_modules/.bin/prism'),
  ['mock', '-v', 'silent', '-h', '127.0.0.1', '-p', String(prismPort), join(here, '../openapi/openapi.yaml')],
  { stdio: 'ignore' },
);
const prismBase = `http://127.0.0.1:${prismPort}`;
for (let i = 0; i < 100; i++) {
  if (
    await fetch(`${prismBase}/v1/health`).then(
      () => true,
      () => false,
    )
  )
    break;
  await new Promise((r) => setTimeout(r, 200));
}
let sandbox = await startSandbox();
let base = `http://127.0.0.1:${sandbox.port}`;
// The same sandbox without its request log, to price the log (issue 14: at most 5% of create).
const unlogged = await startSandboxWith({ SANDBOX_DB: join(dbDir, 'unlogged.sqlite'), SANDBOX_REQUEST_LOG: 'false' });
// PostgreSQL and two instances behind nginx (issue 13).
const scaleOut = await startScaleOut(startSandboxWith, stop);

const orderBody = JSON.stringify({
  product_id: 'sku-1',
  product_name: '基准测试商品',
  amount: 1000,
  pay_way: 'alipay_app',
});

/** A new sandbox app on the sandbox at `at`: its credentials, a token's headers and one order to query. */
async function merchantOn(at: string) {
  const app = (await post('createSandboxApp', `${at}/v1/sandbox/apps`, { name: 'bench' })).data;
  const tokenBody = { grant_type: 'client_credentials', app_id: app.app_id, app_secret: app.app_secret };
  const token = (await post('getToken', `${at}/v1/oauth/token`, tokenBody)).data.access_token;
  const auth = { authorization: `Bearer ${token}`, 'content-type': 'application/json' };
  const order = (await post('createPayment', `${at}/v1/payments/create`, JSON.parse(orderBody), auth)).data;
  return { app, tokenBody, auth, order };
}

try {
  const { app, tokenBody, auth, order } = await merchantOn(base);
  const unloggedBase = `http://127.0.0.1:${unlogged.port}`;
  const quiet = await merchantOn(unloggedBase);
  // One merchant for every PostgreSQL scenario: the instances share its database.
  const pgm = await merchantOn(scaleOut.pgBase);
  // One large paid order that every refund takes 1 fen of: each refund is one row and one balance
  // check on the order, with its own out_refund_no (made per request in setupRequest).
  const refunded = (
    await post('createPayment', `${base}/v1/payments/create`, { ...JSON.parse(orderBody), amount: 50_000_000 }, auth)
  ).data;
  await post('simulatePayment', `${base}/v1/sandbox/payments/${refunded.order_id}/simulate`, { result: 'paid' }, auth);
  let refundNo = 0;

  const scenarios: [string, autocannon.Options][] = [
    ['hello (bare Fastify)', { url: `http://127.0.0.1:${hello.port}/hello` }],
    [
      'token',
      {
        url: `${base}/v1/oauth/token`,
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(tokenBody),
      },
    ],
    ['create order', { url: `${base}/v1/payments/create`, method: 'POST', headers: auth, body: orderBody }],
    [
      'query order',
      { url: `${base}/v1/payments?order_id=${order.order_id}`, headers: { authorization: auth.authorization } },
    ],
    [
      'Prism token',
      {
        url: `${prismBase}/v1/oauth/token`,
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(tokenBody),
      },
    ],
    ['Prism create', { url: `${prismBase}/v1/payments/create`, method: 'POST', headers: auth, body: orderBody }],
    [
      'Prism query',
      { url: `${prismBase}/v1/payments?order_id=${order.order_id}`, headers: { authorization: auth.authorization } },
    ],
    [
      'refund',
      {
        url: `${base}/v1/payments/${refunded.order_id}/refunds`,
        method: 'POST',
        headers: auth,
        requests: [
          { setupRequest: (req) => ({ ...req, body: JSON.stringify({ amount: 1, out_refund_no: `B${++refundNo}` }) }) },
        ],
      },
    ],
    [
      'create order, request log off',
      { url: `${unloggedBase}/v1/payments/create`, method: 'POST', headers: quiet.auth, body: orderBody },
    ],
    [
      'PG create order',
      { url: `${scaleOut.pgBase}/v1/payments/create`, method: 'POST', headers: pgm.auth, body: orderBody },
    ],
    [
      'PG query order',
      {
        url: `${scaleOut.pgBase}/v1/payments?order_id=${pgm.order.order_id}`,
        headers: { authorization: pgm.auth.authorization },
      },
    ],
    [
      'nginx → 1 PG instance: create',
      { url: `${scaleOut.oneBase}/v1/payments/create`, method: 'POST', headers: pgm.auth, body: orderBody },
    ],
    [
      'nginx → 2 PG instances: create',
      { url: `${scaleOut.twoBase}/v1/payments/create`, method: 'POST', headers: pgm.auth, body: orderBody },
    ],
  ];
  const perRound: Figure[][] = [];
  for (let r = 0; r < rounds; r++) {
    const round: Figure[] = [];
    for (const [name, opts] of scenarios) round.push(await load(name, opts as autocannon.Options));
    perRound.push(round);
    console.log(`round ${r + 1}/${rounds}: ${round.map((f) => `${f.name} ${f.rps}`).join(', ')}`);
  }
  const busyAfter = await busyShare(500);

  const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
  const figures: Figure[] = scenarios.map(([name], i) => ({
    name,
    rps: median(perRound.map((r) => r[i].rps)),
    p50: median(perRound.map((r) => r[i].p50)),
    p99: median(perRound.map((r) => r[i].p99)),
    non2xx: perRound.reduce((s, r) => s + r[i].non2xx, 0),
    errors: perRound.reduce((s, r) => s + r[i].errors, 0),
  }));
  const at = (name: string) => scenarios.findIndex(([n]) => n === name);
  /** Median over rounds of scenario `ours` ÷ scenario `theirs` (same round, so drift cancels). */
  const ratio = (ours: string, theirs: string) =>
    Number(median(perRound.map((r) => r[at(ours)].rps / r[at(theirs)].rps)).toFixed(3));
  const ceiling = 'hello (bare Fastify)';
  const figure = (name: string) => figures[at(name)];
  const [tokenF, createF, queryF] = ['token', 'create order', 'query order'].map(figure);
  const ratios = {
    create_vs_prism: ratio('create order', 'Prism create'),
    query_vs_prism: ratio('query order', 'Prism query'),
    token_vs_prism: ratio('token', 'Prism token'),
    create_vs_ceiling: ratio('create order', ceiling),
    query_vs_ceiling: ratio('query order', ceiling),
    token_vs_ceiling: ratio('token', ceiling),
    refund_vs_create: ratio('refund', 'create order'),
    log_on_vs_off: ratio('create order', 'create order, request log off'),
    pg_create_vs_sqlite: ratio('PG create order', 'create order'),
    pg_query_vs_sqlite: ratio('PG query order', 'query order'),
    two_vs_one_instance: ratio('nginx → 2 PG instances: create', 'nginx → 1 PG instance: create'),
  };
  console.log(
    `\n${connections} connections, ${seconds} s per scenario, ${rounds} rounds interleaved, loopback; medians\n`,
  );
  console.log('| endpoint | req/s | p50 ms | p99 ms | non-2xx | errors |');
  console.log('| --- | ---: | ---: | ---: | ---: | ---: |');
  for (const f of figures) console.log(`| ${f.name} | ${f.rps} | ${f.p50} | ${f.p99} | ${f.non2xx} | ${f.errors} |`);
  console.log(
    `\nratios (ours ÷ ceiling): create ${ratios.create_vs_ceiling} (target ≥ 0.15), query ${ratios.query_vs_ceiling} (target ≥ 0.4), token ${ratios.token_vs_ceiling}`,
  );
  console.log(
    `ratios (ours ÷ Prism mock): create ${ratios.create_vs_prism}, query ${ratios.query_vs_prism}, token ${ratios.token_vs_prism} (target > 2, while persisting everything)`,
  );
  console.log(
    `ratio refund ÷ create: ${ratios.refund_vs_create} (goal ≥ 0.8: a refund is one row and one balance check)`,
  );
  console.log(
    `request log: create with it ÷ without it ${ratios.log_on_vs_off} (goal ≥ 0.95: the log costs at most 5%)`,
  );
  console.log(
    `PostgreSQL ÷ SQLite: create ${ratios.pg_create_vs_sqlite} (goal ≥ 0.5), query ${ratios.pg_query_vs_sqlite}; two instances ÷ one behind nginx: ${ratios.two_vs_one_instance} (2 cores: both instances, PostgreSQL, nginx and the load share them)`,
  );
  await scaleOut.stop();
  await stop(unlogged.child);
  const p99ok = [tokenF, createF, queryF, figure('refund')].every((f) => f.p99 <= 20);
  prism.kill('SIGTERM');
  console.log(`p99 ≤ 20 ms on every sandbox endpoint: ${p99ok ? 'yes' : 'no'}`);

  // Bills: seed two past days straight into the database while the sandbox is stopped.
  await stop(sandbox.child);
  const alipay = app.channels.find((c) => c.provider === 'mock_alipay');
  if (!alipay) throw new Error('the sandbox app has no seeded mock_alipay channel');
  const day = (back: number) => shanghaiDay(Date.now() - back * 24 * 3600 * 1000);
  const sizes: [string, number][] = [
    [day(2), 10_000],
    [day(3), 100_000],
  ];
  for (const [d, n] of sizes)
    seedPaidOrders(dbFile, app.source_id, app.app_id, alipay.channel_id, alipay.fee_rate_bps, d, n);
  sandbox = await startSandbox();
  base = `http://127.0.0.1:${sandbox.port}`;
  const billToken = (await post('getToken', `${base}/v1/oauth/token`, tokenBody)).data.access_token;
  const bills: BillFigure[] = [];
  for (const [d, n] of sizes) bills.push(await measureCsv(base, billToken, d, n, sandbox.child.pid!));
  console.log('\nbill CSV (streamed, SUCCESS, one day)\n');
  console.log('| orders | rows/s | seconds | anon RSS before MB | anon RSS peak MB | VmRSS after MB | CSV MB |');
  console.log('| ---: | ---: | ---: | ---: | ---: | ---: | ---: |');
  for (const b of bills) {
    console.log(
      `| ${b.orders} | ${b.rows_per_s} | ${b.seconds} | ${b.rss_before_mb} | ${b.rss_peak_mb} | ${b.vmrss_after_mb} | ${(b.bytes / 1e6).toFixed(1)} |`,
    );
  }
  const growth = (b: BillFigure) => b.rss_peak_mb - b.rss_before_mb;
  console.log(
    `anonymous memory growth while streaming: ${growth(bills[0]).toFixed(1)} MB at 10k, ${growth(bills[1]).toFixed(1)} MB at 100k (it varies with GC timing)`,
  );
  // The hard check: the 100k-order day again, from a server whose V8 heap is capped at 32 MB.
  // Holding the rows or the 14 MB CSV in memory would not fit; streaming does.
  await stop(sandbox.child);
  const capped = await startProcess(join(here, '../sandbox/server.ts'), {
    SANDBOX_PORT: '0',
    SANDBOX_DB: dbFile,
    SANDBOX_RATE_LIMIT: '0',
    SANDBOX_LOG_LEVEL: 'error',
    NODE_OPTIONS: '--max-old-space-size=32',
  });
  const cappedBase = `http://127.0.0.1:${capped.port}`;
  const cappedToken = (await post('getToken', `${cappedBase}/v1/oauth/token`, tokenBody)).data.access_token;
  const heapCapped = await measureCsv(cappedBase, cappedToken, sizes[1][0], sizes[1][1], capped.child.pid!).then(
    (f) => ({ streamed: true, rows_per_s: f.rows_per_s }),
    (e: Error) => ({ streamed: false, error: e.message }),
  );
  console.log(
    `100k-order day with the server's heap capped at 32 MB: ${heapCapped.streamed ? `streamed (${(heapCapped as { rows_per_s: number }).rows_per_s} rows/s)` : `FAILED: ${(heapCapped as { error: string }).error}`}`,
  );
  sandbox = capped;

  // The portal last: it rebuilds the site, which needs both cores to itself.
  await stop(sandbox.child);
  hello.child.kill('SIGTERM');
  const portal = process.env.BENCH_SKIP_PORTAL ? null : await measurePortal(join(here, '..'));
  if (portal) printPortal(portal);

  const out = join(here, 'results/latest.json');
  mkdirSync(dirname(out), { recursive: true });
  writeFileSync(
    out,
    JSON.stringify(
      {
        when: new Date().toISOString(),
        machine: { ...machine, busy_after: Number(busyAfter.toFixed(3)) },
        settings: { seconds, rounds, connections },
        ratios,
        figures,
        rounds: perRound,
        bills,
        bills_heap_capped_32mb: heapCapped,
        portal,
      },
      null,
      2,
    ) + '\n',
  );
  console.log(`written ${out}`);
} finally {
  hello.child.kill('SIGTERM');
  prism.kill('SIGTERM');
  await stop(unlogged.child);
  await scaleOut.stop();
  await stop(sandbox.child);
  rmSync(dbDir, { recursive: true, force: true });
}
