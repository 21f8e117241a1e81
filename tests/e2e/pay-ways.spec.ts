/**
 * Pay ways on the built site: the 订单创建 page's table in both languages, the Android guide's
 * rows, and the console from picking a pay way to the credential of its answer.
 */
import type { Page } from '@playwright/test';
import { expect, open, test } from './fixtures.ts';

const consoleOf = (page: Page) => page.locator('section[data-console="createPayment"]');

async function getKey(page: Page, prefix: string): Promise<void> {
  await open(page, `${prefix}/sandbox-key`);
  await page.getByRole('button', { name: prefix ? 'Get sandbox key' : '申请沙箱密钥' }).click();
  await expect(page.locator('#key-app_id')).toHaveValue(/^app_/);
}

test('the pay-way table: eleven rows, what to send and where each credential field goes, in both languages', async ({
  page,
}) => {
  await open(page, '/docs/payments/create');
  const zh = page.getByTestId('pay-way-table');
  await expect(zh.locator('tbody tr')).toHaveCount(11);
  await expect(zh.getByRole('columnheader').nth(1)).toHaveText('还须传');
  await expect(page.locator('#pay-way-wechat_h5')).toContainText('client_ip');
  await expect(page.locator('#pay-way-wechat_mini')).toContainText('extra.openid');
  await expect(page.locator('#pay-way-wechat_app')).toContainText('package → PayReq.packageValue');
  await expect(page.locator('#pay-way-unionpay_app')).toContainText('UPPayAssistEx.startPay');

  await open(page, '/en/docs/payments/create');
  const en = page.getByTestId('pay-way-table');
  await expect(en.locator('tbody tr')).toHaveCount(11);
  await expect(en.getByRole('columnheader').nth(1)).toHaveText('Must also send');
  await expect(page.locator('#pay-way-alipay_wap')).toContainText('Alipay on a mobile website');
  await expect(en).not.toContainText(/[\u4E00-\u9FFF]/);
});

test('the Android guide shows the app pay ways and PayRequests.java in both languages', async ({ page }) => {
  for (const prefix of ['', '/en']) {
    await open(page, `${prefix}/docs/guides/android`);
    const rows = page.getByTestId('pay-way-table').locator('tbody tr');
    await expect(rows).toHaveCount(3);
    await expect(rows.nth(1)).toContainText('prepayid → PayReq.prepayId');
    await expect(page.locator('pre').filter({ hasText: 'public final class PayRequests' })).toHaveCount(1);
  }
});

test('console: a pay way that needs openid is refused with extra.openid, filled in, then answers its credential', async ({
  page,
}) => {
  await getKey(page, '');
  await open(page, '/docs/payments/create');
  const c = consoleOf(page);
  await c.getByLabel(/^pay_way/).selectOption('wechat_jsapi');
  const hint = c.getByTestId('pay-way-hint');
  await expect(hint).toContainText('extra.openid');
  await c.getByRole('button', { name: '发送请求' }).click();
  await expect(c.getByRole('status').first()).toHaveAttribute('data-status', '400');
  await expect(c.getByTestId('error-explained')).toContainText('missing_field');
  await expect(c.getByTestId('error-explained')).toContainText('extra.openid');

  await hint.getByRole('button', { name: '填入示例值' }).click();
  await expect(c.getByLabel(/^extra/)).toHaveValue(/"openid"/);
  await c.getByLabel('Idempotency-Key').fill(`e2e-payway-${Date.now()}`);
  await c.getByRole('button', { name: '发送请求' }).click();
  await expect(c.getByRole('status').first()).toHaveAttribute('data-status', '200');
  const credential = c.getByTestId('credential-summary');
  await expect(credential).toContainText('wechat_jsapi');
  await expect(credential).toContainText('signType → getBrandWCPayRequest.signType: RSA');
  await expect(credential).toContainText(/package → getBrandWCPayRequest\.package: prepay_id=wx\d+/);
});

test('console in English: a WeChat app order shows each PayReq field of its credential', async ({ page }) => {
  await getKey(page, '/en');
  await open(page, '/en/docs/payments/create');
  const c = consoleOf(page);
  await c.getByLabel(/^pay_way/).selectOption('wechat_app');
  await expect(c.getByTestId('pay-way-hint')).toContainText('appid, partnerid, prepayid');
  await c.getByRole('button', { name: 'Send request' }).click();
  await expect(c.getByRole('status').first()).toHaveAttribute('data-status', '200');
  const credential = c.getByTestId('credential-summary');
  await expect(credential).toContainText('package → PayReq.packageValue: Sign=WXPay');
  await expect(credential.getByRole('link', { name: 'where each field goes' })).toHaveAttribute(
    'href',
    /\/en\/docs\/payments\/create#pay-way-wechat_app$/,
  );
});
