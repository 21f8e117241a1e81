/**
 * The per-app rate limit holds across instances together (scale-out.md: "An app's requests per
 * second hold across all instances together"): with SANDBOX_RATE_LIMIT=10, thirty requests of
 * one app alternating between the two instances inside one second let exactly ten through. A
 * limit counted in each process would let twenty through.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { clusterForFile, sleep } from './support/cluster.ts';

const file = clusterForFile({ env: { SANDBOX_RATE_LIMIT: '10' } });

test('30 requests of one app alternating between the instances inside one second: exactly 10 pass, 20 are 429 with Retry-After', async () => {
  const { cluster, m } = file;
  for (let round = 0; round < 2; round++) {
    // A fresh window, which starts at its first request: the token request (which counts
    // against the app) or the previous round's is over.
    await sleep(1100);
    const started = performance.now();
    const replies = await Promise.all(
      Array.from({ length: 30 }, (_, i) => cluster.instances[i % 2].client.get('/v1/channels', { token: m.token })),
    );
    const spanMs = Math.round(performance.now() - started);
    // The limit counts per second: the claim is about thirty requests inside one.
    assert.ok(spanMs < 1000, `the 30 requests took ${spanMs} ms, more than the one second the limit counts`);
    const passed = replies.filter((r) => r.status === 200);
    const limited = replies.filter((r) => r.status === 429);
    assert.equal(passed.length, 10, replies.map((r) => r.status).join());
    assert.equal(limited.length, 20);
    for (const r of limited) {
      assert.equal(r.body.sub_code, 'rate_limited');
      const wait = Number(r.headers.get('retry-after'));
      assert.ok(Number.isInteger(wait) && wait >= 1, `Retry-After ${r.headers.get('retry-after')}`);
    }
    const perInstance = [0, 1].map((k) => replies.filter((r, i) => i % 2 === k && r.status === 200).length);
    console.log(`rate limit round ${round + 1}: ${spanMs} ms, passed on A ${perInstance[0]}, on B ${perInstance[1]}`);
  }
});
