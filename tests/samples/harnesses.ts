/**
 * What every harness shares: the context a harness gets, its result, waiting, a reader's
 * environment, paying on the cashier. The harnesses feed a program real data from the sandbox
 * (a signed event, a payment paid on the cashier) or forged requests, and check what the program
 * says: verify-harnesses.ts the signature checks, merchant-harnesses.ts the PHP merchant server
 * (started by merchant-shop.ts, refunding in merchant-refunds.ts) and the Android app,
 * java-client-harness.ts the Java guide's client. Which block or examples/
 * file gets which harness is decided in doc-blocks.ts.
 */
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import type { SandboxKey } from './sandbox-events.ts';

export const run = promisify(execFile);

export interface HarnessContext {
  base: string;
  key: SandboxKey;
  token: string;
  newOrder: () => Promise<string>;
  dir: string;
}

export interface HarnessResult {
  ok: boolean;
  detail: string;
}

/** A result from what a program did, step by step, against what it should have done. */
export function stepsResult(got: string[], want: string[]): HarnessResult {
  const ok = JSON.stringify(got) === JSON.stringify(want);
  return { ok, detail: ok ? got.join('; ') : `got: ${got.join('; ')}\n    want: ${want.join('; ')}` };
}

export const wait = (ms: number) => new Promise((r) => setTimeout(r, ms));

export async function until<T>(f: () => Promise<T>, ok: (v: T) => boolean): Promise<T> {
  for (let i = 0; ; i++) {
    const v = await f().catch(() => undefined as T);
    if ((v !== undefined && ok(v)) || i > 100) return v;
    await wait(100);
  }
}

/** The environment a reader exports before running a guide's program. */
export function readerEnv(base: string, key: SandboxKey): NodeJS.ProcessEnv {
  return {
    ...process.env,
    JUYIFU_BASE_URL: base,
    JUYIFU_APP_ID: key.app_id,
    JUYIFU_APP_SECRET: key.app_secret,
    JUYIFU_WEBHOOK_SECRET: key.webhook_secret,
  };
}

/** Pays an order on the hosted cashier, as the payer's button would. */
export async function payOnCashier(base: string, orderId: string, payUrl: string): Promise<void> {
  const secret = new URL(payUrl).searchParams.get('client_secret')!;
  await fetch(`${base}/cashier/${orderId}`, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: `client_secret=${encodeURIComponent(secret)}&action=pay`,
    redirect: 'manual',
  });
}
