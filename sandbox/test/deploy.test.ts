/**
 * What the 部署 / Deploying page promises an operator, each promise tried here: the settings a
 * deployment needs and refuses, the client address behind a load balancer, readiness and drain,
 * and on PostgreSQL several instances on one database (migrations once, caches coherent within
 * 1 s, limits counted together, scheduled moves and webhooks done once), and what clients see
 * while the database is away.
 */
import assert from 'node:assert/strict';
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import http from 'node:http';
import { after, afterEach, before, describe, test } from 'node:test';
import pg from 'pg';
import { startPostgres, type ThrowawayPostgres } from '../../tests/support/postgres.ts';
import { drainAndClose } from '../src/app.ts';
import { configFromEnv } from '../src/config.ts';
import { migrations } from '../src/store/pg-migrate.ts';
import { startReceiver } from './support/receiver.ts';
import { Client, startSandbox, tempDbFile, testStore, type RunningSandbox } from './support/sandbox.ts';

const KEY = 'c3'.repeat(32);
const order = { product_id: 'd', product_name: '部署测试', amount: 100 };

/** Polls `what` every 20 ms until `ok` holds or `ms` pass; the last value either way. */
async function until<T>(what: () => Promise<T>, ok: (v: T) => boolean, ms = 10_000): Promise<T> {
  const end = Date.now() + ms;
  for (;;) {
    const v = await what();
    if (ok(v) || Date.now() > end) return v;
    await new Promise((r) => setTimeout(r, 20));
  }
}

describe('settings', () => {
  test('SANDBOX_DATABASE_URL without SANDBOX_SECRET_KEY is refused, saying why', () => {
    assert.throws(
      () => configFromEnv({ SANDBOX_DATABASE_URL: 'postgres://u:p@db.internal:5432/sandbox' }),
      /SANDBOX_SECRET_KEY is required with SANDBOX_DATABASE_URL/,
    );
  });

  test('a malformed key and a URL that is not postgres:// are refused, without echoing the password', () => {
    const url = 'postgres://u:p@db.internal:5432/sandbox';
    assert.throws(
      () => configFromEnv({ SANDBOX_DATABASE_URL: url, SANDBOX_SECRET_KEY: 'not-hex' }),
      /SANDBOX_SECRET_KEY must be 64 hexadecimal characters/,
    );
    assert.throws(
      () => configFromEnv({ SANDBOX_DATABASE_URL: url, SANDBOX_SECRET_KEY: 'ab'.repeat(31) }),
      /64 hexadecimal/,
    );
    assert.throws(
      () => configFromEnv({ SANDBOX_DATABASE_URL: 'mysql://u:s3cret@db/x', SANDBOX_SECRET_KEY: KEY }),
      (e: Error) => /must be a postgres:\/\/ URL/.test(e.message) && !e.message.includes('s3cret'),
    );
    const ok = configFromEnv({
      SANDBOX_DATABASE_URL: url,
      SANDBOX_SECRET_KEY: KEY,
      SANDBOX_TRUST_PROXY: '10.0.0.0/8, 127.0.0.1',
    });
    assert.equal(ok.databaseUrl, url);
    assert.deepEqual(ok.trustProxy, ['10.0.0.0/8', '127.0.0.1']);
  });

  test('the sandbox process will not start without the key: it exits 1 and names the setting', () => {
    const r = spawnSync(process.execPath, ['--import', 'tsx', 'sandbox/server.ts'], {
      env: { ...process.env, SANDBOX_DATABASE_URL: 'postgres://u@127.0.0.1:1/x', SANDBOX_SECRET_KEY: '' },
      encoding: 'utf8',
      timeout: 30_000,
    });
    assert.equal(r.status, 1, r.stdout + r.stderr);
    assert.match(r.stderr, /SANDBOX_SECRET_KEY is required with SANDBOX_DATABASE_URL/);
  });
});

describe('behind a load balancer', () => {
  /** Makes a sandbox app as the client `forwardedFor` (through a proxy that says so); the status. */
  const createApp = async (s: RunningSandbox, forwardedFor: string) =>
    (await s.client.post('/v1/sandbox/apps', { json: {}, headers: { 'x-forwarded-for': forwardedFor } })).status;

  test("with SANDBOX_TRUST_PROXY the per-address limit counts X-Forwarded-For's client", async () => {
    const s = await startSandbox({ config: { appsPerHourPerAddress: 1, trustProxy: ['127.0.0.1'] } });
    try {
      assert.equal(await createApp(s, '203.0.113.7'), 200);
      assert.equal(await createApp(s, '203.0.113.7'), 429, 'the same client again');
      assert.equal(await createApp(s, '203.0.113.8'), 200, 'another client behind the same proxy');
    } finally {
      await s.close();
    }
  });

  test("without it the connection's address counts and the header is ignored", async () => {
    const s = await startSandbox({ config: { appsPerHourPerAddress: 1 } });
    try {
      assert.equal(await createApp(s, '203.0.113.7'), 200);
      assert.equal(await createApp(s, '203.0.113.8'), 429, 'a forged header does not make a new client');
    } finally {
      await s.close();
    }
  });
});

describe('readiness and drain', () => {
  test('GET /v1/health/ready answers 200 ready and names the store; GET /v1/health answers ok', async () => {
    const s = await startSandbox();
    try {
      const ready = await s.client.get<'getReadiness'>('/v1/health/ready');
      assert.equal(ready.status, 200);
      assert.equal(ready.body.data.status, 'ready');
      assert.equal(ready.body.data.store, testStore);
      const live = await s.client.get<'getHealth'>('/v1/health');
      assert.equal(live.body.data.status, 'ok');
    } finally {
      await s.close();
    }
  });

  test('draining: the request in flight finishes, new requests and readiness answer 503 draining', async () => {
    const s = await startSandbox();
    const m = await s.client.newMerchant();
    const url = new URL(s.url);
    const body = JSON.stringify(order);
    const half = Math.floor(body.length / 2);
    let send!: () => void;
    // A request whose body is still arriving: in flight when the drain starts.
    const inFlight = new Promise<{ status: number; text: string }>((resolve, reject) => {
      const req = http.request(
        {
          host: url.hostname,
          port: url.port,
          method: 'POST',
          path: '/v1/payments/create',
          headers: {
            authorization: `Bearer ${m.token}`,
            'content-type': 'application/json',
            'content-length': Buffer.byteLength(body),
          },
        },
        (res) => {
          let text = '';
          res.setEncoding('utf8');
          res.on('data', (d) => (text += d));
          res.on('end', () => resolve({ status: res.statusCode ?? 0, text }));
        },
      );
      req.on('error', reject);
      req.write(body.slice(0, half));
      send = () => req.end(body.slice(half));
    });
    await until(
      async () => s.app.sandbox.life.inFlight,
      (n) => n > 0,
    );
    const drained = drainAndClose(s.app);
    const ready = await s.client.get('/v1/health/ready');
    assert.equal(ready.status, 503);
    assert.equal(ready.body.sub_code, 'draining');
    assert.match(ready.headers.get('retry-after') ?? '', /^\d+$/);
    const fresh = await s.client.post('/v1/payments/create', { token: m.token, json: order });
    assert.equal(fresh.status, 503);
    assert.equal(fresh.body.sub_code, 'draining');
    assert.equal(fresh.headers.get('retry-after'), '5');
    assert.equal(fresh.headers.get('connection'), 'close');
    send();
    const finished = await inFlight;
    assert.equal(finished.status, 200, finished.text);
    assert.equal(JSON.parse(finished.text).code, '0000');
    await drained;
  });

  test('a request that never finishes does not hold the drain past its grace: its connection is closed', async () => {
    const s = await startSandbox();
    const url = new URL(s.url);
    const cut = new Promise<string>((resolve) => {
      const req = http.request({
        host: url.hostname,
        port: url.port,
        method: 'POST',
        path: '/v1/sandbox/apps',
        headers: { 'content-type': 'application/json', 'content-length': 100 },
      });
      req.on('error', (e: NodeJS.ErrnoException) => resolve(e.code ?? e.message));
      req.on('response', (res) => resolve(`answered ${res.statusCode}`));
      req.write('{"name":'); // and never the rest
    });
    await until(
      async () => s.app.sandbox.life.inFlight,
      (n) => n > 0,
    );
    await drainAndClose(s.app, 300);
    assert.equal(await cut, 'ECONNRESET');
    assert.equal(s.app.server.listening, false);
  });
});

describe('several instances on one PostgreSQL', () => {
  let server: ThrowawayPostgres;
  const running: RunningSandbox[] = [];

  before(async () => {
    server = await startPostgres();
  });
  // Each test's instances stop with it: none is left to hear the next test's outage.
  afterEach(() => Promise.all(running.splice(0).map((s) => s.close().catch(() => {}))));
  after(() => server.stop());

  /** `n` sandboxes started together on one new database (each with its own pool, cache and listener). */
  async function instances(n: number, config: Parameters<typeof startSandbox>[0] = {}) {
    const databaseUrl = await server.createDatabase('juyifu_deploy');
    const started = await Promise.all(
      Array.from({ length: n }, () =>
        startSandbox({ ...config, config: { ...config.config, databaseUrl, secretKeyHex: KEY, dbFile: tempDbFile() } }),
      ),
    );
    running.push(...started);
    return { databaseUrl, started };
  }

  test('instances starting together on an empty database migrate it once and are all ready', async () => {
    const { databaseUrl, started } = await instances(3);
    for (const s of started) {
      const ready = await s.client.get<'getReadiness'>('/v1/health/ready');
      assert.equal(ready.status, 200);
      assert.equal(ready.body.data.store, 'postgresql');
    }
    const db = new pg.Client({ connectionString: databaseUrl });
    await db.connect();
    try {
      const rows = (await db.query<{ version: number }>('SELECT version FROM schema_migrations ORDER BY version')).rows;
      assert.deepEqual(
        rows.map((r) => r.version),
        migrations().map((m) => m.version),
      );
    } finally {
      await db.end();
    }
  });

  test('a token revoked on one instance is refused by the other within 1 s', async () => {
    const {
      started: [a, b],
    } = await instances(2);
    const m = await a.client.newMerchant();
    // b has read the token (and cached it) before it is revoked on a.
    assert.equal((await b.client.get('/v1/channels', { token: m.token })).status, 200);
    assert.equal((await a.client.post('/v1/oauth/revoke', { token: m.token })).status, 200);
    const t0 = performance.now();
    const seen = await until(
      async () => (await b.client.get('/v1/channels', { token: m.token })).status,
      (status) => status === 401,
      3000,
    );
    const ms = performance.now() - t0;
    console.log(`revocation seen by the other instance after ${ms.toFixed(0)} ms`);
    assert.equal(seen, 401);
    assert.ok(ms <= 1000, `seen after ${ms.toFixed(0)} ms`);
  });

  test('a channel added on one instance is listed by the other within 1 s', async () => {
    const {
      started: [a, b],
    } = await instances(2);
    const m = await a.client.newMerchant();
    const count = async () =>
      (await b.client.get<'listChannels'>('/v1/channels', { token: m.token })).body.data.items.length;
    const before = await count();
    const added = await a.client.post('/v1/channels', {
      token: m.token,
      json: { provider: 'mock_alipay', pay_ways: ['alipay_qr'] },
    });
    assert.equal(added.status, 200, added.text);
    const t0 = performance.now();
    const after = await until(count, (n) => n === before + 1, 3000);
    const ms = performance.now() - t0;
    console.log(`channel change seen by the other instance after ${ms.toFixed(0)} ms`);
    assert.equal(after, before + 1);
    assert.ok(ms <= 1000, `seen after ${ms.toFixed(0)} ms`);
  });

  test('rate limits are counted together: apps per address per hour and requests per app per second', async () => {
    const {
      started: [a, b],
    } = await instances(2, { config: { appsPerHourPerAddress: 2, rateLimitPerSecond: 5, tokenFailuresPerMinute: 2 } });
    assert.equal((await a.client.post('/v1/sandbox/apps', { json: {} })).status, 200);
    const m = await b.client.newMerchant(); // the address's second app (its token request is not an app)
    assert.equal((await a.client.post('/v1/sandbox/apps', { json: {} })).status, 429, 'a third app, on a');
    assert.equal((await b.client.post('/v1/sandbox/apps', { json: {} })).status, 429, 'a third app, on b');

    const wrongSecret = (s: RunningSandbox) =>
      s.client.post('/v1/oauth/token', {
        form: { grant_type: 'client_credentials', app_id: m.app_id, app_secret: 'sk_test_wrong' },
      });
    assert.equal((await wrongSecret(a)).status, 401);
    assert.equal((await wrongSecret(b)).status, 401);
    assert.equal((await wrongSecret(a)).status, 429, "the address's third failure in the minute, on a");

    // Ten requests at once, five to each instance: one window of the app's limit admits five.
    const t0 = performance.now();
    const statuses = await Promise.all(
      Array.from(
        { length: 10 },
        async (_, i) => (await (i % 2 ? a : b).client.get('/v1/channels', { token: m.token })).status,
      ),
    );
    const windows = Math.floor((performance.now() - t0) / 1000) + 1;
    const admitted = statuses.filter((s) => s === 200).length;
    assert.ok(
      statuses.every((s) => s === 200 || s === 429),
      statuses.join(','),
    );
    assert.ok(admitted <= 5 * windows, `${admitted} admitted in ${windows} window(s): ${statuses.join(',')}`);
  });

  test('while the database is away: 503 database_unavailable with Retry-After; then it recovers by itself and a retried write with its Idempotency-Key makes one order', async () => {
    const { started } = await instances(1);
    const [s] = started;
    const m = await s.client.newMerchant();
    const write = () =>
      s.client.post<'createPayment'>('/v1/payments/create', {
        token: m.token,
        json: order,
        headers: { 'idempotency-key': 'deploy-outage-1' },
      });
    server.stopServer();
    try {
      const ready = await s.client.get('/v1/health/ready');
      assert.equal(ready.status, 503);
      assert.equal(ready.body.sub_code, 'database_unavailable');
      assert.equal(ready.headers.get('retry-after'), '2');
      assert.equal((await s.client.get('/v1/health')).status, 200, 'liveness does not ask the database');
      const refused = await write();
      assert.equal(refused.status, 503);
      assert.equal(refused.body.sub_code, 'database_unavailable');
      assert.equal(refused.headers.get('retry-after'), '2');
    } finally {
      server.startServer();
    }
    const t0 = performance.now();
    const back = await until(
      async () => (await s.client.get('/v1/health/ready')).status,
      (status) => status === 200,
      15_000,
    );
    console.log(`ready again ${(performance.now() - t0).toFixed(0)} ms after the database came back`);
    assert.equal(back, 200);
    const first = await write();
    assert.equal(first.status, 200, first.text);
    const again = await write();
    assert.equal(again.status, 200);
    assert.equal(again.headers.get('idempotent-replayed'), 'true');
    assert.equal(again.body.data.order_id, first.body.data.order_id);
  });

  test('two sandbox processes: each scheduled payment and refund moves once and each webhook is delivered once', async () => {
    const databaseUrl = await server.createDatabase('juyifu_deploy');
    const receiver = await startReceiver();
    const children: ChildProcess[] = [];
    try {
      const urls = await Promise.all([0, 1].map(() => startProcess(databaseUrl, children)));
      const [a, b] = urls.map((u) => new Client(u));
      const m = await a.newMerchant();
      // 2001 pays by itself after 3 s: the move is the sweeper's, the event the dispatchers'.
      const orders = await Promise.all(
        [a, b, a, b].map(async (c) => {
          const res = await c.post<'createPayment'>('/v1/payments/create', {
            token: m.token,
            json: { ...order, amount: 2001, notify_url: receiver.url },
          });
          assert.equal(res.status, 200, res.text);
          return res.body.data.order_id;
        }),
      );
      await receiver.waitFor(orders.length, 20_000);
      // A refund's result is the sweeper's too (after the refund delay), its event the dispatchers'.
      const refund = await b.post<'createRefund'>(`/v1/payments/${orders[0]}/refunds`, {
        token: m.token,
        json: { amount: 100, out_refund_no: 'deploy-refund-1' },
      });
      assert.equal(refund.status, 200, refund.text);
      await receiver.waitFor(orders.length + 1, 20_000);
      // Two more sweeps and dispatcher polls on both processes: a duplicate would arrive now.
      await new Promise((r) => setTimeout(r, 2500));
      const ids = receiver.received.map((r) => String(r.headers['juyifu-event-id']));
      assert.equal(ids.length, orders.length + 1, `deliveries: ${ids.join(', ')}`);
      assert.equal(new Set(ids).size, orders.length + 1);
      assert.equal(JSON.parse(receiver.received.at(-1)!.body).type, 'refund.succeeded');
      const settled = await a.get<'getRefund'>(`/v1/refunds/${refund.body.data.refund_id}`, { token: m.token });
      assert.equal(settled.body.data.status, 'succeeded');
      for (const id of orders) {
        const p = await b.get<'getPayment'>(`/v1/payments/${id}`, { token: m.token });
        assert.equal(p.body.data.status, 'paid');
        assert.equal(p.body.data.status_history.filter((h) => h.status === 'paid').length, 1, id);
        const events = await a.get<'listEvents'>(`/v1/events?order_id=${id}`, { token: m.token });
        const items = events.body.data.items;
        assert.equal(items.filter((e) => e.type === 'payment.paid').length, 1, id);
        for (const e of items) assert.equal(e.delivery.attempts.length, 1, `${id} ${e.type}`);
      }
      // SIGTERM drains and ends each process cleanly.
      for (const child of children) {
        const exited = once(child, 'exit');
        child.kill('SIGTERM');
        assert.equal((await exited)[0], 0);
      }
    } finally {
      await Promise.all(
        children.map(async (child) => {
          if (child.exitCode === null) {
            const exited = once(child, 'exit');
            child.kill('SIGTERM');
            await exited;
          }
        }),
      );
      await receiver.close();
    }
  });
});

/** `npm run sandbox`'s entry point on PostgreSQL, on a free port; its URL once it says it listens. */
async function startProcess(databaseUrl: string, children: ChildProcess[]): Promise<string> {
  const child = spawn(process.execPath, ['--import', 'tsx', 'sandbox/server.ts'], {
    env: {
      ...process.env,
      SANDBOX_PORT: '0',
      SANDBOX_DB: tempDbFile(),
      SANDBOX_DATABASE_URL: databaseUrl,
      SANDBOX_SECRET_KEY: KEY,
      SANDBOX_WEBHOOK_ALLOW_PRIVATE: 'true',
      SANDBOX_RATE_LIMIT: '0',
      SANDBOX_APPS_PER_HOUR: '0',
      SANDBOX_LOG_LEVEL: 'error',
    },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  children.push(child);
  let out = '';
  child.stdout!.setEncoding('utf8');
  return new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`sandbox did not start: ${out}`)), 30_000);
    child.stdout!.on('data', (d) => {
      out += d;
      const m = /listening on (http:\/\/[\d.]+:\d+)/.exec(out);
      if (m) {
        clearTimeout(timer);
        resolve(m[1]);
      }
    });
    child.once('exit', (code) => reject(new Error(`sandbox exited ${code}: ${out}`)));
  });
}
