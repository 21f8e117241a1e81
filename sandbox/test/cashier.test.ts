/** The hosted cashier, driven in Chromium: pay, fail, cancel, redirect, escaping, headers, phone size. */
import assert from 'node:assert/strict';
import { createServer } from 'node:http';
import { after, before, describe, test } from 'node:test';
import type { Browser, Page } from '@playwright/test';
import { launchBrowser } from '../../tests/support/browser.ts';
import { startSandbox, type Client, type RunningSandbox } from './support/sandbox.ts';

let sb: RunningSandbox;
let m: Awaited<ReturnType<Client['newMerchant']>>;
let browser: Browser;
let merchantSite: { url: string; close: () => Promise<void> };

before(async () => {
  sb = await startSandbox();
  m = await sb.client.newMerchant();
  browser = await launchBrowser();
  // The merchant's page that return_url points at.
  const server = createServer((req, res) => {
    res.setHeader('content-type', 'text/html; charset=utf-8');
    res.end(
      `<!doctype html><title>merchant</title><p id="back">${new URL(req.url!, 'http://x').searchParams.get('status')}</p>`,
    );
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const a = server.address();
  merchantSite = {
    url: `http://127.0.0.1:${typeof a === 'object' && a ? a.port : 0}`,
    close: () => new Promise((r) => server.close(() => r())),
  };
});
after(async () => {
  await browser?.close();
  await merchantSite?.close();
  await sb?.close();
});

async function order(extra: Record<string, unknown> = {}) {
  const res = await sb.client.post<'createPayment'>('/v1/payments/create', {
    token: m.token,
    json: {
      product_id: 'c',
      product_name: '年度会员',
      amount: 123456,
      return_url: `${merchantSite.url}/return`,
      ...extra,
    },
  });
  assert.equal(res.status, 200, res.text);
  return res.body.data;
}

async function phonePage(locale = 'zh-CN'): Promise<{ page: Page; requests: string[]; dialogs: string[] }> {
  const context = await browser.newContext({
    viewport: { width: 375, height: 740 },
    locale,
    isMobile: true,
    hasTouch: true,
  });
  const page = await context.newPage();
  const requests: string[] = [];
  const dialogs: string[] = [];
  page.on('request', (r) => requests.push(r.url()));
  page.on('dialog', (d) => {
    dialogs.push(d.message());
    void d.dismiss();
  });
  return { page, requests, dialogs };
}

const statusOf = async (id: string) =>
  (await sb.client.get<'getPayment'>(`/v1/payments/${id}`, { token: m.token })).body.data;

describe('hosted cashier in Chromium', () => {
  test('pay: the order becomes paid, the browser lands on return_url with the result, nothing external is loaded', async () => {
    const p = await order({ product_name: '<img src=x onerror=alert(1)>年度会员' });
    const { page, requests, dialogs } = await phonePage();
    const res = await page.goto(p.pay_url);
    assert.equal(res?.status(), 200);
    const csp = res?.headers()['content-security-policy'] ?? '';
    assert.match(csp, /default-src 'none'/);
    assert.match(csp, /frame-ancestors 'none'/);
    assert.equal(res?.headers()['referrer-policy'], 'no-referrer');
    assert.equal(res?.headers()['x-content-type-options'], 'nosniff');

    assert.ok(await page.getByText('¥1,234.56').isVisible());
    assert.ok(await page.getByText('<img src=x onerror=alert(1)>年度会员').isVisible(), 'the name shows as text');
    assert.equal(await page.locator('img').count(), 0, 'and is not markup');
    assert.equal((await statusOf(p.order_id)).status, 'created', 'opening the cashier (a GET) changes nothing');
    await page.reload();
    assert.equal((await statusOf(p.order_id)).status, 'created', 'nor does opening it again');
    assert.ok(await page.getByText('支付宝（模拟）').isVisible(), 'the routed channel is listed');
    const fits = await page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth);
    assert.ok(fits, 'no horizontal scrolling on a 375 px screen');

    await page.getByRole('button', { name: '支付成功' }).click();
    await page.waitForURL(/\/return\?/);
    const landed = new URL(page.url());
    assert.equal(landed.origin, merchantSite.url);
    assert.equal(landed.searchParams.get('order_id'), p.order_id);
    assert.equal(landed.searchParams.get('status'), 'paid');
    assert.equal(await page.locator('#back').textContent(), 'paid');
    assert.equal((await statusOf(p.order_id)).status, 'paid');
    const inbox = await sb.client.get<'listEvents'>(`/v1/events?order_id=${p.order_id}`, { token: m.token });
    const events = inbox.body.data.items;
    assert.deepEqual(
      events.map((e) => e.type),
      ['payment.paid'],
    );

    assert.deepEqual(dialogs, [], 'no script ran');
    const outside = requests.filter((u) => !u.startsWith(sb.url) && !u.startsWith(merchantSite.url));
    assert.deepEqual(outside, [], 'no request leaves the sandbox and the merchant');
    await page.context().close();
  });

  test('fail and cancel; a declining magic amount fails even when "pay" is pressed', async () => {
    for (const [amount, button, status, failure] of [
      [1000, '支付失败', 'failed', 'channel_declined'],
      [1000, '取消', 'closed', null],
      [4001, '支付成功', 'failed', 'insufficient_funds'],
    ] as const) {
      const p = await order({ amount });
      const { page } = await phonePage();
      await page.goto(p.pay_url);
      await page.getByRole('button', { name: button }).click();
      await page.waitForURL(/\/return\?/);
      assert.equal(new URL(page.url()).searchParams.get('status'), status);
      const after = await statusOf(p.order_id);
      assert.equal(after.status, status);
      assert.equal(after.failure_code, failure);
      await page.context().close();
    }
  });

  test('without return_url the cashier shows the result; English follows the browser; a finished order has no buttons', async () => {
    const p = await order({ return_url: undefined });
    const { page } = await phonePage('en-US');
    await page.goto(p.pay_url);
    await page.getByRole('button', { name: 'Pay (succeeds)' }).click();
    await page.waitForLoadState();
    assert.ok(page.url().startsWith(`${sb.url}/cashier/${p.order_id}`));
    assert.equal(await page.locator('[data-status]').getAttribute('data-status'), 'paid');
    assert.equal(await page.getByRole('button').count(), 0);
    await page.context().close();
  });

  test('a wrong client secret or an unknown order is a 404 page that reveals nothing', async () => {
    const p = await order();
    const { page } = await phonePage();
    const wrong = await page.goto(`${sb.url}/cashier/${p.order_id}?client_secret=guess`);
    assert.equal(wrong?.status(), 404);
    assert.ok(await page.getByText('订单不存在，或链接已失效。').isVisible());
    assert.equal(await page.getByText('年度会员').count(), 0);
    const unknown = await page.goto(`${sb.url}/cashier/pay_000000?client_secret=x`);
    assert.equal(unknown?.status(), 404);
    assert.equal((await statusOf(p.order_id)).status, 'created', 'a failed look does not start the payment');
    // Posting with a wrong secret changes nothing either.
    const post = await fetch(`${sb.url}/cashier/${p.order_id}`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: 'client_secret=guess&action=pay',
      redirect: 'manual',
    });
    assert.equal(post.status, 404);
    assert.match(post.headers.get('content-type') ?? '', /text\/html/);
    assert.equal((await statusOf(p.order_id)).status, 'created');
    await page.context().close();
  });
});
