/**
 * The events the console shows under a paid order (src/lib/console/events.ts): which answer
 * shows them, the signature verdict of each, and the watch that refreshes them until their
 * deliveries end, without a browser.
 */
import assert from 'node:assert/strict';
import { createHmac } from 'node:crypto';
import { describe, test } from 'node:test';
import {
  EVENTS_EVERY_MS,
  EVENTS_TRIES,
  loadEvents,
  orderWithEvents,
  settled,
  watchEvents,
  type EventSource,
  type ListedEvent,
  type Loaded,
} from '../../src/lib/console/events.ts';
import type { SandboxClient } from '../../src/lib/sandbox-client.ts';

const key = {
  app_id: 'app_1',
  app_secret: 'secret',
  source_id: 'src_1',
  webhook_secret: 'whsec_test',
  created_at: '2026-11-28T00:00:00Z',
};

function event(id: string, status: ListedEvent['delivery']['status'], secret = key.webhook_secret): ListedEvent {
  const payload = JSON.stringify({ id, type: 'payment.paid' });
  const t = 1764161422;
  const v1 = createHmac('sha256', secret).update(`${t}.${payload}`).digest('hex');
  return {
    id,
    type: 'payment.paid',
    created: t,
    data: { payment: { order_id: 'pay_1', status: 'paid' } },
    delivery: { status, next_attempt_at: null, attempts: [] },
    signature: `t=${t},v1=${v1}`,
    payload,
  } as unknown as ListedEvent;
}

/** A client whose GET /v1/events answers the given items, recording each query. */
function source(items: ListedEvent[], queries: [string, string][][] = []): EventSource {
  const client: Pick<SandboxClient, 'call'> = {
    call: async <T>(c: { query?: [string, string][]; bearer?: string }) => {
      assert.equal(c.bearer, 'tok');
      queries.push(c.query ?? []);
      return { ok: true as const, data: { items } as T, ms: 1 };
    },
  };
  return { client, tokens: { get: async () => ({ access_token: 'tok' }) }, key };
}

describe('orderWithEvents', () => {
  test('an order paid, failed or closed shows its events; one still waiting, a refund or an error does not', () => {
    for (const status of ['paid', 'failed', 'closed'])
      assert.equal(orderWithEvents({ code: '0000', data: { order_id: 'pay_1', status } }), 'pay_1', status);
    assert.equal(orderWithEvents({ code: '0000', data: { order_id: 'pay_1', status: 'pending' } }), null);
    assert.equal(
      orderWithEvents({ code: '0000', data: { order_id: 'pay_1', refund_id: 'ref_1', status: 'failed' } }),
      null,
    );
    assert.equal(orderWithEvents(null), null);
  });
});

describe('loadEvents', () => {
  test("asks for the order's events and checks each signature with the key's webhook_secret", async () => {
    const queries: [string, string][][] = [];
    const loaded = await loadEvents(
      source([event('evt_1', 'no_endpoint'), event('evt_2', 'delivered', 'other')], queries),
      [['order_id', 'pay_1']],
    );
    assert.deepEqual(queries, [[['order_id', 'pay_1']]]);
    assert.ok(loaded.ok);
    assert.deepEqual(
      loaded.events.map((e) => [e.id, e.valid]),
      [
        ['evt_1', true],
        ['evt_2', false],
      ],
    );
  });

  test('a token that cannot be had, or an error answer, is a message, not a throw', async () => {
    const noToken = { ...source([]), tokens: { get: () => Promise.reject(new Error('401 invalid_client')) } };
    assert.deepEqual(await loadEvents(noToken, []), { ok: false, message: '401 invalid_client' });
    const refused: EventSource = {
      ...source([]),
      client: {
        call: async () => ({
          ok: false as const,
          error: { kind: 'api' as const, status: 403, code: '4030', sub_code: 'insufficient_scope', message: '' },
        }),
      },
    };
    assert.deepEqual(await loadEvents(refused, []), { ok: false, message: '4030 insufficient_scope' });
  });
});

describe('watchEvents', () => {
  const ok = (...statuses: ListedEvent['delivery']['status'][]): Loaded => ({
    ok: true,
    events: statuses.map((s, i) => ({ ...event(`evt_${i}`, s), valid: true })),
  });

  async function run(answers: Loaded[], active = () => true) {
    const waits: number[] = [];
    const seen: Loaded[] = [];
    let loads = 0;
    await watchEvents({
      load: async () => answers[Math.min(loads++, answers.length - 1)],
      wait: async (ms) => void waits.push(ms),
      onLoaded: (l) => seen.push(l),
      active,
    });
    return { waits, seen, loads };
  }

  test('loads at once, then every 1.5 s until every delivery has ended', async () => {
    const { waits, seen, loads } = await run([
      ok(),
      ok('pending'),
      ok('pending', 'delivered'),
      ok('failed', 'delivered'),
    ]);
    assert.equal(loads, 4);
    assert.deepEqual(waits, [EVENTS_EVERY_MS, EVENTS_EVERY_MS, EVENTS_EVERY_MS]);
    assert.equal(seen.length, 4);
  });

  test('an event without an endpoint is settled at the first load', async () => {
    assert.equal((await run([ok('no_endpoint')])).loads, 1);
  });

  test('stops after its bound when a delivery never ends, and at the first failed load', async () => {
    assert.equal((await run([ok('pending')])).loads, EVENTS_TRIES);
    assert.equal((await run([{ ok: false, message: 'network' }, ok('delivered')])).loads, 1);
  });

  test('stops asking once it is no longer wanted', async () => {
    let calls = 0;
    const { loads, seen } = await run([ok('pending')], () => ++calls < 4);
    assert.ok(loads <= 2, `loads ${loads}`);
    assert.ok(seen.length < loads + 1);
  });

  test('settled: none pending, and at least one event', () => {
    assert.equal(settled([]), false);
    assert.equal(settled([event('a', 'delivered'), event('b', 'no_endpoint'), event('c', 'failed')]), true);
    assert.equal(settled([event('a', 'delivered'), event('b', 'pending')]), false);
  });
});
