/**
 * `juyifu listen` against a real sandbox process and a receiver that checks signatures with its
 * own HMAC code: an event arrives as the sandbox sent it, and a sandbox restart in the middle of
 * listening loses no event and repeats none.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { LINE_PATTERNS } from '../../cli/src/output.ts';
import { CliProcess, juyifu } from './cli-process.ts';
import { startReceiver } from './receiver.ts';
import { freePort, SandboxProcess, sandboxForTests } from './sandbox-process.ts';

const fixture = sandboxForTests();
const credentials = () => fixture.env();

const trigger = async (type: string) =>
  ((await fixture.sandbox.json('/v1/sandbox/events/trigger', { type }, fixture.app.token)).data as { id: string }).id;

/** Every event of the app, as GET /v1/events lists them: id and the body as sent. */
async function appEvents(): Promise<Map<string, string>> {
  const list = await fixture.sandbox.json('/v1/events?limit=100', undefined, fixture.app.token);
  const items = (list.data as { items: { id: string; payload: string }[] }).items;
  return new Map(items.map((e) => [e.id, e.payload]));
}

/** Waits until the receiver has `n` deliveries (or fails after `ms`). */
async function delivered(receiver: Awaited<ReturnType<typeof startReceiver>>, n: number, ms = 30_000) {
  const until = Date.now() + ms;
  while (receiver.deliveries.length < n) {
    if (Date.now() > until) throw new Error(`the receiver got ${receiver.deliveries.length} of ${n} events`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

test('listen forwards a triggered payment.paid with its body and signature verbatim, and prints its line', async () => {
  const receiver = await startReceiver(fixture.app.webhook_secret);
  const listen = new CliProcess(['listen', '--forward-to', receiver.url], credentials());
  try {
    const ready = await listen.line(/^Ready:/);
    assert.match(ready, LINE_PATTERNS.ready);
    assert.ok(ready.includes(fixture.app.app_id) && ready.includes(receiver.url), ready);

    const id = await trigger('payment.paid');
    const line = await listen.line(new RegExp(` ${id} `));
    const [, status, lineId, type, ms] = LINE_PATTERNS.event.exec(line) ?? [];
    assert.deepEqual([status, lineId, type], ['200', id, 'payment.paid'], line);
    assert.ok(Number(ms) >= 0);

    assert.equal(receiver.deliveries.length, 1);
    const [got] = receiver.deliveries;
    assert.ok(got.signatureValid, `signature ${got.headers['juyifu-signature']} checks out with the webhook secret`);
    assert.equal(got.headers['juyifu-event-id'], id);
    assert.equal(got.headers['content-type'], 'application/json; charset=utf-8');
    const payload = (await appEvents()).get(id);
    assert.ok(payload, 'GET /v1/events lists the event');
    assert.ok(got.body.equals(Buffer.from(payload, 'utf8')), 'the body is byte for byte the payload the sandbox sent');
    assert.equal(await listen.stop('SIGINT'), 0, 'Ctrl-C is a normal stop');
  } finally {
    await listen.stop();
    await receiver.close();
  }
});

test('a sandbox restart while listening: every event before the stop and after the restart arrives exactly once', async () => {
  const receiver = await startReceiver(fixture.app.webhook_secret);
  const listen = new CliProcess(['listen', '--forward-to', receiver.url], credentials());
  try {
    await listen.line(/^Ready:/);
    const known = new Set((await appEvents()).keys());
    await trigger('payment.failed');
    await delivered(receiver, 1);

    // Triggered just before the stop: some may not have been streamed yet when the stream ends.
    await trigger('payment.closed');
    await trigger('refund.succeeded'); // its order's payment.paid, then refund.succeeded
    const beforeStop = [...(await appEvents()).keys()].filter((id) => !known.has(id));
    await fixture.sandbox.stop();
    await listen.line(LINE_PATTERNS.reconnecting);
    await fixture.sandbox.restart();
    await trigger('payment.paid');
    await trigger('refund.failed');

    const expected = [...(await appEvents()).keys()].filter((id) => !known.has(id));
    assert.equal(
      expected.length,
      7,
      'payment.failed, payment.closed, 2 × payment.paid, refund.succeeded, payment.paid, refund.failed',
    );
    await delivered(receiver, expected.length);
    // A few more polls' time: a repeat would come now.
    await new Promise((r) => setTimeout(r, 1000));

    const counts = new Map<string, number>();
    for (const id of receiver.eventIds()) counts.set(id, (counts.get(id) ?? 0) + 1);
    assert.deepEqual([...counts.keys()].sort(), [...expected].sort(), 'every event arrived');
    assert.ok(
      [...counts.values()].every((n) => n === 1),
      `none twice: ${JSON.stringify([...counts])}`,
    );
    assert.ok(
      receiver.deliveries.every((d) => d.signatureValid),
      'every signature checks out',
    );

    const eventLines = listen.stdout.filter((l) => LINE_PATTERNS.event.test(l));
    assert.equal(eventLines.length, expected.length, 'one line per event');
    assert.ok(
      eventLines.every((l) => l.startsWith('200 ')),
      eventLines.join('\n'),
    );
    // It resumed after the last event it had forwarded before the drop.
    const drop = listen.stdout.findIndex((l) => LINE_PATTERNS.reconnecting.test(l));
    const lastBefore = listen.stdout
      .slice(0, drop)
      .reverse()
      .find((l) => LINE_PATTERNS.event.test(l))!;
    const resumed = await listen.line(LINE_PATTERNS.resumed);
    assert.equal(LINE_PATTERNS.resumed.exec(resumed)![1], LINE_PATTERNS.event.exec(lastBefore)![2]);
    const late = beforeStop.filter((id) => listen.stdout.findIndex((l) => l.includes(` ${id} `)) > drop);
    console.log(
      `restart: ${late.length} of the ${beforeStop.length} events made before the stop came after the resume`,
    );
    for (const l of listen.stdout)
      assert.ok(
        Object.values(LINE_PATTERNS).some((p) => p.test(l)),
        `a known line: ${l}`,
      );
    assert.equal(await listen.stop('SIGTERM'), 0, 'SIGTERM is a normal stop');
  } finally {
    await listen.stop();
    await receiver.close();
  }
});

test('a receiver that cannot be reached: the line says why instead of a status', async () => {
  const closed = `http://127.0.0.1:${await freePort()}/notify`;
  const listen = new CliProcess(['listen', '--forward-to', closed], credentials());
  try {
    await listen.line(/^Ready:/);
    const id = await trigger('payment.paid');
    const line = await listen.line(new RegExp(` ${id} `));
    assert.match(line, LINE_PATTERNS.event);
    assert.match(line, new RegExp(`^ECONNREFUSED ${id} payment\\.paid \\d+ ms$`));
    assert.equal(await listen.stop(), 0);
  } finally {
    await listen.stop();
  }
});

test('a token that expired while listening: the reconnect gets a new one and carries on', async () => {
  const sandbox = await SandboxProcess.start({ SANDBOX_TOKEN_TTL: '1' });
  const app = await sandbox.newApp();
  const env = { JUYIFU_SANDBOX_URL: sandbox.url, JUYIFU_APP_ID: app.app_id, JUYIFU_APP_SECRET: app.app_secret };
  const receiver = await startReceiver(app.webhook_secret);
  const listen = new CliProcess(['listen', '--forward-to', receiver.url], env);
  try {
    await listen.line(/^Ready:/);
    // The same command a user runs (a one-second token would expire between this test's calls).
    const first = LINE_PATTERNS.triggered.exec((await juyifu(['trigger', 'payment.paid'], env)).stdout.trim())![1];
    await listen.line(new RegExp(`^200 ${first} `));
    // Past the token's second of life, then a drop: the stream must be opened again with a new token.
    await new Promise((r) => setTimeout(r, 1500));
    await sandbox.stop();
    await sandbox.restart();
    assert.equal(await listen.line(LINE_PATTERNS.resumed), `Resumed after ${first}`);
    const second = LINE_PATTERNS.triggered.exec((await juyifu(['trigger', 'payment.closed'], env)).stdout.trim())![1];
    await listen.line(new RegExp(`^200 ${second} payment\\.closed `));
    assert.deepEqual(receiver.eventIds(), [first, second]);
    assert.equal(listen.stderr, '');
    assert.equal(await listen.stop(), 0);
  } finally {
    await listen.stop();
    await receiver.close();
    await sandbox.close();
  }
});
