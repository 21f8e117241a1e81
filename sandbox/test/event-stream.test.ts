/**
 * Webhooks you can drive and watch: POST /v1/sandbox/events/trigger makes each event type with
 * real objects behind it; each attempt keeps the start of the receiver's answer; and
 * GET /v1/sandbox/events/stream sends every event with the exact body and a signature a receiver
 * can check (here with node:crypto, not the sandbox's code), resuming after Last-Event-ID with
 * nothing lost or repeated.
 */
import assert from 'node:assert/strict';
import { createHmac } from 'node:crypto';
import { after, before, describe, test } from 'node:test';
import { drainAndClose } from '../src/app.ts';
import { startReceiver } from './support/receiver.ts';
import { startSandbox, type Client, type RunningSandbox } from './support/sandbox.ts';

let sb: RunningSandbox;
let m: Awaited<ReturnType<Client['newMerchant']>>;

before(async () => {
  sb = await startSandbox({ config: { webhookAllowPrivate: true, webhookRetrySeconds: [0.2] } });
  m = await sb.client.newMerchant();
});
after(() => sb.close());

const TYPES = ['payment.paid', 'payment.failed', 'payment.closed', 'refund.succeeded', 'refund.failed'] as const;

/** True when some v1 of `header` is HMAC-SHA256(secret, t + "." + body). */
function signedBy(secret: string, header: string, body: string): boolean {
  const t = /^t=(\d+)/.exec(header)?.[1];
  const expected = createHmac('sha256', secret).update(`${t}.${body}`).digest('hex');
  return header.split(',').includes(`v1=${expected}`);
}

interface StreamEvent {
  id: string;
  event: string;
  data: { id: string; type: string; signature: string; body: string };
}

/** Opens the stream and collects its events until closed. */
async function openStream(token: string, lastEventId?: string) {
  const stop = new AbortController();
  const res = await fetch(`${sb.url}/v1/sandbox/events/stream`, {
    headers: { authorization: `Bearer ${token}`, ...(lastEventId ? { 'last-event-id': lastEventId } : {}) },
    signal: stop.signal,
  });
  const events: StreamEvent[] = [];
  const reading = (async () => {
    if (res.status !== 200) return;
    const decoder = new TextDecoder();
    const reader = res.body!.getReader();
    let buffer = '';
    try {
      for (;;) {
        const { done, value } = await reader.read();
        if (done) return;
        buffer += decoder.decode(value, { stream: true });
        let end: number;
        while ((end = buffer.indexOf('\n\n')) >= 0) {
          const lines = buffer.slice(0, end).split('\n');
          buffer = buffer.slice(end + 2);
          const field = (name: string) => lines.find((l) => l.startsWith(`${name}: `))?.slice(name.length + 2);
          const data = field('data');
          if (data) events.push({ id: field('id')!, event: field('event')!, data: JSON.parse(data) });
        }
      }
    } catch {
      // aborted
    }
  })();
  return {
    res,
    events,
    async waitFor(n: number, ms = 5000) {
      const until = Date.now() + ms;
      while (events.length < n && Date.now() < until) await new Promise((r) => setTimeout(r, 20));
      assert.ok(events.length >= n, `stream got ${events.length} of ${n} events`);
    },
    async close() {
      stop.abort();
      await reading;
    },
  };
}

const trigger = (type: string, notify_url?: string) =>
  sb.client.post<'triggerEvent'>('/v1/sandbox/events/trigger', { token: m.token, json: { type, notify_url } });

describe('trigger', () => {
  test('each event type, with real objects behind it, sent to notify_url; the attempt keeps the start of the answer', async () => {
    const receiver = await startReceiver();
    try {
      for (const type of TYPES) {
        const res = await trigger(type, receiver.url);
        assert.equal(res.status, 200, res.text);
        const e = res.body.data;
        assert.equal(e.type, type);
        assert.match(e.data.payment.order_id, /^pay_/);
        if (type.startsWith('refund.')) {
          assert.equal(e.data.refund?.status, type === 'refund.succeeded' ? 'succeeded' : 'failed');
          assert.equal(e.data.payment.status, 'paid');
        } else assert.equal(e.data.payment.status, type.split('.')[1]);
      }
      // A refund needs a paid order, and paying it sends payment.paid first, as it would for real.
      const sent = ['payment.paid', 'payment.failed', 'payment.closed'];
      sent.push('payment.paid', 'refund.succeeded', 'payment.paid', 'refund.failed');
      await receiver.waitFor(sent.length);
      assert.deepEqual(
        receiver.received.map((r) => JSON.parse(r.body).type),
        sent,
      );
      // The attempt is recorded just after the receiver answered: read until all seven are.
      let attempts: { response_excerpt?: string }[] = [];
      for (let i = 0; i < 50 && attempts.length < sent.length; i++) {
        const list = await sb.client.get<'listEvents'>('/v1/events?limit=7', { token: m.token });
        attempts = list.body.data.items.flatMap((e) => e.delivery.attempts);
        if (attempts.length < sent.length) await new Promise((r) => setTimeout(r, 50));
      }
      assert.equal(attempts.length, sent.length);
      assert.ok(
        attempts.every((a) => a.response_excerpt === 'ok'),
        JSON.stringify(attempts),
      );
    } finally {
      await receiver.close();
    }
  });

  test('an unknown type is a 400 naming the field', async () => {
    const res = await trigger('payment.refunded');
    assert.equal(res.status, 400);
    assert.equal(res.body.param, 'type');
  });
});

describe('the stream', () => {
  test('every later event, body as sent and signed with the webhook secret; Last-Event-ID resumes, nothing lost or repeated', async () => {
    const stream = await openStream(m.token);
    assert.equal(stream.res.status, 200);
    assert.match(stream.res.headers.get('content-type') ?? '', /^text\/event-stream/);
    const first = await trigger('payment.paid');
    await stream.waitFor(1);
    const [got] = stream.events;
    assert.equal(got.id, first.body.data.id);
    assert.equal(got.event, 'payment.paid');
    assert.equal(got.data.body, first.body.data.payload, 'the body byte for byte');
    assert.ok(signedBy(m.webhook_secret, got.data.signature, got.data.body), 'the signature checks out');
    await stream.close();

    // Two events while nobody listens, then a resume after the first: exactly those two.
    const missed = [await trigger('payment.failed'), await trigger('payment.closed')].map((r) => r.body.data.id);
    const resumed = await openStream(m.token, got.id);
    await resumed.waitFor(2);
    await new Promise((r) => setTimeout(r, 600)); // a few more polls: nothing else may come
    await resumed.close();
    assert.deepEqual(
      resumed.events.map((e) => e.id),
      missed,
    );
  });

  test("another app's events are not in the stream", async () => {
    const other = await sb.client.newMerchant();
    const stream = await openStream(other.token);
    await trigger('payment.paid');
    await new Promise((r) => setTimeout(r, 800));
    await stream.close();
    assert.equal(stream.events.length, 0);
  });

  test('an unknown Last-Event-ID is a 404, a malformed one a 400; no token, a 401', async () => {
    const unknown = await sb.client.get('/v1/sandbox/events/stream', {
      token: m.token,
      headers: { 'last-event-id': 'evt_doesnotexist' },
    });
    assert.equal(unknown.status, 404);
    const bad = await sb.client.get('/v1/sandbox/events/stream', {
      token: m.token,
      headers: { 'last-event-id': 'x y' },
    });
    assert.equal(bad.status, 400);
    assert.equal(bad.body.param, 'Last-Event-ID');
    assert.equal((await sb.client.get('/v1/sandbox/events/stream')).status, 401);
  });
});

test('a draining sandbox ends its streams at once (their clients resume elsewhere), and closes', async () => {
  const own = await startSandbox();
  const x = await own.client.newMerchant();
  const res = await fetch(`${own.url}/v1/sandbox/events/stream`, { headers: { authorization: `Bearer ${x.token}` } });
  assert.equal(res.status, 200);
  const ended = res.text().then(() => Date.now());
  const started = Date.now();
  await drainAndClose(own.app, 5000);
  assert.ok((await ended) - started < 1000, 'the stream ended within a second of the drain');
});
