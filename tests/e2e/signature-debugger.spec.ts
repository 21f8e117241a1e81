/**
 * The signature debugger (/tools/signature) in both languages: a valid header, a tampered body, a
 * wrong secret, a re-serialised body and a stale timestamp each get the right verdict and cause;
 * the valid case is entered with the keyboard alone; no request leaves the page while it checks;
 * the inbox button fills in a real event of the sandbox, which is valid;
 * axe finds nothing in light or dark mode. Signatures are made here with node:crypto.
 */
import AxeBuilder from '@axe-core/playwright';
import type { Page } from '@playwright/test';
import { createHmac } from 'node:crypto';
import { expect, open, test } from './fixtures.ts';

const LOCALES = [
  {
    prefix: '',
    title: '签名调试',
    header: 'JuYiFu-Signature 头',
    body: '原始请求体',
    check: '检查签名',
    valid: '签名有效',
    mismatch: '签名不匹配',
    stale: '时间戳过旧',
    reserialised: '请求体被重新序列化',
    trailing: '请求体末尾多了换行',
    wrongSecret: '密钥错误',
    contentChanged: '请求体的内容在签名后被改动',
    appSecret: '这看起来是 app_secret',
  },
  {
    prefix: '/en',
    title: 'Signature debugger',
    header: 'JuYiFu-Signature header',
    body: 'Raw body',
    check: 'Check signature',
    valid: 'Valid',
    mismatch: 'Signature mismatch',
    stale: 'Stale timestamp',
    reserialised: 'body re-serialised',
    trailing: 'trailing newline in the body',
    wrongSecret: 'wrong secret',
    contentChanged: "the body's content was changed",
    appSecret: 'This looks like an app_secret',
  },
];

const SECRET = 'whsec_e2eSignatureDebugger0123456789ab';
const eventBody = (t: number) =>
  JSON.stringify({
    id: 'evt_e2e_debugger',
    type: 'payment.paid',
    created: t - 3,
    data: { payment: { order_id: 'pay_e2e', status: 'paid', amount: 1000, subject: '聚易付测试' } },
  });
const hmac = (t: number, body: string, secret = SECRET) =>
  createHmac('sha256', secret).update(`${t}.${body}`).digest('hex');

/** Unix seconds by the page's own clock, which is the clock the debugger measures age with. */
const pageNow = async (page: Page) => Math.floor((await page.evaluate(() => Date.now())) / 1000);

test('/tools/signature: "fill with the latest event" takes a paid order\'s event from the inbox, and it is valid', async ({
  page,
}) => {
  await open(page, '/sandbox-key');
  await page.getByRole('button', { name: '申请沙箱密钥' }).click();
  await expect(page.locator('#key-webhook_secret')).toHaveValue(/^whsec_/);
  await open(page, '/docs/payments/create');
  const c = page.locator('section[data-console="createPayment"]');
  await c.getByRole('button', { name: '发送请求' }).click();
  await expect(c.getByRole('status').first()).toHaveAttribute('data-status', '200');
  await c.getByTestId('flow').getByRole('button', { name: '模拟支付成功' }).click();
  await expect(c.getByTestId('followup-status')).toHaveText('paid');

  await open(page, '/tools/signature');
  await page.getByRole('button', { name: '填入收件箱中的最新事件' }).click();
  await expect(page.getByTestId('sigdbg-result')).toHaveAttribute('data-verdict', 'valid');
  await expect(page.getByLabel('JuYiFu-Signature 头')).toHaveValue(/^t=\d+,v1=[0-9a-f]{64}$/);
  await expect(page.getByLabel('原始请求体')).toHaveValue(/"type":"payment\.paid"/);
});

for (const l of LOCALES) {
  const path = `${l.prefix}/tools/signature`;

  /** Fills the three fields, presses the button, and waits for the verdict to be shown. */
  async function check(page: Page, values: { header: string; body: string; secret: string }) {
    await page.getByLabel(l.header).fill(values.header);
    await page.getByLabel(l.body).fill(values.body);
    await page.getByLabel('webhook_secret', { exact: true }).fill(values.secret);
    await page.getByRole('button', { name: l.check }).click();
    await expect(page.getByTestId('sigdbg-result')).not.toHaveAttribute('data-verdict', '');
  }

  test(`${path}: a valid header, entered with the keyboard alone, is valid and nothing is sent`, async ({ page }) => {
    await open(page, path);
    await expect(page.getByRole('heading', { level: 1 })).toHaveText(l.title);
    const sent: string[] = [];
    page.on('request', (r) => sent.push(r.url()));
    const t = (await pageNow(page)) - 10;
    const body = eventBody(t);
    await page.getByLabel(l.header).focus();
    await page.keyboard.insertText(`t=${t},v1=${hmac(t, body)}`);
    await page.keyboard.press('Tab');
    await page.keyboard.insertText(body);
    await page.keyboard.press('Tab');
    await page.keyboard.insertText(SECRET);
    await page.keyboard.press('Enter');
    const result = page.getByTestId('sigdbg-result');
    await expect(result).toHaveAttribute('data-verdict', 'valid');
    await expect(page.getByTestId('sigdbg-verdict')).toContainText(l.valid);
    await expect(page.getByTestId('sigdbg-expected')).toHaveText(hmac(t, body));
    await expect(page.getByTestId('sigdbg-signed')).toHaveText(`${t}.${body}`);
    await expect(page.getByTestId('sigdbg-v1s').locator('li')).toHaveAttribute('data-matched', 'true');
    await expect(page.getByTestId('sigdbg-age')).toHaveAttribute('data-age-status', 'ok');
    expect(sent, 'requests made while checking').toEqual([]);
  });

  test(`${path}: a tampered body is a mismatch: a trailing newline is named, changed content cannot be told from a wrong secret`, async ({
    page,
  }) => {
    await open(page, path);
    const t = (await pageNow(page)) - 10;
    const body = eventBody(t);
    const header = `t=${t},v1=${hmac(t, body)}`;

    await check(page, { header, body: `${body}\n`, secret: SECRET });
    await expect(page.getByTestId('sigdbg-result')).toHaveAttribute('data-verdict', 'mismatch');
    await expect(page.getByTestId('sigdbg-verdict')).toContainText(l.mismatch);
    await expect(page.getByTestId('sigdbg-cause')).toHaveAttribute('data-cause', 'trailing_newline');
    await expect(page.getByTestId('sigdbg-cause')).toContainText(l.trailing);
    await expect(page.getByTestId('sigdbg-signed').getByRole('img')).toHaveAttribute('title', 'U+000A LF');

    await check(page, { header, body: body.replace('"amount":1000', '"amount":1'), secret: SECRET });
    await expect(page.getByTestId('sigdbg-result')).toHaveAttribute('data-verdict', 'mismatch');
    await expect(page.getByTestId('sigdbg-cause')).toHaveAttribute('data-cause', 'wrong_secret');
    await expect(page.getByTestId('sigdbg-cause')).toContainText(l.contentChanged);
    await expect(page.getByTestId('sigdbg-v1s').locator('li')).toHaveAttribute('data-matched', 'false');
  });

  test(`${path}: a wrong secret is named, and an app_secret is recognised as one`, async ({ page }) => {
    await open(page, path);
    const t = (await pageNow(page)) - 10;
    const body = eventBody(t);
    const header = `t=${t},v1=${hmac(t, body)}`;
    await check(page, { header, body, secret: 'whsec_someOtherAppsSecret' });
    await expect(page.getByTestId('sigdbg-result')).toHaveAttribute('data-verdict', 'mismatch');
    await expect(page.getByTestId('sigdbg-cause')).toHaveAttribute('data-cause', 'wrong_secret');
    await expect(page.getByTestId('sigdbg-cause').getByRole('heading')).toContainText(l.wrongSecret);
    await expect(page.getByTestId('sigdbg-expected')).toHaveText(hmac(t, body, 'whsec_someOtherAppsSecret'));

    await check(page, { header, body, secret: 'sk_test_notTheWebhookSecret' });
    await expect(page.getByTestId('sigdbg-cause')).toContainText(l.appSecret);
  });

  test(`${path}: re-serialised JSON is "body re-serialised", confirmed by the compact form matching`, async ({
    page,
  }) => {
    await open(page, path);
    const t = (await pageNow(page)) - 10;
    const body = eventBody(t);
    const pretty = JSON.stringify(JSON.parse(body), null, 2);
    await check(page, { header: `t=${t},v1=${hmac(t, body)}`, body: pretty, secret: SECRET });
    await expect(page.getByTestId('sigdbg-result')).toHaveAttribute('data-verdict', 'mismatch');
    const cause = page.getByTestId('sigdbg-cause');
    await expect(cause).toHaveAttribute('data-cause', 'reserialised');
    await expect(cause.getByRole('heading')).toContainText(l.reserialised);
    await expect(cause.locator('li').first()).toBeVisible();
  });

  test(`${path}: a timestamp older than 300 s by the page's clock is stale`, async ({ page }) => {
    await open(page, path);
    const t = (await pageNow(page)) - 400;
    const body = eventBody(t);
    await check(page, { header: `t=${t},v1=${hmac(t, body)}`, body, secret: SECRET });
    await expect(page.getByTestId('sigdbg-result')).toHaveAttribute('data-verdict', 'stale');
    await expect(page.getByTestId('sigdbg-verdict')).toContainText(l.stale);
    await expect(page.getByTestId('sigdbg-age')).toHaveAttribute('data-age-status', 'stale');
    await expect(page.getByTestId('sigdbg-v1s').locator('li')).toHaveAttribute('data-matched', 'true');
  });

  for (const theme of ['light', 'dark'] as const) {
    test(`${path}: axe finds no violations (${theme}), with a mismatch and its details shown`, async ({ page }) => {
      await page.emulateMedia({ colorScheme: theme });
      await open(page, path);
      await page.evaluate((th) => document.documentElement.setAttribute('data-theme', th), theme);
      const t = (await pageNow(page)) - 10;
      const body = eventBody(t);
      await check(page, {
        header: `t=${t},v1=${hmac(t, body)},v1=${hmac(t, body, 'x')}`,
        body: `${body}\r\n`,
        secret: SECRET,
      });
      await page.getByTestId('sigdbg-cause').locator('summary').click();
      const results = await new AxeBuilder({ page }).analyze();
      const summary = results.violations.map((v) => `${v.id}: ${v.nodes.length} × ${v.nodes[0]?.target.join(' ')}`);
      expect(summary).toEqual([]);
    });
  }
}
