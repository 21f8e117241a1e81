/**
 * The token endpoint charges failed credential checks to the caller's address, never to the app
 * they name: knowing an app_id must not let anyone spend that app's request budget.
 */
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { manualClock, startSandbox, type RunningSandbox } from './support/sandbox.ts';

const clock = manualClock(Date.parse('2026-11-20T10:00:00+08:00'));
let sb: RunningSandbox;
before(async () => {
  sb = await startSandbox({ now: clock.now, config: { rateLimitPerSecond: 3, tokenFailuresPerMinute: 5 } });
});
after(() => sb.close());

const tokenRequest = (app_id: string, app_secret: string) =>
  sb.client.post<'getToken'>('/v1/oauth/token', { form: { grant_type: 'client_credentials', app_id, app_secret } });

test("wrong secrets naming an app: 401 up to the address's limit, then 429; the app's own calls are untouched", async () => {
  const victim = await sb.client.newMerchant();
  clock.advance(1000);
  const answers: number[] = [];
  for (let i = 0; i < 10; i++) answers.push((await tokenRequest(victim.app_id, 'sk_test_guess')).status);
  assert.deepEqual(answers, [401, 401, 401, 401, 401, 429, 429, 429, 429, 429]);
  const refused = await tokenRequest(victim.app_id, 'sk_test_guess');
  assert.equal(refused.body.sub_code, 'rate_limited');
  assert.equal(refused.headers.get('retry-after'), '60');

  // Ten failed checks in this second, an app limit of 3 per second: the app still has all three.
  for (let i = 0; i < 3; i++) {
    const own = await sb.client.get('/v1/payments?order_id=pay_none', { token: victim.token });
    assert.equal(own.status, 404, 'the app itself is not rate limited');
  }
  assert.equal((await sb.client.get('/v1/payments?order_id=pay_none', { token: victim.token })).status, 429);

  // The address waits out its minute; then the right credentials get a token again.
  assert.equal((await tokenRequest(victim.app_id, victim.app_secret)).status, 429);
  clock.advance(61_000);
  const again = await tokenRequest(victim.app_id, victim.app_secret);
  assert.equal(again.status, 200);
  assert.match(again.body.data.access_token, /^tok_/);
});

test("a token that is issued counts against the app's own limit", async () => {
  const app = await sb.client.newMerchant();
  clock.advance(1000);
  const statuses: number[] = [];
  for (let i = 0; i < 4; i++) statuses.push((await tokenRequest(app.app_id, app.app_secret)).status);
  assert.deepEqual(statuses, [200, 200, 200, 429]);
});

test('by default, as the 授权机制说明 page says, an address gets 20 wrong credentials a minute', async () => {
  const defaults = await startSandbox({ now: clock.now });
  try {
    const app = await defaults.client.newMerchant();
    const statuses: number[] = [];
    for (let i = 0; i < 21; i++) {
      const res = await defaults.client.post('/v1/oauth/token', {
        form: { grant_type: 'client_credentials', app_id: app.app_id, app_secret: 'sk_test_guess' },
      });
      statuses.push(res.status);
    }
    assert.deepEqual(statuses, [...Array(20).fill(401), 429]);
  } finally {
    await defaults.close();
  }
});
