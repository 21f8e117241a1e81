/**
 * Webhook secret rotation over real HTTP, with an injected clock: after a rotation every event
 * is signed with the new secret and the old one (`t=…,v1=<new>,v1=<old>`) for 24 hours, then
 * with the new one only; a second rotation retires the oldest at once; another app's secret
 * is never touched.
 */
import assert from 'node:assert/strict';
import { createHmac } from 'node:crypto';
import { after, before, test } from 'node:test';
import { startReceiver } from './support/receiver.ts';
import { manualClock, startSandbox, type Client, type RunningSandbox } from './support/sandbox.ts';

const HOUR = 60 * 60 * 1000;

/** The v1 values of a header, and whether one of them is the HMAC with `secret` (a receiver's own check). */
function v1s(header: string): string[] {
  return header
    .split(',')
    .filter((p) => p.startsWith('v1='))
    .map((p) => p.slice(3));
}

function signedWith(secret: string, header: string, body: string): boolean {
  const t = /^t=(\d+),/.exec(header)?.[1];
  const expected = createHmac('sha256', secret).update(`${t}.${body}`).digest('hex');
  return v1s(header).includes(expected);
}

const clock = manualClock();
let sb: RunningSandbox;
let rx: Awaited<ReturnType<typeof startReceiver>>;
const c = () => sb.client;

before(async () => {
  sb = await startSandbox({ now: clock.now, config: { webhookAllowPrivate: true }, webhookPollMs: 20 });
  rx = await startReceiver();
});
after(async () => {
  await sb.close();
  await rx.close();
});

async function freshToken(m: { app_id: string; app_secret: string }) {
  const res = await c().post<'getToken'>('/v1/oauth/token', {
    form: { grant_type: 'client_credentials', app_id: m.app_id, app_secret: m.app_secret },
  });
  assert.equal(res.status, 200, res.text);
  return res.body.data.access_token;
}

/** Pays a new order notifying the receiver and returns the delivered request. */
async function paidEvent(token: string) {
  const created = await c().post<'createPayment'>('/v1/payments/create', {
    token,
    json: { product_id: 'r', product_name: '轮换', amount: 1000, notify_url: rx.url },
  });
  assert.equal(created.status, 200, created.text);
  const before = rx.received.length;
  const paid = await c().post(`/v1/sandbox/payments/${created.body.data.order_id}/simulate`, {
    token,
    json: { result: 'paid' },
  });
  assert.equal(paid.status, 200, paid.text);
  await rx.waitFor(before + 1);
  const hit = rx.received[before];
  return { header: String(hit.headers['juyifu-signature']), body: hit.body };
}

async function rotate(client: Client, token: string) {
  const res = await client.post<'rotateWebhookSecret'>('/v1/sandbox/webhook-secret', { token });
  assert.equal(res.status, 200, res.text);
  return res.body.data;
}

test('a rotation signs with both secrets for 24 hours, then with the new one only', async () => {
  const m = await c().newMerchant();
  const other = await c().newMerchant();
  const before = await paidEvent(m.token);
  assert.equal(v1s(before.header).length, 1, 'one v1 before any rotation');
  assert.ok(signedWith(m.webhook_secret, before.header, before.body));

  const rotated = await rotate(c(), m.token);
  assert.match(rotated.webhook_secret, /^whsec_/);
  assert.notEqual(rotated.webhook_secret, m.webhook_secret);
  assert.equal(Date.parse(rotated.previous_expires_at), Math.floor(clock.now() / 1000) * 1000 + 24 * HOUR);

  const during = await paidEvent(m.token);
  assert.equal(v1s(during.header).length, 2, 'two v1 values during the overlap');
  assert.ok(signedWith(rotated.webhook_secret, during.header, during.body), 'the new secret verifies');
  assert.ok(signedWith(m.webhook_secret, during.header, during.body), 'the old secret still verifies');
  assert.equal(
    v1s(during.header)[0],
    createHmac('sha256', rotated.webhook_secret)
      .update(`${/^t=(\d+)/.exec(during.header)![1]}.${during.body}`)
      .digest('hex'),
    'the new secret signs first',
  );

  // The inbox's copy of the signature is the same header a receiver gets.
  const inbox = await c().get<'listEvents'>('/v1/events?limit=1', { token: m.token });
  assert.equal(v1s(inbox.body.data.items[0].signature).length, 2);

  // Another app is untouched.
  const theirs = await paidEvent(other.token);
  assert.equal(v1s(theirs.header).length, 1);
  assert.ok(signedWith(other.webhook_secret, theirs.header, theirs.body));

  clock.advance(24 * HOUR - 1000);
  const lastSecond = await paidEvent(await freshToken(m));
  assert.ok(signedWith(m.webhook_secret, lastSecond.header, lastSecond.body), 'still signed 1 s before expiry');

  clock.advance(1000);
  const afterExpiry = await paidEvent(await freshToken(m));
  assert.equal(v1s(afterExpiry.header).length, 1, 'the old secret stops signing at previous_expires_at');
  assert.ok(signedWith(rotated.webhook_secret, afterExpiry.header, afterExpiry.body));
  assert.ok(!signedWith(m.webhook_secret, afterExpiry.header, afterExpiry.body));
});

test('rotating twice within a day retires the oldest secret at once', async () => {
  const m = await c().newMerchant();
  const first = await rotate(c(), m.token);
  const second = await rotate(c(), m.token);
  const e = await paidEvent(m.token);
  assert.deepEqual(
    [second.webhook_secret, first.webhook_secret, m.webhook_secret].map((s) => signedWith(s, e.header, e.body)),
    [true, true, false],
  );
});

test('rotation needs the app token', async () => {
  const res = await c().post('/v1/sandbox/webhook-secret');
  assert.equal(res.status, 401, res.text);
  const readOnly = await c().newMerchant('payments:read');
  const refused = await c().post('/v1/sandbox/webhook-secret', { token: readOnly.token });
  assert.equal(refused.status, 403, refused.text);
});
