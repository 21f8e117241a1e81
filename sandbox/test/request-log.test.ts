/**
 * The request log (GET /v1/sandbox/logs): every request made with an app's credentials, from
 * "your server" (plain fetch, nothing the console adds) as much as from the console, masked,
 * readable within a second, only by its own app, bounded to the newest 1,000.
 */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { SuccessData } from '../../contract/api.ts';
import { newestPerApp } from '../src/services/request-log.ts';
import type { RequestLogRecord } from '../src/store/types.ts';
import { startSandbox, type Client, type Reply, type RunningSandbox } from './support/sandbox.ts';

type Entry = SuccessData<'listRequestLogs'>['items'][number];

let sb: RunningSandbox;
let m: Awaited<ReturnType<Client['newMerchant']>>;

before(async () => {
  sb = await startSandbox({ config: { webhookAllowPrivate: true } });
  m = await sb.client.newMerchant();
});
after(() => sb.close());

/** The log's entries matching `query`, polled until `found` says they are there (1 s at most). */
async function logUntil(token: string, query: string, found: (items: Entry[]) => boolean): Promise<Entry[]> {
  const until = Date.now() + 1000;
  for (;;) {
    const res = await sb.client.get<'listRequestLogs'>(`/v1/sandbox/logs?${query}`, { token });
    assert.equal(res.status, 200, res.text);
    if (found(res.body.data.items)) return res.body.data.items;
    if (Date.now() > until) assert.fail(`not in the log within 1 s: ${query} → ${res.text.slice(0, 300)}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

/** A request as a merchant's own server sends it: fetch, no console header. */
function fromServer(path: string, init: RequestInit & { token?: string } = {}) {
  const headers = new Headers(init.headers);
  if (init.token) headers.set('authorization', `Bearer ${init.token}`);
  return fetch(sb.url + path, { ...init, headers });
}

describe('what the log keeps', () => {
  test("your server's refused order: origin api, its sub_code, Authorization masked, within 1 s", async () => {
    const res = await fromServer('/v1/payments/create', {
      method: 'POST',
      token: m.token,
      headers: { 'content-type': 'application/json', 'idempotency-key': 'log-1' },
      body: JSON.stringify({ product_id: 'p', product_name: '日志', amount: 10.5 }),
    });
    const requestId = (await res.json()).request_id;
    assert.equal(res.status, 400);
    const [entry] = await logUntil(m.token, `request_id=${requestId}`, (items) => items.length === 1);
    assert.equal(entry.origin, 'api');
    assert.equal(entry.method, 'POST');
    assert.equal(entry.path, '/v1/payments/create');
    assert.equal(entry.status, 400);
    assert.equal(entry.sub_code, 'amount_not_integer');
    assert.ok(entry.duration_ms >= 0);
    const headers = entry.request.headers;
    assert.equal(headers['idempotency-key'], 'log-1');
    assert.ok(!headers.authorization.includes(m.token), 'the token is not in the log');
    assert.match(headers.authorization, /^Bearer tok_[\w-]{4}…[\w-]{4}$/);
    assert.deepEqual(entry.request.body, { product_id: 'p', product_name: '日志', amount: 10.5 });
    assert.match(entry.response.body ?? '', /"sub_code":"amount_not_integer"/);
    assert.equal(entry.response.truncated, false);
  });

  test('a token request naming the app is in its log, refused or not, with app_secret and access_token masked', async () => {
    const wrong = await fromServer('/v1/oauth/token', {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({
        grant_type: 'client_credentials',
        app_id: m.app_id,
        app_secret: 'sk_test_wrong_guess_123456',
      }),
    });
    assert.equal(wrong.status, 401);
    const right = await fromServer('/v1/oauth/token', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ grant_type: 'client_credentials', app_id: m.app_id, app_secret: m.app_secret }),
    });
    const issued = (await right.json()).data.access_token as string;
    const items = await logUntil(m.token, 'path=/v1/oauth/token', (xs) => xs.length >= 2);
    const [ok, refused] = items;
    assert.deepEqual([ok.status, refused.status, refused.sub_code], [200, 401, 'invalid_client']);
    const text = JSON.stringify(items);
    for (const secret of [m.app_secret, 'sk_test_wrong_guess_123456', issued]) {
      assert.ok(!text.includes(secret), 'no secret in the log');
    }
    assert.match(String((refused.request.body as { app_secret: string }).app_secret), /^sk_test_…3456$/);
    assert.match(ok.response.body ?? '', /"access_token":"tok_[\w-]{4}…[\w-]{4}"/);
  });

  test('the console says so (X-JuYiFu-Client: console); JSON that did not parse is shown as sent', async () => {
    const res = await fromServer('/v1/payments/create', {
      method: 'POST',
      token: m.token,
      headers: { 'content-type': 'application/json', 'x-juyifu-client': 'console' },
      body: '{"amount": 1,',
    });
    const requestId = (await res.json()).request_id;
    const [entry] = await logUntil(m.token, `request_id=${requestId}`, (xs) => xs.length === 1);
    assert.equal(entry.origin, 'console');
    assert.equal(entry.sub_code, 'malformed_json');
    assert.equal(entry.request.body, '{"amount": 1,');
  });

  test("the log page's own polling is not kept; the same read from your server is", async () => {
    const x = await sb.client.newMerchant();
    for (let i = 0; i < 3; i++) {
      const polled = await fromServer('/v1/sandbox/logs?limit=1', {
        token: x.token,
        headers: { 'x-juyifu-client': 'console' },
      });
      assert.equal(polled.status, 200);
    }
    const read = await fromServer('/v1/sandbox/logs?limit=1', { token: x.token });
    const readId = (await read.json()).request_id;
    const items = await logUntil(x.token, 'path=/v1/sandbox/logs', (xs) => xs.some((e) => e.request_id === readId));
    // The reads listed are the server's (and this test's own polls, also plain fetches).
    assert.deepEqual(
      items.filter((e) => e.origin !== 'api'),
      [],
      "the console's three polls left no entry",
    );
  });

  test('a revoked token still names its app: the refusal is in the log', async () => {
    const x = await sb.client.newMerchant();
    assert.equal((await sb.client.post('/v1/oauth/revoke', { token: x.token })).status, 200);
    const refused = await fromServer('/v1/payments?order_id=pay_none', { token: x.token });
    assert.equal(refused.status, 401);
    const fresh = await sb.client.post<'getToken'>('/v1/oauth/token', {
      form: { grant_type: 'client_credentials', app_id: x.app_id, app_secret: x.app_secret },
    });
    const items = await logUntil(fresh.body.data.access_token, 'status=4xx', (xs) => xs.length >= 1);
    assert.equal(items[0].sub_code, 'token_revoked');
  });
});

describe('reading the log', () => {
  test("another app's entries never appear; filters and cursor pages", async () => {
    const other = await sb.client.newMerchant();
    for (let i = 0; i < 5; i++) await fromServer(`/v1/payments?order_id=pay_other${i}`, { token: other.token });
    const mine = await logUntil(m.token, 'limit=100', (xs) => xs.length > 0);
    assert.ok(mine.every((e) => !e.request.query || !JSON.stringify(e.request.query).includes('pay_other')));
    const theirs = await logUntil(other.token, 'path=/v1/payments&status=4xx', (xs) => xs.length === 5);
    assert.ok(theirs.every((e) => e.status === 404 && e.path === '/v1/payments'));
    // Newest first, two at a time, nothing twice, nothing left out.
    const seen: string[] = [];
    let cursor: string | null = '';
    while (cursor !== null) {
      const page: Reply<'listRequestLogs'> = await sb.client.get<'listRequestLogs'>(
        `/v1/sandbox/logs?path=/v1/payments&status=4xx&limit=2${cursor ? `&cursor=${cursor}` : ''}`,
        { token: other.token },
      );
      seen.push(...page.body.data.items.map((e) => e.request_id));
      cursor = page.body.data.next_cursor;
    }
    assert.deepEqual(
      seen,
      theirs.map((e) => e.request_id),
    );
    assert.equal(new Set(seen).size, 5);
    const times = theirs.map((e) => Date.parse(e.at));
    assert.deepEqual(
      times,
      [...times].sort((a, b) => b - a),
      'newest first',
    );
  });

  test('each app keeps its newest 1,000: the 1,001st entry evicts the oldest', async () => {
    const x = await sb.client.newMerchant();
    const first = await fromServer('/v1/payments?order_id=pay_first', { token: x.token });
    const firstId = (await first.json()).request_id;
    await logUntil(x.token, `request_id=${firstId}`, (xs) => xs.length === 1);
    for (let i = 0; i < 1000; i += 50) {
      await Promise.all(
        Array.from({ length: 50 }, (_, j) => fromServer(`/v1/payments?order_id=pay_n${i + j}`, { token: x.token })),
      );
    }
    // 1,001 lookups and the reads of the log itself: the first lookup is gone, the newest are there.
    await logUntil(x.token, `request_id=${firstId}`, (xs) => xs.length === 0);
    let count = 0;
    let cursor: string | null = '';
    while (cursor !== null) {
      const page: Reply<'listRequestLogs'> = await sb.client.get<'listRequestLogs'>(
        `/v1/sandbox/logs?limit=100${cursor ? `&cursor=${cursor}` : ''}`,
        {
          token: x.token,
        },
      );
      count += page.body.data.items.length;
      cursor = page.body.data.next_cursor;
    }
    assert.ok(count <= 1000 && count >= 990, `kept ${count}`);
  });
});

test("a flood's batch writes only each app's newest 1,000, in order; a small batch is written whole", () => {
  const entry = (app_id: string, n: number) => ({ app_id, request_id: `req_${n}` }) as RequestLogRecord;
  const flood = Array.from({ length: 2500 }, (_, n) => entry(n % 5 === 0 ? 'app_b' : 'app_a', n));
  const kept = newestPerApp(flood, 1000);
  const a = kept.filter((e) => e.app_id === 'app_a');
  const b = kept.filter((e) => e.app_id === 'app_b');
  assert.equal(a.length, 1000);
  assert.equal(b.length, 500, 'app_b had 500: all kept');
  assert.deepEqual(
    a.map((e) => e.request_id),
    flood
      .filter((e) => e.app_id === 'app_a')
      .slice(-1000)
      .map((e) => e.request_id),
  );
  const small = flood.slice(0, 10);
  assert.equal(newestPerApp(small, 1000), small);
});
