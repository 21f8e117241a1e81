/**
 * Signed events for the harnesses: real ones from the sandbox (also after a real secret
 * rotation, on an app of their own so no other harness's secret changes under it) and forged
 * ones signed here, as an attacker or a stale configuration would send them.
 */
import { createHmac } from 'node:crypto';

export interface SandboxKey {
  app_id: string;
  app_secret: string;
  webhook_secret: string;
}

/** An app with a token, as a reader has it after getting a key. */
export interface AppAccess {
  base: string;
  key: SandboxKey;
  token: string;
}

export interface SignedEvent {
  payload: string;
  signature: string;
}

/** A JuYiFu-Signature over `body` at time `t` (now by default), one v1 per secret in order. */
export function sign(secrets: string[], body: string, t = Math.floor(Date.now() / 1000)): string {
  const v1s = secrets.map((s) => `v1=${createHmac('sha256', s).update(`${t}.${body}`).digest('hex')}`);
  return [`t=${t}`, ...v1s].join(',');
}

/** The v1 values of a header. */
export const v1Count = (header: string) => header.split(',').filter((p) => p.startsWith('v1=')).length;

/** One API call that must answer 0000; its data. */
export async function call<T>(app: Omit<AppAccess, 'key'>, method: string, path: string, body?: unknown): Promise<T> {
  const res = await fetch(app.base + path, {
    method,
    headers: { 'content-type': 'application/json', ...(app.token ? { authorization: `Bearer ${app.token}` } : {}) },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const json = await res.json();
  if (json.code !== '0000') throw new Error(`${method} ${path}: ${JSON.stringify(json)}`);
  return json.data as T;
}

/** A new sandbox app of its own, with a token. */
export async function newApp(base: string): Promise<AppAccess> {
  const key = await call<SandboxKey>({ base, token: '' }, 'POST', '/v1/sandbox/apps', { name: 'samples-rotation' });
  const { access_token } = await call<{ access_token: string }>({ base, token: '' }, 'POST', '/v1/oauth/token', {
    grant_type: 'client_credentials',
    app_id: key.app_id,
    app_secret: key.app_secret,
  });
  return { base, key, token: access_token };
}

/** Rotates the app's webhook secret; from now on events carry a v1 for each of the two. */
export async function rotate(app: AppAccess): Promise<{ previous: string; current: string }> {
  const { webhook_secret } = await call<{ webhook_secret: string }>(app, 'POST', '/v1/sandbox/webhook-secret');
  return { previous: app.key.webhook_secret, current: webhook_secret };
}

/** The events of an order, newest first. */
export async function eventsOf(app: Omit<AppAccess, 'key'>, orderId: string) {
  type Item = SignedEvent & {
    id: string;
    type: string;
    delivery: { status: string; attempts: { http_status: number | null }[] };
  };
  return (await call<{ items: Item[] }>(app, 'GET', `/v1/events?order_id=${orderId}`)).items;
}

/** Pays the order with simulate and returns its payment.paid event as a receiver gets it. */
export async function paidEvent(app: Omit<AppAccess, 'key'>, orderId: string): Promise<SignedEvent> {
  await call(app, 'POST', `/v1/sandbox/payments/${orderId}/simulate`, { result: 'paid' });
  const { payload, signature } = (await eventsOf(app, orderId))[0];
  return { payload, signature };
}

/** A paid event of a new order of the app's, without a notify_url (it stays in the inbox). */
export async function newPaidEvent(app: Omit<AppAccess, 'key'>): Promise<SignedEvent> {
  const { order_id } = await call<{ order_id: string }>(app, 'POST', '/v1/payments/create', {
    product_id: 's',
    product_name: '样例',
    amount: 1000,
  });
  return paidEvent(app, order_id);
}
