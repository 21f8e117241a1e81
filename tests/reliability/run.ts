/**
 * `npm run test:reliability`: bad input, faults (SIGKILL under load, SIGTERM draining),
 * isolation between merchants, and security basics, against real sandboxes on loopback.
 * Bounded: about a minute. Ends with the counts and a plain "N passed, N failed" line.
 */
import fc from 'fast-check';
import Ajv2020 from 'ajv/dist/2020.js';
import { createServer } from 'node:http';
import http from 'node:http';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { buildApp, configFromEnv } from '../../sandbox/index.ts';
import { loadContract } from '../../contract/index.ts';
import { authorizationShapes, requestArbitrary, sendRaw, urlFieldArbitrary, type FuzzRequest } from './fuzz.ts';
import { startChild } from './server.ts';

const contract = loadContract();
const work = mkdtempSync(join(tmpdir(), 'juyifu-reliability-'));
const results: { name: string; ok: boolean; detail: string }[] = [];
const counts = { requests: 0, faults: 0, orders: 0, lost: 0 };
function check(name: string, ok: boolean, detail = '') {
  results.push({ name, ok, detail });
  console.log(`${ok ? '✓' : '✗'} ${name}${detail ? ` — ${detail}` : ''}`);
}

async function json(
  base: string,
  method: string,
  path: string,
  body?: unknown,
  token?: string,
  headers: Record<string, string> = {},
) {
  const res = await fetch(base + path, {
    method,
    headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}), ...headers },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  return { status: res.status, headers: res.headers, body: await res.json().catch(() => null) };
}

async function merchant(base: string, scope?: string) {
  const app = (await json(base, 'POST', '/v1/sandbox/apps', {})).body.data;
  const token = (
    await json(base, 'POST', '/v1/oauth/token', {
      grant_type: 'client_credentials',
      app_id: app.app_id,
      app_secret: app.app_secret,
      ...(scope ? { scope } : {}),
    })
  ).body.data.access_token;
  return { ...app, token };
}

// ---- 1. bad input -------------------------------------------------------------------------
{
  const app = buildApp({
    contract,
    config: {
      ...configFromEnv({}),
      port: 0,
      dbFile: join(work, 'fuzz.sqlite'),
      rateLimitPerSecond: 0,
      appsPerHourPerAddress: 0,
    },
    sweepIntervalMs: 0,
  });
  await app.listen({ host: '127.0.0.1', port: 0 });
  const base = `http://127.0.0.1:${(app.server.address() as { port: number }).port}`;
  const m = await merchant(base);
  const ajv = new Ajv2020({ strict: false });
  const envelope = ajv.compile(contract.document.components.schemas.ErrorResponse);
  const agent = new http.Agent({ keepAlive: true, maxSockets: 16 });
  const N = Number(process.env.RELIABILITY_REQUESTS ?? 10_000);
  const samples: FuzzRequest[] = fc.sample(requestArbitrary(contract, m.token), { numRuns: N, seed: 20261126 });
  // Every fixed Authorization shape against the token endpoint (Basic) and a Bearer endpoint.
  for (const authorization of authorizationShapes(m.token)) {
    const headers = { authorization, 'content-type': 'application/x-www-form-urlencoded' };
    samples.push({
      method: 'POST',
      path: '/v1/oauth/token',
      headers,
      body: Buffer.from('grant_type=client_credentials'),
    });
    samples.push({ method: 'GET', path: '/v1/channels', headers });
  }
  const traversal = [
    '/v1/payments/../../etc/passwd',
    '/v1/../../etc/passwd',
    '/cashier/..%2f..%2fetc%2fpasswd?client_secret=x',
    '/v1/channels/%2e%2e%2f',
    '//v1//payments',
    '/v1/payments/%00',
  ];
  for (const p of traversal) samples.push({ method: 'GET', path: p, headers: { authorization: `Bearer ${m.token}` } });
  const problems: string[] = [];
  let sent = 0;
  let refusedByClient = 0;
  const queue = [...samples];
  await Promise.all(
    Array.from({ length: 16 }, async () => {
      for (let r = queue.shift(); r; r = queue.shift()) {
        const a = await sendRaw(base, r, agent);
        if (!a) {
          refusedByClient++;
          continue;
        }
        sent++;
        const simulated = ['500', '503'].includes((r.headers['x-sandbox-simulate'] ?? '').trim());
        // 503 channel_unavailable is a documented answer (magic amount 5003 with one channel), not a fault.
        const documented = a.status === 503 && a.body.includes('"sub_code":"channel_unavailable"');
        if (a.status >= 500 && !simulated && !documented)
          problems.push(`${r.method} ${r.path.slice(0, 80)} → ${a.status} ${a.body.slice(0, 120)}`);
        if (a.status >= 400 && a.contentType.includes('json') && r.method !== 'HEAD') {
          let body: unknown = null;
          try {
            body = JSON.parse(a.body);
          } catch {
            /* reported below */
          }
          if (!envelope(body))
            problems.push(`${r.method} ${r.path.slice(0, 80)} → ${a.status} not the envelope: ${a.body.slice(0, 120)}`);
        }
        if (/at [\w.]+ \(|node_modules|\.ts:\d+/.test(a.body))
          problems.push(`${r.method} ${r.path.slice(0, 60)}: internals in the body`);
      }
    }),
  );
  counts.requests += sent;
  check(
    `bad input: ${sent} generated requests (${refusedByClient} refused by the HTTP client itself), no 5xx unless simulated, every JSON error in the envelope`,
    problems.length === 0 && sent >= 10_000,
    problems.slice(0, 5).join(' | '),
  );

  // URLs of every scheme in every URL field: accepted only when absolute http(s) with a host and
  // at most 2,048 characters (checked here with the WHATWG parser, apart from the sandbox's
  // schema); anything refused is 400 invalid_url naming one of the URL fields.
  const urlProblems: string[] = [];
  let urlAccepted = 0;
  let urlRefused = 0;
  const isHttpUrl = (v: string) => {
    try {
      const u = new URL(v);
      return (u.protocol === 'http:' || u.protocol === 'https:') && u.host !== '' && v.length <= 2048;
    } catch {
      return false;
    }
  };
  // A merchant of its own: the generated requests above may have revoked m's token (a fair request).
  const clean = await merchant(base);
  for (const r of fc.sample(urlFieldArbitrary(clean.token), { numRuns: 1500, seed: 20261128 })) {
    const a = await sendRaw(base, r, agent);
    if (!a) continue;
    const body = JSON.parse(a.body) as { sub_code?: string; param?: string };
    if (a.status === 200) {
      urlAccepted++;
      for (const [field, v] of Object.entries(r.urls))
        if (!isHttpUrl(v)) urlProblems.push(`accepted ${field}=${JSON.stringify(v).slice(0, 80)}`);
    } else {
      urlRefused++;
      if (a.status !== 400 || body.sub_code !== 'invalid_url' || !((body.param ?? '') in r.urls))
        urlProblems.push(`${JSON.stringify(r.urls).slice(0, 100)} → ${a.status} ${a.body.slice(0, 100)}`);
    }
  }
  check(
    `URL fields: ${urlAccepted} http(s) URLs accepted, ${urlRefused} others refused as 400 invalid_url (every scheme, JSON and form)`,
    urlProblems.length === 0 && urlAccepted > 100 && urlRefused > 100,
    urlProblems.slice(0, 5).join(' | '),
  );

  const health = await json(base, 'GET', '/v1/health');
  const after = await json(
    base,
    'POST',
    '/v1/payments/create',
    { product_id: 'p', product_name: '之后', amount: 100 },
    clean.token,
  );
  check('the sandbox is healthy after the bad input', health.status === 200 && after.body?.code === '0000');
  agent.destroy();
  await app.close();
}

// ---- 2. faults ----------------------------------------------------------------------------
{
  const db = join(work, 'faults.sqlite');
  let child = await startChild(db, {
    SANDBOX_WEBHOOK_ALLOW_PRIVATE: 'true',
    SANDBOX_WEBHOOK_RETRY_SCHEDULE: '0.5,0.5,0.5,0.5,0.5,0.5',
  });
  const m = await merchant(child.url);
  // A receiver that is down at first, so that deliveries are pending when the process dies.
  const got = new Set<string>();
  const receiver = createServer((req, res) => {
    let body = '';
    req.on('data', (d) => (body += d));
    req.on('end', () => {
      got.add(JSON.parse(body).id);
      res.end('ok');
    });
  });
  const rxPort = 20000 + Math.floor(Math.random() * 20000);
  const pendingOrders: string[] = [];
  for (let i = 0; i < 5; i++) {
    const o = await json(
      child.url,
      'POST',
      '/v1/payments/create',
      { product_id: 'w', product_name: '通知', amount: 100, notify_url: `http://127.0.0.1:${rxPort}/n` },
      m.token,
    );
    await json(child.url, 'POST', `/v1/sandbox/payments/${o.body.data.order_id}/simulate`, { result: 'paid' }, m.token);
    pendingOrders.push(o.body.data.order_id);
  }
  // Create-order load with idempotency keys; SIGKILL in the middle of it.
  const acked = new Map<string, string>();
  const sentKeys: { key: string; body: object }[] = [];
  let stop = false;
  const worker = async (w: number) => {
    for (let i = 0; !stop; i++) {
      const key = `k-${w}-${i}`;
      const body = { product_id: 'p', product_name: '压测', amount: 100 + i, out_trade_no: key };
      sentKeys.push({ key, body });
      try {
        const r = await json(child.url, 'POST', '/v1/payments/create', body, m.token, { 'idempotency-key': key });
        if (r.body?.code === '0000') acked.set(key, r.body.data.order_id);
      } catch {
        return;
      }
    }
  };
  const workers = [0, 1, 2, 3, 4, 5].map(worker);
  while (acked.size < 300) await new Promise((r) => setTimeout(r, 5));
  await child.kill('SIGKILL');
  counts.faults++;
  stop = true;
  await Promise.all(workers);
  await new Promise<void>((r) => receiver.listen(rxPort, '127.0.0.1', r));
  child = await startChild(
    db,
    { SANDBOX_WEBHOOK_ALLOW_PRIVATE: 'true', SANDBOX_WEBHOOK_RETRY_SCHEDULE: '0.5,0.5,0.5,0.5,0.5,0.5' },
    Number(new URL(child.url).port),
  );
  const token = (
    await json(child.url, 'POST', '/v1/oauth/token', {
      grant_type: 'client_credentials',
      app_id: m.app_id,
      app_secret: m.app_secret,
    })
  ).body.data.access_token;
  let lost = 0;
  let twice = 0;
  for (const { key, body } of sentKeys) {
    // The client retries everything it sent with the same key, as it should after a failure.
    const retry = await json(child.url, 'POST', '/v1/payments/create', body, token, { 'idempotency-key': key });
    const ackedId = acked.get(key);
    if (ackedId && retry.body?.data?.order_id !== ackedId) lost++;
    const byNumber = await json(child.url, 'GET', `/v1/payments?out_trade_no=${key}`, undefined, token);
    if (byNumber.body?.data?.order_id !== retry.body?.data?.order_id) twice++;
  }
  counts.orders += sentKeys.length;
  counts.lost += lost;
  check(
    `SIGKILL under create load: ${acked.size} acknowledged orders all there after restart, ${sentKeys.length} keys retried, none made twice`,
    lost === 0 && twice === 0 && acked.size >= 300,
    `lost ${lost}, twice ${twice}`,
  );
  const deadline = Date.now() + 15_000;
  const events = new Set<string>();
  for (const id of pendingOrders) {
    const e = await json(child.url, 'GET', `/v1/events?order_id=${id}`, undefined, token);
    events.add(e.body.data.items[0].id);
  }
  while ([...events].some((e) => !got.has(e)) && Date.now() < deadline) await new Promise((r) => setTimeout(r, 100));
  check(
    `webhooks pending at the kill are delivered after the restart (${events.size})`,
    [...events].every((e) => got.has(e)),
  );
  receiver.close();

  // SIGTERM drains: a request in flight (its body still arriving) finishes; new ones get 503.
  const url = new URL(child.url);
  const [head, tail] = ['{"product_id":"s","product_name":"drain",', '"amount":100}'];
  const slow = new Promise<number>((resolve) => {
    const req = http.request(
      {
        host: url.hostname,
        port: url.port,
        method: 'POST',
        path: '/v1/payments/create',
        headers: {
          authorization: `Bearer ${token}`,
          'content-type': 'application/json',
          'content-length': Buffer.byteLength(head + tail),
        },
      },
      (res) => {
        res.resume();
        res.on('end', () => resolve(res.statusCode ?? 0));
      },
    );
    req.on('error', () => resolve(-1));
    req.write(head);
    setTimeout(() => req.end(tail), 1500); // the body is still arriving when SIGTERM comes
  });
  await new Promise((r) => setTimeout(r, 200));
  child.proc.kill('SIGTERM');
  counts.faults++;
  await new Promise((r) => setTimeout(r, 300));
  const during = await fetch(`${child.url}/v1/health`)
    .then((r) => ({ status: r.status, retry: r.headers.get('retry-after') }))
    .catch(() => ({ status: -1, retry: null }));
  const inFlight = await slow;
  await new Promise((r) => child.proc.once('exit', r));
  check(
    'SIGTERM drains: the in-flight request finishes, a new one gets 503 with Retry-After, then it exits',
    inFlight === 200 && during.status === 503 && during.retry !== null,
    `in flight ${inFlight}, new ${during.status} retry-after ${during.retry}`,
  );
}

// ---- 3. isolation and 4. security basics --------------------------------------------------
{
  const db = join(work, 'isolation.sqlite');
  const child = await startChild(db, { SANDBOX_LOG_LEVEL: 'debug', SANDBOX_RATE_LIMIT: '50' });
  const a = await merchant(child.url);
  const b = await merchant(child.url);
  const bOrder = (
    await json(
      child.url,
      'POST',
      '/v1/payments/create',
      { product_id: 'b', product_name: 'B', amount: 100, out_trade_no: 'B-ONLY' },
      b.token,
    )
  ).body.data;
  await json(child.url, 'POST', `/v1/sandbox/payments/${bOrder.order_id}/simulate`, { result: 'paid' }, b.token);
  const bEvent = (await json(child.url, 'GET', `/v1/events?order_id=${bOrder.order_id}`, undefined, b.token)).body.data
    .items[0].id;
  const bChannel = b.channels[0].channel_id;
  const matrix: [string, string, unknown?][] = [
    ['GET', `/v1/payments/${bOrder.order_id}`],
    ['GET', `/v1/payments?order_id=${bOrder.order_id}`],
    ['GET', '/v1/payments?out_trade_no=B-ONLY'],
    ['POST', `/v1/payments/${bOrder.order_id}/close`],
    ['POST', `/v1/sandbox/payments/${bOrder.order_id}/simulate`, { result: 'failed' }],
    ['GET', `/v1/channels/${bChannel}`],
    ['PATCH', `/v1/channels/${bChannel}`, { weight: 9 }],
    ['DELETE', `/v1/channels/${bChannel}`],
    ['POST', `/v1/events/${bEvent}/resend`],
    [
      'GET',
      `/v1/bills?bill_date=${new Date(Date.now() + 8 * 3600e3).toISOString().slice(0, 10)}&channel_id=${bChannel}`,
    ],
  ];
  const leaks: string[] = [];
  for (const [method, path, body] of matrix) {
    const r = await json(child.url, method, path, body, a.token);
    counts.requests++;
    const text = JSON.stringify(r.body);
    if (r.status !== 404) leaks.push(`${method} ${path} → ${r.status}`);
    if (text.includes(b.source_id) || (text.includes(bOrder.order_id) && !path.includes(bOrder.order_id)))
      leaks.push(`${method} ${path} shows B's data`);
  }
  const aEvents = await json(child.url, 'GET', `/v1/events?order_id=${bOrder.order_id}`, undefined, a.token);
  if (aEvents.body.data.items.length !== 0) leaks.push("A's event list shows B's events");
  const aChannels = await json(child.url, 'GET', '/v1/channels', undefined, a.token);
  if (JSON.stringify(aChannels.body).includes(bChannel)) leaks.push("A's channel list shows B's channel");
  const noScope = await merchant(child.url, 'payments:read');
  const forbidden = await json(
    child.url,
    'DELETE',
    `/v1/channels/${noScope.channels[0].channel_id}`,
    undefined,
    noScope.token,
  );
  if (forbidden.status !== 403) leaks.push(`scope: ${forbidden.status}`);
  const untouched = await json(child.url, 'GET', `/v1/payments/${bOrder.order_id}`, undefined, b.token);
  if (untouched.body.data.status !== 'paid') leaks.push("B's order was changed");
  check(
    `isolation: merchant A against ${matrix.length + 2} of B's resources: all 404 (403 for scope), none of B's data`,
    leaks.length === 0,
    leaks.join(' | '),
  );

  // Rate limit per app under a burst.
  const burst = await Promise.all(
    Array.from({ length: 200 }, () =>
      json(child.url, 'GET', '/v1/health').then(() =>
        json(child.url, 'GET', `/v1/payments/${bOrder.order_id}`, undefined, b.token),
      ),
    ),
  );
  counts.requests += 400;
  const ok = burst.filter((r) => r.status === 200).length;
  const limited = burst.filter((r) => r.status === 429 && /^\d+$/.test(r.headers.get('retry-after') ?? ''));
  check(
    `rate limit holds under a burst: ${ok} of 200 allowed at 50/s, ${limited.length} answered 429 with Retry-After`,
    ok <= 100 && ok + limited.length === 200,
  );

  // Secrets: never in the logs, never in any answer after creation.
  const secrets = [
    a.app_secret,
    a.webhook_secret,
    a.token,
    b.app_secret,
    b.token,
    new URL(bOrder.pay_url).searchParams.get('client_secret')!,
  ];
  await fetch(bOrder.pay_url); // the cashier link (client secret in the query) is logged by path only
  const answers = [
    JSON.stringify((await json(child.url, 'GET', '/v1/channels', undefined, a.token)).body),
    JSON.stringify((await json(child.url, 'GET', '/v1/events', undefined, b.token)).body),
    JSON.stringify((await json(child.url, 'GET', `/v1/payments/${bOrder.order_id}`, undefined, b.token)).body),
  ];
  await child.kill('SIGTERM');
  const logs = child.logs.join('');
  const inLogs = secrets.filter((s) => logs.includes(s));
  const inAnswers = [a.app_secret, a.webhook_secret, b.app_secret, b.webhook_secret].filter((s) =>
    answers.some((t) => t.includes(s)),
  );
  check(
    `secrets never in the logs (${logs.length} bytes at debug level) nor in answers after creation`,
    inLogs.length === 0 && inAnswers.length === 0,
    `${inLogs.length} in logs, ${inAnswers.length} in answers`,
  );
}

const passed = results.filter((r) => r.ok).length;
console.log(
  `\nreliability: requests tried ${counts.requests}, faults injected ${counts.faults}, orders checked ${counts.orders}, lost ${counts.lost}`,
);
console.log(`${passed} passed, ${results.length - passed} failed`);
rmSync(work, { recursive: true, force: true });
process.exit(passed === results.length ? 0 : 1);
