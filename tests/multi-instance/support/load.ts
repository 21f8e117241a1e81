/**
 * Merchants' servers under trouble: a few concurrent clients creating orders through nginx, each
 * with its own Idempotency-Key, and paying them (simulate), retrying what may be retried (a
 * network error, nginx's 502, a 503 with Retry-After) with the same key, as the docs tell
 * integrators to. The load is bounded: it stops when told, and each order's retries end at a
 * deadline. Afterwards, checkOrders() says whether anything acknowledged was lost or doubled.
 */
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import type { Cluster, Merchant, Outcome } from './cluster.ts';
import { send, sleep } from './cluster.ts';

export interface OrderTrack {
  key: string;
  /** Every order id an answer acknowledged for this key (one, or the key made two orders). */
  acknowledged: Set<string>;
  /** The payment was acknowledged (simulate answered paid, or the order reads paid after a lost answer). */
  paid: boolean;
}

export interface LoadReport {
  orders: OrderTrack[];
  /** How often each kind of answer came: "200", "503 database_unavailable", "502 (nginx)", "network", … */
  seen: Map<string, number>;
  /** 503s that came without a Retry-After header (the design says they all carry one). */
  without503RetryAfter: number;
  /** Answers no client should get (a 500, a 4xx on a valid request): what and where. */
  unexpected: string[];
}

interface LoadOptions {
  url: string;
  m: Merchant;
  clients: number;
  /** Pay each order once it is made; its payment.paid event then goes to notifyUrl if given. */
  pay?: boolean;
  notifyUrl?: string;
  /** How long one order's retries may go on before the client gives up on it. */
  retryForMs?: number;
  /** A pause between one client's orders, to keep the load (and what follows from it) in bounds. */
  pauseMs?: number;
}

function label(o: Outcome): string {
  if (o.kind === 'network') return 'network';
  if (o.kind === 'gateway') return `${o.status} (nginx)`;
  return o.status === 200 ? '200' : `${o.status} ${o.body.sub_code ?? ''}`.trim();
}

export function startLoad(options: LoadOptions) {
  const { url, m } = options;
  const retryForMs = options.retryForMs ?? 20_000;
  const report: LoadReport = { orders: [], seen: new Map(), without503RetryAfter: 0, unexpected: [] };
  let stopping = false;

  const note = (o: Outcome) => {
    const l = label(o);
    report.seen.set(l, (report.seen.get(l) ?? 0) + 1);
    if (o.kind === 'answer' && o.status === 503 && !o.headers.get('retry-after')) report.without503RetryAfter++;
  };

  /** Sends until an answer that is not a retryable failure; undefined when the deadline came first. */
  async function retrying(what: string, call: () => Promise<Outcome>) {
    const deadline = Date.now() + retryForMs;
    while (Date.now() < deadline) {
      const o = await call();
      note(o);
      if (o.kind === 'answer' && o.status !== 503) return o;
      // Retry-After is honoured, but no longer than half a second: the outages here are short,
      // and more retries during one are more chances to make a duplicate.
      const after = o.kind === 'answer' ? Number(o.headers.get('retry-after') ?? 1) * 1000 : 100;
      await sleep(Math.min(after, 500));
    }
    report.unexpected.push(`${what}: still failing after ${retryForMs} ms`);
    return undefined;
  }

  async function oneOrder(client: number, n: number): Promise<void> {
    const track: OrderTrack = {
      key: `load-${client}-${n}-${randomUUID().slice(0, 8)}`,
      acknowledged: new Set(),
      paid: false,
    };
    report.orders.push(track);
    const body = { product_id: track.key, product_name: '负载', amount: 1000, notify_url: options.notifyUrl };
    const created = await retrying(`create ${track.key}`, () =>
      send(url, 'POST', '/v1/payments/create', {
        token: m.token,
        json: body,
        headers: { 'idempotency-key': track.key },
      }),
    );
    if (!created) return;
    if (created.status !== 200) {
      report.unexpected.push(`create ${track.key}: ${label(created)}`);
      return;
    }
    const orderId = String((created.body.data as { order_id: string }).order_id);
    track.acknowledged.add(orderId);
    if (!options.pay) return;
    const paid = await retrying(`pay ${orderId}`, () =>
      send(url, 'POST', `/v1/sandbox/payments/${orderId}/simulate`, { token: m.token, json: { result: 'paid' } }),
    );
    if (paid?.status === 200) track.paid = true;
    else if (paid?.body.sub_code === 'invalid_state_transition') {
      // An earlier try was carried out but its answer lost (the instance died after the commit).
      const read = await retrying(`read ${orderId}`, () =>
        send(url, 'GET', `/v1/payments/${orderId}`, { token: m.token }),
      );
      track.paid = (read?.body.data as { status?: string } | undefined)?.status === 'paid';
      if (!track.paid) report.unexpected.push(`pay ${orderId}: ${label(paid)} and the order is not paid`);
    } else if (paid) report.unexpected.push(`pay ${orderId}: ${label(paid)}`);
  }

  const clients = Array.from({ length: options.clients }, async (_, client) => {
    for (let n = 0; !stopping; n++) {
      await oneOrder(client, n);
      if (options.pauseMs) await sleep(options.pauseMs);
    }
  });

  return {
    report,
    /** Stops starting orders, lets the clients finish the ones under way, and reports. */
    async stop(): Promise<LoadReport> {
      stopping = true;
      await Promise.all(clients);
      return report;
    },
  };
}

export interface OrderCheck {
  acknowledged: number;
  lost: number;
  /** Keys that made more than one order (by their acknowledged ids, and by the rows). */
  doubled: number;
}

/**
 * Every acknowledged order exists (read through nginx), no key was acknowledged with two order
 * ids, and no key has two rows (product_id carries the key, so a second order of one key shows).
 */
export async function checkOrders(cluster: Cluster, m: Merchant, orders: OrderTrack[]): Promise<OrderCheck> {
  const acknowledged = orders.filter((o) => o.acknowledged.size > 0);
  let lost = 0;
  for (const o of acknowledged) {
    for (const id of o.acknowledged) {
      const read = await cluster.client.get(`/v1/payments/${id}`, { token: m.token });
      if (read.status === 404) lost++;
      else assert.equal(read.status, 200, read.text);
    }
  }
  const twice = await cluster.sql<{ product_id: string }>(
    'SELECT product_id FROM payments WHERE merchant_id = $1 GROUP BY product_id HAVING count(*) > 1',
    [m.source_id],
  );
  const doubled = new Set([
    ...acknowledged.filter((o) => o.acknowledged.size > 1).map((o) => o.key),
    ...twice.map((r) => r.product_id),
  ]).size;
  return { acknowledged: acknowledged.length, lost, doubled };
}
