/**
 * The harnesses that run the programs of the docs: each feeds a program real data from the
 * sandbox (a signed event, a payment paid on the cashier) and checks what the program says.
 * Which block or examples/ file gets which harness is decided in doc-blocks.ts.
 */
import { execFile, spawn } from 'node:child_process';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';

const run = promisify(execFile);

/** The Android guide's app talks to the PHP guide's server: this one, under `php -S`. */
const MERCHANT_PHP = 'examples/php/merchant.php';

export interface HarnessContext {
  base: string;
  key: { app_id: string; app_secret: string; webhook_secret: string };
  token: string;
  newOrder: () => Promise<string>;
  dir: string;
}

export interface HarnessResult {
  ok: boolean;
  detail: string;
}

/** A real signed event from the sandbox: its raw body and the header a receiver would get. */
async function signedEvent(ctx: HarnessContext): Promise<{ payload: string; signature: string }> {
  const id = await ctx.newOrder();
  const auth = { authorization: `Bearer ${ctx.token}`, 'content-type': 'application/json' };
  await fetch(`${ctx.base}/v1/sandbox/payments/${id}/simulate`, {
    method: 'POST',
    headers: auth,
    body: '{"result":"paid"}',
  });
  const events = await (await fetch(`${ctx.base}/v1/events?order_id=${id}`, { headers: auth })).json();
  const e = events.data.items[0];
  return { payload: e.payload, signature: e.signature };
}

export async function phpVerify(code: string, ctx: HarnessContext): Promise<HarnessResult> {
  const { payload, signature } = await signedEvent(ctx);
  mkdirSync(ctx.dir, { recursive: true });
  const script = `${code}\n$body = file_get_contents($argv[1]);\necho juyifu_verify(getenv('SECRET'), getenv('SIG'), $body) ? 'valid' : 'invalid', ' ';\necho juyifu_verify(getenv('SECRET'), getenv('SIG'), $body . ' ') ? 'valid' : 'invalid', ' ';\necho juyifu_verify('whsec_wrong', getenv('SIG'), $body) ? 'valid' : 'invalid';\n`;
  writeFileSync(join(ctx.dir, 'verify.php'), script);
  writeFileSync(join(ctx.dir, 'body.json'), payload);
  const { stdout } = await run('php', ['verify.php', 'body.json'], {
    cwd: ctx.dir,
    env: { ...process.env, SECRET: ctx.key.webhook_secret, SIG: signature },
  });
  return {
    ok: stdout.trim() === 'valid invalid invalid',
    detail: `real event: ${stdout.trim()} (want: valid invalid invalid)`,
  };
}

export async function javaVerify(code: string, ctx: HarnessContext): Promise<HarnessResult> {
  const { payload, signature } = await signedEvent(ctx);
  mkdirSync(ctx.dir, { recursive: true });
  writeFileSync(join(ctx.dir, 'JuYiFuSignature.java'), code);
  writeFileSync(
    join(ctx.dir, 'Harness.java'),
    `import java.nio.file.*;
public class Harness {
    public static void main(String[] a) throws Exception {
        String body = new String(Files.readAllBytes(Paths.get("body.json")), "UTF-8");
        String secret = System.getenv("SECRET"), sig = System.getenv("SIG");
        System.out.println((JuYiFuSignature.verify(secret, sig, body, 300) ? "valid" : "invalid") + " "
            + (JuYiFuSignature.verify(secret, sig, body + " ", 300) ? "valid" : "invalid") + " "
            + (JuYiFuSignature.verify("whsec_wrong", sig, body, 300) ? "valid" : "invalid"));
    }
}
`,
  );
  writeFileSync(join(ctx.dir, 'body.json'), payload);
  await run('javac', ['-d', '.', 'JuYiFuSignature.java', 'Harness.java'], { cwd: ctx.dir });
  const { stdout } = await run('java', ['-cp', '.', 'Harness'], {
    cwd: ctx.dir,
    env: { ...process.env, SECRET: ctx.key.webhook_secret, SIG: signature },
  });
  return {
    ok: stdout.trim() === 'valid invalid invalid',
    detail: `real event: ${stdout.trim()} (want: valid invalid invalid)`,
  };
}

const wait = (ms: number) => new Promise((r) => setTimeout(r, ms));

async function until<T>(f: () => Promise<T>, ok: (v: T) => boolean): Promise<T> {
  for (let i = 0; ; i++) {
    const v = await f().catch(() => undefined as T);
    if ((v !== undefined && ok(v)) || i > 100) return v;
    await wait(100);
  }
}

function readerEnv(ctx: HarnessContext): NodeJS.ProcessEnv {
  return {
    ...process.env,
    JUYIFU_BASE_URL: ctx.base,
    JUYIFU_APP_ID: ctx.key.app_id,
    JUYIFU_APP_SECRET: ctx.key.app_secret,
    JUYIFU_WEBHOOK_SECRET: ctx.key.webhook_secret,
  };
}

/** Pays an order on the hosted cashier, as the payer's button would. */
async function payOnCashier(ctx: HarnessContext, orderId: string, payUrl: string): Promise<void> {
  const secret = new URL(payUrl).searchParams.get('client_secret')!;
  await fetch(`${ctx.base}/cashier/${orderId}`, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: `client_secret=${encodeURIComponent(secret)}&action=pay`,
    redirect: 'manual',
  });
}

/** The PHP guide's merchant.php under `php -S`, as the guide runs it; resolves to its URL. */
async function startMerchant(code: string, ctx: HarnessContext): Promise<{ shop: string; stop: () => void }> {
  mkdirSync(ctx.dir, { recursive: true });
  writeFileSync(join(ctx.dir, 'merchant.php'), code);
  const port = 20000 + Math.floor(Math.random() * 20000);
  const server = spawn('php', ['-S', `127.0.0.1:${port}`, 'merchant.php'], {
    cwd: ctx.dir,
    env: { ...readerEnv(ctx), MERCHANT_DATA_DIR: ctx.dir },
    stdio: 'ignore',
  });
  const shop = `http://127.0.0.1:${port}`;
  await until(
    () => fetch(`${shop}/orders/pay_x`).then((r) => r.status),
    (s) => s === 404,
  );
  return { shop, stop: () => server.kill() };
}

/** The PHP guide's merchant server through a whole payment. */
export async function phpMerchant(code: string, ctx: HarnessContext): Promise<HarnessResult> {
  const { shop, stop } = await startMerchant(code, ctx);
  const steps: string[] = [];
  try {
    const checkout = async (amount: unknown) =>
      fetch(`${shop}/checkout`, {
        method: 'POST',
        body: JSON.stringify({ product_id: 'sku-1', product_name: '年度会员', amount }),
      });
    const created = await (await checkout(1000)).json();
    steps.push(`checkout ${created.order_id ? 'ok' : JSON.stringify(created)}`);
    await payOnCashier(ctx, created.order_id, created.pay_url);
    const order = () => fetch(`${shop}/orders/${created.order_id}`).then((r) => r.json());
    // Ask the shop only after the webhook had time: the shop must have learned it from the webhook.
    await wait(1500);
    const paid = await until(order, (o) => o.delivered === 1);
    steps.push(`paid via ${paid.learned_from}, delivered ${paid.delivered}`);
    const auth = { authorization: `Bearer ${ctx.token}` };
    const events = await (await fetch(`${ctx.base}/v1/events?order_id=${created.order_id}`, { headers: auth })).json();
    await fetch(`${ctx.base}/v1/events/${events.data.items[0].id}/resend`, { method: 'POST', headers: auth });
    const again = await until(order, (o) => o.notifications >= 2);
    steps.push(`resent: notifications ${again.notifications}, delivered ${again.delivered}`);
    const forged = await fetch(`${shop}/notify`, {
      method: 'POST',
      headers: { 'JuYiFu-Signature': 't=1,v1=' + '0'.repeat(64) },
      body: '{}',
    });
    steps.push(`forged notify ${forged.status}`);
    const bad = await checkout('10.00');
    const badBody = await bad.json();
    steps.push(`amount 10.00: ${bad.status} ${badBody.error}`);
    const want = [
      'checkout ok',
      'paid via webhook, delivered 1',
      'resent: notifications 2, delivered 1',
      'forged notify 400',
      'amount 10.00: 400 amount_not_integer',
    ];
    return { ok: JSON.stringify(steps) === JSON.stringify(want), detail: steps.join('; ') };
  } finally {
    stop();
  }
}

/** The Java guide's client: create, pay, query, verify a real webhook, and an error answered. */
export async function javaClient(code: string, ctx: HarnessContext): Promise<HarnessResult> {
  mkdirSync(ctx.dir, { recursive: true });
  writeFileSync(join(ctx.dir, 'JuYiFuClient.java'), code);
  const java = (args: string[], env: NodeJS.ProcessEnv = {}) =>
    run('java', ['JuYiFuClient.java', ...args], { cwd: ctx.dir, env: { ...readerEnv(ctx), ...env } })
      .then((r) => r.stdout.trim())
      .catch((e) => String(e.stdout ?? e.message).trim());
  const [orderId, payUrl] = (await java(['create', '1000'])).split(' ');
  await payOnCashier(ctx, orderId, payUrl);
  const status = await java(['query', orderId]);
  const { payload, signature } = await signedEvent(ctx);
  writeFileSync(join(ctx.dir, 'body.json'), payload);
  const verified = await java(['verify', 'body.json'], { SIGNATURE: signature });
  const error = (await java(['create', '10.00'])).split(' ').slice(0, 3).join(' ');
  const got = [orderId?.startsWith('pay_') ? 'created' : orderId, status, verified, error];
  const want = ['created', 'paid', 'valid', 'error 400 amount_not_integer'];
  return { ok: JSON.stringify(got) === JSON.stringify(want), detail: got.join('; ') };
}

/** The Android guide's MerchantApi (OkHttp 3) against the PHP guide's server: order, pay, status. */
export async function androidMerchantApi(code: string, ctx: HarnessContext, root: string): Promise<HarnessResult> {
  const { shop, stop } = await startMerchant(readFileSync(join(root, MERCHANT_PHP), 'utf8'), ctx);
  try {
    writeFileSync(join(ctx.dir, 'MerchantApi.java'), code);
    const cp = '/usr/share/java/okhttp.jar:/usr/share/java/okio.jar';
    await run('javac', ['-cp', cp, '-d', '.', 'MerchantApi.java'], { cwd: ctx.dir });
    const app = (args: string[]) =>
      run('java', ['-cp', `.:${cp}`, 'MerchantApi', ...args], {
        cwd: ctx.dir,
        env: { ...process.env, SHOP_URL: shop },
      }).then((r) => r.stdout.trim());
    const [orderId, payUrl] = (await app(['checkout', '1000'])).split(' ');
    const before = await app(['status', orderId]);
    await payOnCashier(ctx, orderId, payUrl);
    const after = await until(
      () => app(['status', orderId]),
      (s) => s === 'paid',
    );
    const got = [orderId.startsWith('pay_') ? 'ordered' : orderId, before, after];
    return { ok: JSON.stringify(got) === JSON.stringify(['ordered', 'created', 'paid']), detail: got.join('; ') };
  } finally {
    stop();
  }
}
