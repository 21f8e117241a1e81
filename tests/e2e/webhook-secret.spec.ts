/** Rotating the webhook secret from the key page: the new secret is stored and the inbox still verifies. */
import { expect, open, test } from './fixtures.ts';

test('rotate on the key page: a new webhook_secret is kept, and the inbox verifies events with it', async ({
  page,
}) => {
  await open(page, '/sandbox-key');
  await page.getByRole('button', { name: '申请沙箱密钥' }).click();
  const secret = page.locator('#key-webhook_secret');
  await expect(secret).toHaveValue(/^whsec_/);
  const before = await secret.inputValue();

  await open(page, '/docs/payments/create');
  const c = page.locator('section[data-console="createPayment"]');
  await c.getByRole('button', { name: '发送请求' }).click();
  await expect(c.getByRole('status').first()).toHaveAttribute('data-status', '200');
  const orderId = /"order_id": "(pay_\w+)"/.exec((await c.getByTestId('tryit-response').textContent()) ?? '')![1];
  await c.getByRole('button', { name: '模拟支付成功' }).click();

  await open(page, '/sandbox-key');
  await page.getByRole('button', { name: '轮换通知密钥' }).click();
  await expect(page.getByTestId('rotate-result')).toContainText('旧密钥在');
  await expect(secret).toHaveValue(/^whsec_/);
  expect(await secret.inputValue()).not.toBe(before);

  const row = page.getByTestId('inbox').locator('tr[data-event-type="payment.paid"]').filter({ hasText: orderId });
  await expect(row).toHaveAttribute('data-signature', 'valid');
});
