/**
 * Code blocks written by hand in the docs (both locales), and how each is run: a harness feeds
 * it real data from the sandbox and checks what it says. Blocks that are not programs (build
 * files, manifests, placeholder exports) are listed with the reason they are not executed.
 */
import { execFile, spawn } from 'node:child_process';
import { mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { promisify } from 'node:util';

const run = promisify(execFile);

export interface HarnessContext {
  base: string;
  key: { app_id: string; app_secret: string; webhook_secret: string };
  token: string;
  newOrder: () => Promise<string>;
  dir: string;
}

export interface DocBlock {
  file: string;
  lang: string;
  title: string;
  code: string;
  harness?: (ctx: HarnessContext) => Promise<{ ok: boolean; detail: string }>;
  why?: string;
}

function mdxFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((f) => {
    const p = join(dir, f);
    return statSync(p).isDirectory() ? mdxFiles(p) : p.endsWith('.mdx') ? [p] : [];
  });
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

async function phpVerify(code: string, ctx: HarnessContext) {
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

async function javaVerify(code: string, ctx: HarnessContext) {
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

function merchantPhp(root: string): string {
  const text = readFileSync(join(root, 'docs/guides/php.mdx'), 'utf8');
  return /```php title="merchant.php"\n([\s\S]*?)```/.exec(text)![1];
}

/** The PHP guide's merchant server through a whole payment. */
async function phpMerchant(code: string, ctx: HarnessContext) {
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
async function javaClient(code: string, ctx: HarnessContext) {
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
async function androidMerchantApi(code: string, ctx: HarnessContext, root: string) {
  const { shop, stop } = await startMerchant(merchantPhp(root), ctx);
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

export function docBlocks(root = process.cwd()): DocBlock[] {
  const files = [
    ...mdxFiles(join(root, 'docs')),
    ...mdxFiles(join(root, 'i18n/en/docusaurus-plugin-content-docs/current')),
  ];
  const blocks: DocBlock[] = [];
  for (const file of files) {
    const text = readFileSync(file, 'utf8');
    for (const m of text.matchAll(/```(\w+)([^\n]*)\n([\s\S]*?)```/g)) {
      const [, lang, meta, code] = m;
      if (lang === 'json' || lang === 'http') continue; // data, not code
      const title = /title="([^"]+)"/.exec(meta)?.[1] ?? code.split('\n')[0].slice(0, 40);
      const block: DocBlock = { file: relative(root, file), lang, title, code };
      if (lang === 'php' && code.includes('function juyifu_verify(')) block.harness = (ctx) => phpVerify(code, ctx);
      else if (lang === 'java' && code.includes('class JuYiFuSignature'))
        block.harness = (ctx) => javaVerify(code, ctx);
      else if (lang === 'php' && code.includes('// merchant.php:')) block.harness = (ctx) => phpMerchant(code, ctx);
      else if (lang === 'java' && code.includes('public class JuYiFuClient'))
        block.harness = (ctx) => javaClient(code, ctx);
      else if (lang === 'java' && code.includes('public class MerchantApi'))
        block.harness = (ctx) => androidMerchantApi(code, ctx, root);
      else if (lang === 'java' && code.includes('extends Activity'))
        block.why = 'Android UI code: needs the Android SDK (android.*, androidx.browser), compiled in Android Studio';
      else if (lang === 'bash' && code.includes('java JuYiFuClient.java'))
        block.why = 'runs the file that the JuYiFuClient harness runs';
      else if (lang === 'bash' && code.includes('php -S'))
        block.why = 'starts the server that the merchant.php harness runs';
      else if (lang === 'groovy' || lang === 'xml') block.why = 'Android build configuration, not a program';
      else if (lang === 'bash' && /^export /m.test(code))
        block.why = 'environment set-up with values the reader fills in';
      else block.why = 'no harness for this block yet';
      blocks.push(block);
    }
  }
  return blocks;
}
