/** The try-it console against the running sandbox: from no key to a paid order and its webhook. */
import AxeBuilder from '@axe-core/playwright';
import { execFileSync } from 'node:child_process';
import type { Page } from '@playwright/test';
import { expect, open, test } from './fixtures.ts';

async function getKey(page: Page, prefix = ''): Promise<string> {
  await open(page, `${prefix}/sandbox-key`);
  await page.getByRole('button', { name: prefix ? 'Get sandbox key' : '申请沙箱密钥' }).click();
  const appId = page.locator('#key-app_id');
  await expect(appId).toHaveValue(/^app_/);
  await expect(page.getByRole('alert').filter({ hasText: /app_secret/ })).toBeVisible();
  return appId.inputValue();
}

const consoleOf = (page: Page, id: string) => page.locator(`section[data-console="${id}"]`);

test('create an order: 0000 with the order id; 10.00 explained with its error row; the flow helpers appear', async ({
  page,
}) => {
  await getKey(page);
  await open(page, '/docs/payments/create');
  const c = consoleOf(page, 'createPayment');
  await expect(c).toHaveAttribute('aria-label', '在线调试');
  await c.getByRole('button', { name: '发送请求' }).click();
  const status = c.getByRole('status').first();
  await expect(status).toHaveAttribute('data-status', '200');
  await expect(c.getByTestId('tryit-response')).toContainText(/"order_id": "pay_/);
  await expect(c.getByTestId('flow').getByRole('link', { name: '打开收银台' })).toBeVisible();

  await c.getByLabel(/^amount/).fill('10.00');
  await c.getByLabel(/^out_trade_no/).fill('');
  await c.getByLabel('Idempotency-Key').fill('');
  await c.getByRole('button', { name: '发送请求' }).click();
  await expect(c.getByRole('status').first()).toHaveAttribute('data-status', '400');
  const explained = c.getByTestId('error-explained');
  await expect(explained).toContainText('amount_not_integer');
  await expect(explained.getByRole('link')).toHaveAttribute('href', /\/docs\/errors#error-400$/);
});

test('without a key the 401 is explained and the key page is offered', async ({ page }) => {
  await open(page, '/docs/payments/create');
  const c = consoleOf(page, 'createPayment');
  await expect(c.getByRole('link', { name: '申请沙箱密钥' })).toBeVisible();
  await c.getByRole('button', { name: '发送请求' }).click();
  await expect(c.getByRole('status').first()).toHaveAttribute('data-status', '401');
  await expect(c.getByTestId('error-explained')).toContainText('missing_token');
  await expect(c.getByTestId('error-explained').getByRole('link')).toHaveAttribute('href', /#error-401$/);
});

test('pay on the cashier, come back to the query page, the query shows paid; the inbox has the signed event', async ({
  page,
}) => {
  await getKey(page);
  await open(page, '/docs/payments/create');
  const c = consoleOf(page, 'createPayment');
  await c.getByLabel('Idempotency-Key').fill(`e2e-${Date.now()}`);
  await c.getByRole('button', { name: '发送请求' }).click();
  await expect(c.getByRole('status').first()).toHaveAttribute('data-status', '200');
  await c.getByRole('link', { name: '打开收银台' }).click();
  await page.getByRole('button', { name: '支付成功' }).click();
  await page.waitForURL(/\/docs\/payments\/query\?.*status=paid/);
  await page.locator('html[data-has-hydrated="true"]').waitFor();
  const orderId = new URL(page.url()).searchParams.get('order_id')!;
  const q = consoleOf(page, 'queryPayment');
  await expect(q.getByLabel(/^order_id/)).toHaveValue(orderId);
  await q.getByRole('button', { name: '发送请求' }).click();
  await expect(q.getByRole('status').first()).toHaveAttribute('data-status', '200');
  await expect(q.getByTestId('tryit-response')).toContainText('"status": "paid"');

  await open(page, '/docs/webhooks');
  const row = page.getByTestId('inbox').locator(`tr[data-event-type="payment.paid"]`).filter({ hasText: orderId });
  await expect(row).toHaveAttribute('data-signature', 'valid');
});

test('the code shown makes its own order: the curl copied from the console, run twice here, makes two new orders', async ({
  page,
  context,
}) => {
  await context.grantPermissions(['clipboard-read', 'clipboard-write']);
  await getKey(page);
  await open(page, '/docs/payments/create?lang=curl');
  const c = consoleOf(page, 'createPayment');
  const key = `e2e-curl-${Date.now()}`;
  await c.getByLabel('Idempotency-Key').fill(key);
  await c.getByRole('button', { name: '发送请求' }).click();
  await expect(c.getByRole('status').first()).toHaveAttribute('data-status', '200');
  const sent = JSON.parse((await c.getByTestId('tryit-response').locator('pre code').first().textContent())!);
  await c.getByLabel('显示密钥').check();
  // Copied with the page's own copy button, as a reader would.
  await c
    .getByTestId('tryit-code')
    .locator('[role="tabpanel"]:not([hidden])')
    .getByRole('button', { name: /复制|Copy/ })
    .click();
  const curl = await page.evaluate(() => navigator.clipboard.readText());
  // The console sent the form's key and order number; the copied program makes its own.
  expect(curl).not.toContain(key);
  expect(curl).not.toContain(sent.data.out_trade_no);
  const runs = [0, 1].map(() => JSON.parse(execFileSync('bash', ['-c', curl], { encoding: 'utf8' })));
  for (const made of runs) {
    expect(made.code).toBe('0000');
    expect(made.data.product_name).toBe(sent.data.product_name);
    expect(made.data.order_id).not.toBe(sent.data.order_id);
  }
  expect(runs[1].data.order_id).not.toBe(runs[0].data.order_id);
  expect(runs[1].data.out_trade_no).not.toBe(runs[0].data.out_trade_no);
});

test('the console follows the page-wide language choice', async ({ page }) => {
  await open(page, '/docs/payments/create');
  await page.locator('.code-tabs').first().getByRole('tab', { name: 'Java' }).click();
  const code = consoleOf(page, 'createPayment').getByTestId('tryit-code');
  await expect(code.getByRole('tab', { name: 'Java', selected: true })).toBeVisible();
  await expect(code.locator('[role="tabpanel"]:not([hidden]) code')).toContainText('HttpClient');
  await code.getByRole('tab', { name: 'PHP' }).click();
  await expect(page.locator('.code-tabs').first().getByRole('tab', { name: 'PHP', selected: true })).toBeVisible();
});

test('the same flow in English, keyboard only', async ({ page }) => {
  await getKey(page, '/en');
  await open(page, '/en/docs/payments/create');
  const c = page.locator('section[aria-label="Try it"][data-console="createPayment"]');
  await c.getByLabel(/^product_name/).focus();
  await page.keyboard.press('Control+A');
  await page.keyboard.type('Keyboard order');
  // Tab to the send button and press it.
  for (let i = 0; i < 40; i++) {
    await page.keyboard.press('Tab');
    if ((await page.evaluate(() => document.activeElement?.textContent)) === 'Send request') break;
  }
  await page.keyboard.press('Enter');
  await expect(c.getByRole('status').first()).toHaveAttribute('data-status', '200');
  await expect(c.getByTestId('tryit-response')).toContainText('Keyboard order');
  await expect(c.getByRole('status').first()).toContainText('Success');
});

test('axe: no violations with the console open and an answer shown, light and dark', async ({ page }) => {
  await getKey(page);
  for (const theme of ['light', 'dark']) {
    await open(page, '/docs/payments/create');
    await page.evaluate((t) => document.documentElement.setAttribute('data-theme', t), theme);
    const c = consoleOf(page, 'createPayment');
    await c.getByRole('button', { name: '发送请求' }).click();
    await expect(c.getByRole('status').first()).toHaveAttribute('data-status', '200');
    const results = await new AxeBuilder({ page }).include('section[data-console="createPayment"]').analyze();
    expect(results.violations.map((v) => `${v.id}: ${v.nodes[0]?.target.join(' ')}`)).toEqual([]);
  }
});
