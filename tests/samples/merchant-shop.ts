/**
 * The PHP guide's merchant.php as the harnesses use it: started under `php -S` in a folder of its
 * own, asked as its app and its back office would ask, and sent events signed here as an
 * attacker or a stale configuration would send them.
 */
import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { readerEnv, until, type HarnessContext } from './harnesses.ts';
import { call, sign, type SandboxKey } from './sandbox-events.ts';

/** What the shop answers to a checkout, a refund, a webhook, or an error. */
export type Shopped = Record<string, string | number | boolean | null>;

/** A refund as the shop keeps it. */
export interface ShopRefund {
  refund_id: string | null;
  amount: number;
  status: string;
  failure_code: string | null;
  learned_from: string | null;
  flag: string | null;
}

/** An order as the shop's GET /orders/{order_id} shows it. */
export interface ShopOrder {
  [field: string]: unknown;
  amount_refunded: number;
  refundable: number;
  refunds: Record<string, ShopRefund>;
}

export interface Shop {
  url: string;
  /** POSTs JSON (or a raw body with the headers given) to the shop; its status and JSON answer. */
  post: (path: string, body: unknown, headers?: Record<string, string>) => Promise<{ status: number; json: Shopped }>;
  /** Asks the shop to refund, as its back office (with the back-office token unless `signedIn` is false). */
  refund: (orderId: string, body: unknown, signedIn?: boolean) => Promise<{ status: number; json: Shopped }>;
  order: (orderId: string) => Promise<ShopOrder>;
  stop: () => void;
}

/** merchant.php under `php -S` in a folder of its own, configured with `key`. */
export async function startMerchant(code: string, dir: string, base: string, key: SandboxKey): Promise<Shop> {
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, 'merchant.php'), code);
  const port = 20000 + Math.floor(Math.random() * 20000);
  const admin = randomBytes(16).toString('hex');
  const server = spawn('php', ['-S', `127.0.0.1:${port}`, 'merchant.php'], {
    cwd: dir,
    env: { ...readerEnv(base, key), MERCHANT_DATA_DIR: dir, SHOP_ADMIN_TOKEN: admin },
    stdio: 'ignore',
  });
  const url = `http://127.0.0.1:${port}`;
  await until(
    () => fetch(`${url}/orders/pay_x`).then((r) => r.status),
    (s) => s === 404,
  );
  const post: Shop['post'] = async (path, body, headers = {}) => {
    const res = await fetch(url + path, {
      method: 'POST',
      headers,
      body: typeof body === 'string' ? body : JSON.stringify(body),
    });
    return { status: res.status, json: (await res.json()) as Shopped };
  };
  const refund: Shop['refund'] = (orderId, body, signedIn = true) =>
    post(`/orders/${orderId}/refunds`, body, signedIn ? { Authorization: `Bearer ${admin}` } : {});
  const order = (orderId: string) => fetch(`${url}/orders/${orderId}`).then((r) => r.json() as Promise<ShopOrder>);
  return { url, post, refund, order, stop: () => server.kill() };
}

/** An event as 聚易付 would send it (`data` as its type carries), signed here with `secrets`. */
export function forged(
  id: string,
  data: Record<string, unknown>,
  secrets: string[],
  type = 'payment.paid',
): [string, Record<string, string>] {
  const created = Math.floor(Date.now() / 1000);
  const body = JSON.stringify({ id, type, created, data });
  return [body, { 'JuYiFu-Signature': sign(secrets, body) }];
}

/** The order as the sandbox has it (the amount it charges, what it has refunded). */
export const sandboxOrder = (ctx: HarnessContext, orderId: string) =>
  call<{ amount: number; out_trade_no: string; amount_refunded: number; refunded: boolean }>(
    ctx,
    'GET',
    `/v1/payments?order_id=${orderId}`,
  );
