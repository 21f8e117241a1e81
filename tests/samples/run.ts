/**
 * `npm run test:samples`: every code sample a reader can copy, run against a real sandbox the way
 * a reader would run it: the curl, PHP, Java and Android tab of every API operation (generated
 * exactly as the pages show them), the code the try-it console shows for a new order, and the
 * PHP and Java blocks written in the docs. Environment variables and example ids are filled in as
 * a reader would after getting a key. A sample that makes its own order number and key is run
 * twice: the second run must be a new order, not a replay of the first.
 * Prints: samples: curl X, php Y, java Z, android W executed; N passed, N failed
 */
import { execFile } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { buildApp, configFromEnv, shanghaiDay } from '../../sandbox/index.ts';
import { loadContract } from '../../contract/index.ts';
import { buildRequest } from '../../src/lib/console/build-request.ts';
import { requestPreview } from '../../src/lib/console/preview.ts';
import { startForm } from '../../src/lib/console/start-form.ts';
import { runValuesOf, type RequestSpec } from '../../src/lib/http-request.ts';
import { pageOperation, type PageOperation } from '../../src/lib/operation-page.ts';
import { perRun } from '../../src/lib/per-run.ts';
import type { SnippetLanguage } from '../../src/lib/snippets.ts';
import { docBlocks } from './doc-blocks.ts';
import { guidePageChecks } from './guide-pages.ts';
import { newApp } from './sandbox-events.ts';

const run = promisify(execFile);
const OKHTTP_CP = ['/usr/share/java/okhttp.jar', '/usr/share/java/okio.jar'];
const PAGE_BASE = 'http://127.0.0.1:4010'; // what the pages show (SANDBOX_URL at build time)
const work = mkdtempSync(join(tmpdir(), 'juyifu-samples-'));

// ---- tools --------------------------------------------------------------------------------
async function has(cmd: string, args: string[]): Promise<boolean> {
  try {
    await run(cmd, args, { timeout: 20_000 });
    return true;
  } catch {
    return false;
  }
}
const tools: Record<SnippetLanguage, { ok: boolean; install: string }> = {
  curl: { ok: await has('curl', ['--version']), install: 'apt-get install curl' },
  php: {
    ok: await has('php', ['-r', 'exit(function_exists("curl_init") ? 0 : 1);']),
    install: 'apt-get install php-cli php-curl',
  },
  java: { ok: await has('java', ['-version']), install: 'apt-get install default-jdk-headless' },
  android: {
    ok: (await has('javac', ['-version'])) && OKHTTP_CP.every(existsSync),
    install: 'apt-get install default-jdk-headless libokhttp-java',
  },
};
const missing = Object.entries(tools).filter(([, t]) => !t.ok);
if (missing.length) {
  const banner = missing.map(([l, t]) => `  ${l}: missing; install with: ${t.install}`).join('\n');
  console.error(`\n!!! Some samples cannot run on this machine:\n${banner}\n`);
}

// ---- a sandbox and a merchant, as a reader would have them --------------------------------
const contract = loadContract();
/** A sandbox of its own database on a free port; `settings` change what a reader's would do. */
async function startSandbox(name: string, settings: Partial<ReturnType<typeof configFromEnv>> = {}) {
  const server = buildApp({
    contract,
    config: {
      ...configFromEnv({}),
      port: 0,
      dbFile: join(work, `${name}.sqlite`),
      rateLimitPerSecond: 0,
      appsPerHourPerAddress: 0,
      webhookAllowPrivate: true,
      webhookRetrySeconds: [1],
      ...settings,
    },
    sweepIntervalMs: 500,
  });
  await server.listen({ host: '127.0.0.1', port: 0 });
  const address = server.server.address();
  const url = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`;
  server.sandbox.ctx.config.publicUrl = url;
  return { app: server, base: url };
}
const { app, base } = await startSandbox('sandbox');
// The simulate samples need a refund still pending, and may start a JVM for longer than the
// sandbox's 2 s: their refunds are made in a sandbox whose refunds wait an hour, so the main
// one keeps the delay that the guides' webhook harnesses wait for.
const slow = await startSandbox('slow-refunds', { refundDelaySeconds: 3600 });
const receiver = createServer((req, res) => {
  req.resume();
  req.on('end', () => res.end('ok'));
});
await new Promise<void>((r) => receiver.listen(0, '127.0.0.1', r));
const rxPort = (receiver.address() as { port: number }).port;

async function api(method: string, path: string, body?: unknown, token?: string, at = base) {
  const res = await fetch(at + path, {
    method,
    headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const json = await res.json();
  if (json.code !== '0000') throw new Error(`${method} ${path}: ${JSON.stringify(json)}`);
  return json.data;
}
const newKey = async (at = base) => await api('POST', '/v1/sandbox/apps', { name: 'samples' }, undefined, at);
const key = await newKey();
const tokenOf = async (k: typeof key, at = base) =>
  (
    await api(
      'POST',
      '/v1/oauth/token',
      { grant_type: 'client_credentials', app_id: k.app_id, app_secret: k.app_secret },
      undefined,
      at,
    )
  ).access_token as string;
const newToken = () => tokenOf(key);
const token = await newToken();
/** Where a sample runs and whose token it sends: the main sandbox's merchant, or the slow one's. */
const main = { base, token };
const slowMerchant = { base: slow.base, token: await tokenOf(await newKey(slow.base), slow.base) };
const newOrder = async (at = main) =>
  (
    await api(
      'POST',
      '/v1/payments/create',
      { product_id: 's', product_name: '样例', amount: 1000, notify_url: `http://127.0.0.1:${rxPort}/notify` },
      at.token,
      at.base,
    )
  ).order_id as string;
const newChannel = async () =>
  (await api('POST', '/v1/channels', { provider: 'mock_alipay', pay_ways: ['alipay_qr'] }, token)).channel_id as string;
const paidOrder = async (at = main) => {
  const id = await newOrder(at);
  await api('POST', `/v1/sandbox/payments/${id}/simulate`, { result: 'paid' }, at.token, at.base);
  return id;
};
/** A refund of 100 fen of a new paid order; in the slow sandbox it stays pending for an hour. */
async function newRefund(at = main): Promise<{ refund_id: string; out_refund_no: string }> {
  const orderId = await paidOrder(at);
  const body = { amount: 100, out_refund_no: `RS${Date.now()}${Math.random().toString(36).slice(2, 8)}` };
  return await api('POST', `/v1/payments/${orderId}/refunds`, body, at.token, at.base);
}
async function newEvent(): Promise<string> {
  const id = await newOrder();
  await api('POST', `/v1/sandbox/payments/${id}/simulate`, { result: 'paid' }, token);
  const events = await api('GET', `/v1/events?order_id=${id}`, undefined, token);
  return events.items[0].id;
}

const examples = {
  order: contract.document.components.schemas.OrderId.examples![0] as string,
  channel: contract.document.components.schemas.ChannelId.examples![0] as string,
  event: contract.document.components.schemas.EventId.examples![0] as string,
  refund: contract.document.components.schemas.RefundId.examples![0] as string,
  refundNo: contract.document.components.schemas.OutRefundNo.examples![0] as string,
  billDate: '2026-11-26',
};

/** What a reader fills in before running a sample: ids of their own, today's date, their token. */
async function readerValues(operationId: string) {
  const fresh = ['closePayment', 'simulatePayment'].includes(operationId);
  // The simulate samples run in the slow sandbox, each with a pending refund of its own.
  const at = operationId === 'simulateRefund' ? slowMerchant : main;
  const refund = at === slowMerchant ? await newRefund(at) : sharedRefund;
  return {
    base: at.base,
    order: operationId === 'createRefund' ? await paidOrder() : fresh ? await newOrder() : sharedOrder,
    refund: refund.refund_id,
    refundNo: refund.out_refund_no,
    channel: ['deleteChannel', 'updateChannel'].includes(operationId) ? await newChannel() : sharedChannel,
    event: operationId === 'resendEvent' ? await newEvent() : examples.event,
    // Revoking spends a token; rotating the webhook secret gets an app of its own, so the other
    // harnesses' events stay signed with the secret they check.
    token:
      operationId === 'revokeToken'
        ? await newToken()
        : operationId === 'rotateWebhookSecret'
          ? (await newApp(base)).token
          : at.token,
  };
}
const sharedOrder = await newOrder();
const sharedChannel = await newChannel();
const sharedRefund = await newRefund();

function fillIn(code: string, v: Awaited<ReturnType<typeof readerValues>>): string {
  return code
    .replaceAll(PAGE_BASE, v.base)
    .replaceAll(examples.order, v.order)
    .replaceAll(examples.channel, v.channel)
    .replaceAll(examples.event, v.event)
    .replaceAll(examples.refund, v.refund)
    .replaceAll(examples.refundNo, v.refundNo)
    .replaceAll(examples.billDate, shanghaiDay(Date.now()));
}

// ---- running --------------------------------------------------------------------------------
interface Outcome {
  name: string;
  lang: SnippetLanguage | 'page';
  ok: boolean;
  detail: string;
}

interface Answer {
  code?: string;
  data?: { order_id?: string; out_trade_no?: string; refund_id?: string; out_refund_no?: string };
}

function answerOf(stdout: string): Answer {
  const start = stdout.indexOf('{');
  try {
    return start < 0 ? {} : JSON.parse(stdout.slice(start));
  } catch {
    return {};
  }
}

async function execute(
  lang: SnippetLanguage,
  name: string,
  code: string,
  env: Record<string, string>,
): Promise<string> {
  const dir = join(work, name.replace(/[^a-zA-Z0-9]/g, '_') + `_${lang}`);
  mkdirSync(dir, { recursive: true });
  const opts = { cwd: dir, env: { ...process.env, ...env }, timeout: 60_000, maxBuffer: 4 << 20 };
  const settle = (p: Promise<{ stdout: string }>) =>
    p
      .then((r) => r.stdout)
      .catch((e) => String(e.stdout ?? '') + (e.code === 2 ? '' : `\n[exit ${e.code}] ${e.stderr ?? e.message}`));
  if (lang === 'curl') return settle(run('bash', ['-c', code], opts));
  if (lang === 'php') {
    writeFileSync(join(dir, 'sample.php'), code);
    return settle(run('php', ['sample.php'], opts));
  }
  const cls = /public class (\w+)/.exec(code)![1];
  writeFileSync(join(dir, `${cls}.java`), code);
  if (lang === 'java') return settle(run('java', [`${cls}.java`], opts));
  const cp = OKHTTP_CP.join(':');
  try {
    await run('javac', ['-cp', cp, '-d', dir, `${cls}.java`], opts);
  } catch (e) {
    return `[javac failed] ${(e as { stderr?: string }).stderr}`;
  }
  return settle(run('java', ['-cp', `${dir}:${cp}`, cls], opts));
}

/** Whether samples of the request make their own order number or key on each run. */
const makesItsOwn = (spec: RequestSpec) => runValuesOf(perRun(spec)).length > 0;

/**
 * Runs a sample `times` times; each run must answer `expected`, and a second run must make a
 * new order (another order_id and out_trade_no), where a fixed key would have replayed the first.
 */
async function runTimes(
  lang: SnippetLanguage,
  name: string,
  code: string,
  env: Record<string, string>,
  expected: string,
  times: number,
): Promise<Pick<Outcome, 'ok' | 'detail'>> {
  const answers: Answer[] = [];
  for (let i = 0; i < times; i++) {
    const out = await execute(lang, name, code, env);
    const answer = answerOf(out);
    if (answer.code !== expected)
      return {
        ok: false,
        detail: `run ${i + 1}: expected ${expected}, got ${answer.code ?? 'nothing'}: ${out.slice(0, 400)}`,
      };
    answers.push(answer);
  }
  if (times === 1) return { ok: true, detail: expected };
  // What the sample made: a refund (two refunds of one order share its order_id), else an order.
  const [first, second] = answers.map(({ data = {} }) =>
    data.refund_id
      ? { what: 'refunds', id: data.refund_id, number: data.out_refund_no, field: 'out_refund_no' }
      : { what: 'orders', id: data.order_id, number: data.out_trade_no, field: 'out_trade_no' },
  );
  const fresh = first.id !== second.id && first.number !== second.number;
  return {
    ok: fresh && Boolean(first.id),
    detail: `${expected} twice: ${first.what} ${first.id} then ${second.id}, ${first.field} ${first.number} then ${second.number}`,
  };
}

const outcomes: Outcome[] = [];
const notExecuted: string[] = [];
const jobs: (() => Promise<void>)[] = [];

for (const op of contract.operations) {
  const page = pageOperation(op, PAGE_BASE);
  if (!page.snippets) {
    // A stream never ends, so its generated samples would never answer: the page shows a bounded curl.
    const why = op.produces.includes('text/event-stream')
      ? "a stream that does not end: the webhooks page's bounded curl is run by its harness"
      : "a page for the payer's browser: no code tabs";
    notExecuted.push(`${op.operationId} (${why})`);
    continue;
  }
  const expected = op.operationId === 'getTeapot' ? '418' : '0000';
  for (const lang of ['curl', 'php', 'java', 'android'] as SnippetLanguage[]) {
    if (!tools[lang].ok) {
      notExecuted.push(`${op.operationId} ${lang} (tool missing)`);
      continue;
    }
    jobs.push(async () => {
      const v = await readerValues(op.operationId);
      const env = { JUYIFU_TOKEN: v.token, JUYIFU_APP_ID: key.app_id, JUYIFU_APP_SECRET: key.app_secret };
      const code = fillIn(page.snippets![lang], v);
      const runs = makesItsOwn(page.request) ? 2 : 1;
      outcomes.push({
        name: op.operationId,
        lang,
        ...(await runTimes(lang, op.operationId, code, env, expected, runs)),
      });
    });
  }
}

// The code the try-it console shows for a new order, revealed and copied as the reader would:
// it must make its own order number and key too, while the console sends what its form shows.
function consolePreview(page: PageOperation, lang: SnippetLanguage, search = '') {
  const visit = { search, siteRoot: 'http://127.0.0.1:3000/', key: null, now: Date.now(), uuid: randomUUID };
  const form = startForm(page, visit);
  const built = buildRequest(page, form, base, token);
  if (!built.ok || !makesItsOwn(built.spec)) return undefined;
  return requestPreview(page, form, base, { token, hasKey: true, reveal: true }, page.id)?.snippets[lang];
}
/** The query string the reader's console page is opened with: a refund's comes from a paid order. */
const consoleSearch = async (operationId: string) =>
  operationId === 'createRefund' ? `?order_id=${await paidOrder()}` : '';
for (const op of contract.operations) {
  const page = pageOperation(op, base);
  for (const lang of ['curl', 'php', 'java', 'android'] as SnippetLanguage[]) {
    if (!page.snippets || !tools[lang].ok || !consolePreview(page, lang)) continue;
    const name = `${op.operationId} (console)`;
    jobs.push(async () => {
      const code = consolePreview(page, lang, await consoleSearch(op.operationId))!;
      outcomes.push({ name, lang, ...(await runTimes(lang, name, code, {}, '0000', 2)) });
    });
  }
}

// Code written in the docs (webhook signature checks and the guides): run by their harnesses.
for (const block of docBlocks()) {
  if (!block.harness) {
    notExecuted.push(`${block.file} ${block.lang} "${block.title}" (${block.why})`);
    continue;
  }
  // The Android guide's code is Android code, with OkHttp or with the payment SDKs' stand-ins.
  const android = block.code.includes('import okhttp3') || block.file.endsWith('guides/android.mdx');
  const lang: SnippetLanguage =
    block.lang === 'bash' ? 'curl' : block.lang === 'php' ? 'php' : android ? 'android' : 'java';
  if (!tools[lang].ok) {
    notExecuted.push(`${block.file} ${block.title} (tool missing)`);
    continue;
  }
  jobs.push(async () => {
    const dir = join(work, `doc-${outcomes.length}-${Math.random().toString(36).slice(2)}`);
    // A program that goes wrong where its harness expects an answer fails its row, not the run.
    const result = await block.harness!({ base, key, token, newOrder, dir }).catch((e: Error) => ({
      ok: false,
      detail: `harness stopped: ${e.message}`,
    }));
    outcomes.push({ name: `${block.file} ${block.title}`, lang, ok: result.ok, detail: result.detail });
  });
}

// The guides show the programs of examples/ by import, never a pasted copy: read, not run.
for (const check of guidePageChecks()) outcomes.push({ ...check, lang: 'page' });

// Two at a time: each JVM start wants a core.
const queue = [...jobs];
await Promise.all(
  [0, 1].map(async () => {
    for (let job = queue.shift(); job; job = queue.shift()) await job();
  }),
);

await app.close();
await slow.app.close();
receiver.close();
rmSync(work, { recursive: true, force: true });

for (const o of outcomes.sort((a, b) => a.name.localeCompare(b.name) || a.lang.localeCompare(b.lang))) {
  console.log(`${o.ok ? '✓' : '✗'} ${o.name} [${o.lang}] ${o.ok ? o.detail : `\n    ${o.detail}`}`);
}
if (notExecuted.length)
  console.log(`\nnot executed (${notExecuted.length}):\n${notExecuted.map((n) => `  - ${n}`).join('\n')}`);
const count = (l: Outcome['lang']) => outcomes.filter((o) => o.lang === l).length;
const passed = outcomes.filter((o) => o.ok).length;
const failed = outcomes.length - passed + (process.env.CI && missing.length ? missing.length : 0);
console.log(
  `\nsamples: curl ${count('curl')}, php ${count('php')}, java ${count('java')}, android ${count('android')} executed, guide pages ${count('page')} checked; ${passed} passed, ${failed} failed`,
);
process.exit(failed ? 1 : 0);
