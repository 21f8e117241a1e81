/**
 * The refund flow in the console, in both languages: an order created and paid in the console,
 * refunded from the "refund" it then offers, watched by the console until it has succeeded, and
 * its refund.succeeded event in the inbox with a valid signature. The English run is keyboard only.
 */
import AxeBuilder from '@axe-core/playwright';
import type { Locator, Page } from '@playwright/test';
import { expect, open, test } from './fixtures.ts';

const LOCALES = [
  {
    prefix: '',
    getKey: '申请沙箱密钥',
    send: '发送请求',
    paid: '模拟支付成功',
    refund: '申请退款',
    keyboard: false,
  },
  {
    prefix: '/en',
    getKey: 'Get sandbox key',
    send: 'Send request',
    paid: 'Simulate paid',
    refund: 'Refund',
    keyboard: true,
  },
];

/** Presses Tab until the focused element has `text`, then Enter, as a keyboard user would. */
async function pressByKeyboard(page: Page, from: Locator, text: string) {
  await from.focus();
  for (let i = 0; i < 60; i++) {
    if ((await page.evaluate(() => document.activeElement?.textContent?.trim())) === text) break;
    await page.keyboard.press('Tab');
  }
  expect(await page.evaluate(() => document.activeElement?.textContent?.trim())).toBe(text);
  await page.keyboard.press('Enter');
}

for (const l of LOCALES) {
  test(`${l.prefix || '/'}: pay, refund from the console, succeeded by itself, refund.succeeded signed in the inbox`, async ({
    page,
  }) => {
    test.setTimeout(60_000);
    await open(page, `${l.prefix}/sandbox-key`);
    await page.getByRole('button', { name: l.getKey }).click();
    await expect(page.locator('#key-app_id')).toHaveValue(/^app_/);

    await open(page, `${l.prefix}/docs/payments/create`);
    const order = page.locator('section[data-console="createPayment"]');
    await order.getByRole('button', { name: l.send }).click();
    await expect(order.getByRole('status').first()).toHaveAttribute('data-status', '200');
    const flow = order.getByTestId('flow');
    await expect(flow.getByRole('link', { name: l.refund })).toHaveCount(0); // not before it is paid
    await flow.getByRole('button', { name: l.paid }).click();
    await expect(order.getByTestId('followup-status')).toHaveText('paid');
    const refundLink = flow.getByRole('link', { name: l.refund });
    if (l.keyboard) {
      await refundLink.focus();
      await page.keyboard.press('Enter');
    } else await refundLink.click();
    await page.waitForURL(/\/docs\/refunds\/create\?order_id=pay_/);
    await page.locator('html[data-has-hydrated="true"]').waitFor();
    const orderId = new URL(page.url()).searchParams.get('order_id')!;

    const refund = page.locator('section[data-console="createRefund"]');
    await expect(refund.getByLabel(/^order_id/)).toHaveValue(orderId);
    await expect(refund.getByLabel(/^out_refund_no/)).toHaveValue(/^R\d+$/);
    const send = refund.getByRole('button', { name: l.send });
    if (l.keyboard) await pressByKeyboard(page, refund.getByLabel(/^out_refund_no/), l.send);
    else await send.click();
    await expect(refund.getByRole('status').first()).toHaveAttribute('data-status', '200');
    await expect(refund.getByTestId('tryit-response')).toContainText('"status": "pending"');
    // Nothing pressed: the console asks again until the refund has ended.
    await expect(refund.getByTestId('progress-status')).toHaveText('succeeded', { timeout: 10_000 });
    await expect(refund.getByTestId('progress')).toHaveAttribute('data-watching', 'false');
    await expect(refund.getByTestId('progress')).toContainText('pending → succeeded');
    const axe = await new AxeBuilder({ page }).include('section[data-console="createRefund"]').analyze();
    expect(axe.violations.map((v) => `${v.id}: ${v.nodes[0]?.target.join(' ')}`)).toEqual([]);

    await open(page, `${l.prefix}/docs/webhooks`);
    const row = page
      .getByTestId('inbox')
      .locator('tr[data-event-type="refund.succeeded"]')
      .filter({ hasText: orderId });
    await expect(row).toHaveAttribute('data-signature', 'valid');
  });
}

test('the sandbox page lists the magic refund amounts and the refund delay, in both languages', async ({ page }) => {
  await open(page, '/docs/sandbox');
  await expect(page.locator('#refund-amount-4101')).toContainText('refund_declined');
  await expect(page.locator('#refund-amount-4102')).toContainText('insufficient_merchant_balance');
  await expect(page.getByTestId('refund-delay')).toContainText('2');
  await open(page, '/en/docs/sandbox');
  await expect(page.locator('#refund-amount-4101')).toContainText('Refund declined');
  await expect(page.getByTestId('refund-delay')).toContainText('2 seconds');
});
