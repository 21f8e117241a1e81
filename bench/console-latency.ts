/**
 * Time from clicking 发送请求 on 订单创建 to the rendered answer, median of 20, in Chromium
 * against the built site (served with gzip) and a sandbox on 127.0.0.1:4010 it may call.
 * Run after `npm run build`:  npx tsx bench/console-latency.ts
 */
import { chromium } from '@playwright/test';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { buildApp, configFromEnv } from '../sandbox/index.ts';
import { CHROMIUM_ARGS, chromiumPath } from '../tests/support/browser.ts';
import { serveBuild } from './static-server.ts';

const site = await serveBuild(join(process.cwd(), 'build'), 3300);
const scratch = mkdtempSync(join(tmpdir(), 'juyifu-latency-'));
const sandbox = buildApp({
  config: {
    ...configFromEnv({}),
    port: 4010,
    dbFile: join(scratch, 's.sqlite'),
    corsOrigins: ['http://127.0.0.1:3300'],
    rateLimitPerSecond: 0,
  },
});
await sandbox.listen({ host: '127.0.0.1', port: 4010 });
const browser = await chromium.launch({ executablePath: chromiumPath(), args: CHROMIUM_ARGS });
try {
  const page = await browser.newPage();
  await page.goto('http://127.0.0.1:3300/sandbox-key');
  await page.locator('html[data-has-hydrated="true"]').waitFor();
  await page.getByRole('button', { name: '申请沙箱密钥' }).click();
  await page.locator('#key-app_id').waitFor();
  await page.goto('http://127.0.0.1:3300/docs/payments/create');
  await page.locator('html[data-has-hydrated="true"]').waitFor();
  const c = page.locator('section[data-console="createPayment"]');
  const times: number[] = [];
  for (let i = 0; i < 21; i++) {
    await c.getByLabel('Idempotency-Key').fill(`latency-${i}-${Date.now()}`);
    await c.getByLabel(/^out_trade_no/).fill(`L${i}${Date.now()}`);
    const ms = await page.evaluate(async () => {
      const section = document.querySelector('section[data-console="createPayment"]')!;
      const before = section.querySelector('[data-testid="tryit-response"] pre')?.textContent ?? '';
      const started = performance.now();
      (section.querySelector('button[type="submit"]') as HTMLButtonElement).click();
      for (;;) {
        await new Promise((r) => requestAnimationFrame(r));
        const now = section.querySelector('[data-testid="tryit-response"] pre')?.textContent ?? '';
        if (now && now !== before && now.includes('order_id')) return performance.now() - started;
      }
    });
    if (i > 0) times.push(ms); // the first one also fetches the token
  }
  times.sort((a, b) => a - b);
  console.log(
    `console: click → rendered answer for create order, median of ${times.length}: ${times[Math.floor(times.length / 2)].toFixed(0)} ms (min ${times[0].toFixed(0)}, max ${times[times.length - 1].toFixed(0)})`,
  );
} finally {
  await browser.close();
  await sandbox.close();
  site.close();
  rmSync(scratch, { recursive: true, force: true });
}
