/**
 * Signed webhooks over real HTTP: a receiver on 127.0.0.1 checks the signature with its own
 * HMAC code, a failing receiver is retried then acknowledged, every attempt is recorded, the
 * inbox keeps events without an endpoint, SSRF targets are refused, and pending deliveries
 * survive a restart.
 */
import assert from 'node:assert/strict';
import { createHmac, timingSafeEqual } from 'node:crypto';
import { after, before, describe, test } from 'node:test';
import { startReceiver } from './support/receiver.ts';
import { startSandbox, tempDbFile, type Client, type RunningSandbox } from './support/sandbox.ts';

/** What a merchant's server does with the JuYiFu-Signature header (written apart from the sandbox's code). */
function verifiedBy(secret: string, header: string, body: string): boolean {
  const m = /^t=(\d+),v1=([0-9a-f]{64})$/.exec(header);
  if (!m) return false;
  if (Math.abs(Date.now() / 1000 - Number(m[1])) > 300) return false;
  const expected = createHmac('sha256', secret).update(`${m[1]}.${body}`).digest();
  return timingSafeEqual(expected, Buffer.from(m[2], 'hex'));
}

const fast = { webhookAllowPrivate: true, webhookRetrySeconds: [0.2, 0.2, 0.2] };
let sb: RunningSandbox;
let m: Awaited<ReturnType<Client['newMerchant']>>;
const c = () => sb.client;

before(async () => {
  sb = await startSandbox({ config: fast, webhookPollMs: 50 });
  m = await c().newMerchant();
});
after(() => sb.close());

async function orderTo(notifyUrl: string | undefined, extra: Record<string, unknown> = {}) {
  const res = await c().post<'createPayment'>('/v1/payments/create', {
    token: m.token,
    json: {
      product_id: 'w',
      product_name: '通知测试',
      amount: 1000,
      external_ext: 'cart=42',
      ...(notifyUrl ? { notify_url: notifyUrl } : {}),
      ...extra,
    },
  });
  assert.equal(res.status, 200, res.text);
  return res.body.data;
}

async function eventsOf(orderId: string, client = c(), token = m.token) {
  return (await client.get<'listEvents'>(`/v1/events?order_id=${orderId}`, { token })).body.data.items;
}

async function until<T>(what: () => Promise<T>, ok: (v: T) => boolean, ms = 10_000): Promise<T> {
  const end = Date.now() + ms;
  for (;;) {
    const v = await what();
    if (ok(v) || Date.now() > end) return v;
    await new Promise((r) => setTimeout(r, 50));
  }
}

describe('delivery', () => {
  test('paid: one signed POST the receiver can verify, carrying the payment and external_ext', async () => {
    const rx = await startReceiver();
    try {
      const p = await orderTo(rx.url);
      await c().post(`/v1/sandbox/payments/${p.order_id}/simulate`, {
        token: m.token,
        json: { result: 'paid' },
      });
      await rx.waitFor(1);
      const [hit] = rx.received;
      assert.equal(hit.headers['content-type'], 'application/json; charset=utf-8');
      assert.ok(verifiedBy(m.webhook_secret, String(hit.headers['juyifu-signature']), hit.body), 'signature verifies');
      assert.ok(!verifiedBy('whsec_wrong', String(hit.headers['juyifu-signature']), hit.body));
      assert.ok(
        !verifiedBy(m.webhook_secret, String(hit.headers['juyifu-signature']), hit.body.replace('1000', '1')),
        'a changed body fails',
      );
      const event = JSON.parse(hit.body);
      assert.match(event.id, /^evt_/);
      assert.equal(hit.headers['juyifu-event-id'], event.id);
      assert.equal(event.type, 'payment.paid');
      assert.equal(event.data.payment.order_id, p.order_id);
      assert.equal(event.data.payment.status, 'paid');
      assert.equal(event.data.payment.external_ext, 'cart=42');
      const [listed] = await until(
        () => eventsOf(p.order_id),
        (e) => e[0]?.delivery.status === 'delivered',
      );
      assert.equal(listed.delivery.status, 'delivered');
      assert.equal(listed.delivery.attempts.length, 1);
      assert.equal(listed.delivery.attempts[0].http_status, 200);
      assert.ok(verifiedBy(m.webhook_secret, listed.signature, listed.payload), 'the inbox copy verifies too');
    } finally {
      await rx.close();
    }
  });

  test('failed and closed orders notify too', async () => {
    const rx = await startReceiver();
    try {
      const a = await orderTo(rx.url);
      const b = await orderTo(rx.url);
      await c().post(`/v1/sandbox/payments/${a.order_id}/simulate`, {
        token: m.token,
        json: { result: 'failed', failure_code: 'insufficient_funds' },
      });
      await c().post(`/v1/payments/${b.order_id}/close`, { token: m.token });
      await rx.waitFor(2);
      const types = rx.received.map((r) => JSON.parse(r.body)).map((e) => [e.data.payment.order_id, e.type]);
      assert.deepEqual(
        new Map(types as [string, string][]),
        new Map([
          [a.order_id, 'payment.failed'],
          [b.order_id, 'payment.closed'],
        ]),
      );
    } finally {
      await rx.close();
    }
  });

  test('a failing receiver is retried on the schedule until it answers 2xx; every attempt is recorded', async () => {
    const rx = await startReceiver((n) => (n <= 2 ? 500 : 204));
    try {
      const p = await orderTo(rx.url);
      await c().post(`/v1/sandbox/payments/${p.order_id}/simulate`, {
        token: m.token,
        json: { result: 'paid' },
      });
      await rx.waitFor(3);
      const [e] = await until(
        () => eventsOf(p.order_id),
        (x) => x[0]?.delivery.status === 'delivered',
      );
      assert.deepEqual(
        e.delivery.attempts.map((a) => [a.outcome, a.http_status]),
        [
          ['http_error', 500],
          ['http_error', 500],
          ['delivered', 204],
        ],
      );
      const ids = new Set(rx.received.map((r) => JSON.parse(r.body).id));
      assert.equal(ids.size, 1, 'retries carry the same event id');
      assert.ok(rx.received[1].at - rx.received[0].at >= 150, 'waits between attempts');
    } finally {
      await rx.close();
    }
  });

  test('retries are bounded: a receiver that never answers 2xx leaves the event failed', async () => {
    const rx = await startReceiver(() => 503);
    try {
      const p = await orderTo(rx.url);
      await c().post(`/v1/sandbox/payments/${p.order_id}/simulate`, {
        token: m.token,
        json: { result: 'paid' },
      });
      const [e] = await until(
        () => eventsOf(p.order_id),
        (x) => x[0]?.delivery.status === 'failed',
      );
      assert.equal(e.delivery.status, 'failed');
      assert.equal(e.delivery.attempts.length, fast.webhookRetrySeconds.length + 1);
      assert.equal(rx.received.length, fast.webhookRetrySeconds.length + 1);
      // Resend starts over: the receiver now accepts it.
      const resent = await c().post<'resendEvent'>(`/v1/events/${e.id}/resend`, { token: m.token });
      assert.equal(resent.body.data.delivery.status, 'pending');
    } finally {
      await rx.close();
    }
  });

  test('without notify_url the event waits in the inbox, signed; resend says why it cannot', async () => {
    const p = await orderTo(undefined);
    await c().post(`/v1/sandbox/payments/${p.order_id}/simulate`, {
      token: m.token,
      json: { result: 'paid' },
    });
    const [e] = await eventsOf(p.order_id);
    assert.equal(e.delivery.status, 'no_endpoint');
    assert.equal(e.type, 'payment.paid');
    const [t] = /t=(\d+)/.exec(e.signature)!.slice(1);
    assert.equal(
      e.signature.split('v1=')[1],
      createHmac('sha256', m.webhook_secret).update(`${t}.${e.payload}`).digest('hex'),
    );
    const resend = await c().post<'resendEvent'>(`/v1/events/${e.id}/resend`, { token: m.token });
    assert.equal(resend.status, 400);
    assert.equal(resend.body.sub_code, 'no_notify_url');
  });

  test("another merchant's events are invisible and cannot be resent", async () => {
    const p = await orderTo(undefined);
    await c().post(`/v1/sandbox/payments/${p.order_id}/simulate`, {
      token: m.token,
      json: { result: 'paid' },
    });
    const [e] = await eventsOf(p.order_id);
    const other = await c().newMerchant();
    assert.deepEqual(await eventsOf(p.order_id, c(), other.token), []);
    const all = (await c().get<'listEvents'>('/v1/events', { token: other.token })).body.data.items;
    assert.ok(!all.some((x) => x.id === e.id));
    const resend = await c().post<'resendEvent'>(`/v1/events/${e.id}/resend`, { token: other.token });
    assert.equal(resend.status, 404);
  });
});

describe('SSRF protection (private targets not allowed)', () => {
  test('loopback, private and link-local targets are refused, by literal address and after DNS', async () => {
    const rx = await startReceiver();
    const guarded = await startSandbox({ config: { webhookRetrySeconds: [0.1] }, webhookPollMs: 50 });
    try {
      const g = await guarded.client.newMerchant();
      const targets = [
        rx.url,
        `http://localhost:${rx.port}/notify`, // a name that resolves to loopback
        `http://[::1]:${rx.port}/notify`,
        'http://10.0.0.1/notify', // refused before any packet leaves: no traffic to private ranges
        'http://169.254.169.254/latest/meta-data',
        `http://0.0.0.0:${rx.port}/`,
      ];
      for (const url of targets) {
        const p = (
          await guarded.client.post<'createPayment'>('/v1/payments/create', {
            token: g.token,
            json: { product_id: 's', product_name: 's', amount: 1, notify_url: url },
          })
        ).body.data;
        await guarded.client.post(`/v1/sandbox/payments/${p.order_id}/simulate`, {
          token: g.token,
          json: { result: 'paid' },
        });
        const [e] = await until(
          () => eventsOf(p.order_id, guarded.client, g.token),
          (x) => x[0]?.delivery.status === 'failed',
        );
        assert.equal(e.delivery.status, 'failed', url);
        assert.deepEqual(
          e.delivery.attempts.map((a) => a.outcome),
          ['blocked'],
          `${url}: refused once, not retried`,
        );
      }
      assert.equal(rx.received.length, 0, 'nothing reached the receiver');
    } finally {
      await guarded.close();
      await rx.close();
    }
  });
});

describe('durability', () => {
  test('a delivery pending when the sandbox stops is made after it starts again', async () => {
    const db = tempDbFile();
    const first = await startSandbox({
      config: { dbFile: db, webhookAllowPrivate: true, webhookRetrySeconds: [0.3, 0.3, 0.3, 0.3] },
      webhookPollMs: 50,
    });
    const rx = await startReceiver(() => 200);
    const port = rx.port;
    await rx.close(); // the receiver is down while the order is paid
    const f = await first.client.newMerchant();
    const p = (
      await first.client.post<'createPayment'>('/v1/payments/create', {
        token: f.token,
        json: { product_id: 'd', product_name: 'd', amount: 5, notify_url: `http://127.0.0.1:${port}/notify` },
      })
    ).body.data;
    await first.client.post(`/v1/sandbox/payments/${p.order_id}/simulate`, {
      token: f.token,
      json: { result: 'paid' },
    });
    const [pending] = await until(
      () => eventsOf(p.order_id, first.client, f.token),
      (x) => x[0]?.delivery.attempts.length >= 1,
    );
    assert.equal(pending.delivery.status, 'pending');
    assert.equal(pending.delivery.attempts[0].outcome, 'network_error');
    await first.close();

    const { createServer } = await import('node:http');
    const got: string[] = [];
    const back = createServer((req, res) => {
      let body = '';
      req.on('data', (d) => (body += d));
      req.on('end', () => {
        got.push(body);
        res.end();
      });
    });
    await new Promise<void>((r) => back.listen(port, '127.0.0.1', r));
    const second = await startSandbox({
      config: { dbFile: db, webhookAllowPrivate: true, webhookRetrySeconds: [0.3, 0.3, 0.3, 0.3] },
      webhookPollMs: 50,
    });
    try {
      const token = (
        await second.client.post<'getToken'>('/v1/oauth/token', {
          form: { grant_type: 'client_credentials', app_id: f.app_id, app_secret: f.app_secret },
        })
      ).body.data.access_token;
      const [done] = await until(
        () => eventsOf(p.order_id, second.client, token),
        (x) => x[0]?.delivery.status === 'delivered',
      );
      assert.equal(done.delivery.status, 'delivered');
      assert.equal(got.length, 1);
      assert.equal(JSON.parse(got[0]).id, pending.id);
    } finally {
      await second.close();
      await new Promise<void>((r) => back.close(() => r()));
    }
  });
});
