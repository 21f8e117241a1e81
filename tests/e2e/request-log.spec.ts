/**
 * The 请求日志 / Request log page against the running sandbox, in both languages: a request sent
 * from outside the browser (as the reader's own server would) shows up by itself, explained, and
 * opens in the console or copies as code without the token.
 */
import AxeBuilder from '@axe-core/playwright';
import type { Page } from '@playwright/test';
import { loadContract } from '../../contract/index.ts';
import { errorAnchor } from '../../src/lib/request-log/explain.ts';
import { expect, open, SANDBOX_HOST, test } from './fixtures.ts';
import { LOCALES } from './site-map.ts';

const SANDBOX = `http://${SANDBOX_HOST}`;
const { errors } = loadContract();
const code400 = errors.find((e) => e.code === '400')!;

/** Text of the page in each language. */
const TEXT = {
  'zh-Hans': {
    getKey: '申请沙箱密钥',
    language: '代码语言',
    copy: /^复制为代码/,
    openInConsole: '在控制台中打开',
    path: '路径前缀',
    status: '状态',
  },
  en: {
    getKey: 'Get sandbox key',
    language: 'Code language',
    copy: /^Copy as code/,
    openInConsole: 'Open in console',
    path: 'Path prefix',
    status: 'Status',
  },
};

/** A new sandbox app from the key page, as a reader gets one; its credentials as shown there. */
async function newKey(page: Page, prefix: string, label: string): Promise<{ appId: string; appSecret: string }> {
  await open(page, `${prefix}/sandbox-key`);
  await page.getByRole('button', { name: label }).click();
  await expect(page.locator('#key-app_id')).toHaveValue(/^app_/);
  return {
    appId: await page.locator('#key-app_id').inputValue(),
    appSecret: await page.locator('#key-app_secret').inputValue(),
  };
}

/** What the reader's own server does: a token, then an order with a decimal amount. No console header. */
async function refusedOrderFromServer(appId: string, appSecret: string, productName: string) {
  const tokenRes = await fetch(`${SANDBOX}/v1/oauth/token`, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({ grant_type: 'client_credentials', app_id: appId, app_secret: appSecret }),
  });
  const token = (await tokenRes.json()).data.access_token as string;
  const res = await fetch(`${SANDBOX}/v1/payments/create`, {
    method: 'POST',
    headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
    body: JSON.stringify({ product_id: 'p_log', product_name: productName, amount: 10.5 }),
  });
  const answer = await res.json();
  expect([res.status, answer.sub_code]).toEqual([400, 'amount_not_integer']);
  return { token, requestId: answer.request_id as string };
}

for (const { prefix, lang } of LOCALES) {
  const text = TEXT[lang as keyof typeof TEXT];
  const fix = lang === 'en' ? code400.fix.en : code400.fix.zh;

  test(`${lang}: your server's refused order appears by itself, explained, and opens in the console prefilled`, async ({
    page,
    context,
  }) => {
    await context.grantPermissions(['clipboard-read', 'clipboard-write']);
    const { appId, appSecret } = await newKey(page, prefix, text.getKey);
    await open(page, `${prefix}/sandbox-logs`);
    await expect(page.getByTestId('log-summary')).toContainText(appId);
    // Proof the page is not reloaded, and a field the reader is in keeps the focus.
    await page.evaluate(() => Object.assign(window, { juyifuSamePage: true }));
    const pathField = page.getByLabel(text.path);
    await pathField.focus();

    const productName = `log-${lang}-${Date.now()}`;
    const { token, requestId } = await refusedOrderFromServer(appId, appSecret, productName);
    const started = Date.now();
    const row = page.locator(`li[data-request-id="${requestId}"]`);
    await expect(row).toBeVisible({ timeout: 10_000 });
    console.log(`${lang}: the refused order was listed ${Date.now() - started} ms after its answer`);
    expect(await page.evaluate(() => 'juyifuSamePage' in window)).toBe(true);
    await expect(pathField).toBeFocused();

    await expect(row).toHaveAttribute('data-origin', 'api');
    await expect(row.getByTestId('log-origin')).toHaveText('API');
    await expect(row.getByTestId('log-sub-code')).toHaveText('amount_not_integer');
    await expect(row.getByTestId('log-fix')).toContainText(fix);
    const errorRow = row.getByTestId('log-error-row');
    await expect(errorRow).toHaveAttribute('href', `${prefix}/docs/errors#error-400-amount_not_integer`);

    await row.locator('summary').click();
    await expect(row.getByText('"amount": 10.5')).toBeVisible();
    for (const theme of ['light', 'dark']) {
      await page.evaluate((t) => document.documentElement.setAttribute('data-theme', t), theme);
      const results = await new AxeBuilder({ page }).analyze();
      expect(results.violations.map((v) => `${theme} ${v.id}: ${v.nodes[0]?.target.join(' ')}`)).toEqual([]);
    }

    // Copy as code in the language chosen for the site: the token is a placeholder, never a real one.
    await page.getByLabel(text.language).selectOption('php');
    await row.getByRole('button', { name: text.copy }).click();
    await expect(row.getByRole('button', { name: /PHP/ })).toBeVisible();
    const php = await page.evaluate(() => navigator.clipboard.readText());
    expect(php).toMatch(/^<\?php/);
    expect(php).toContain("getenv('JUYIFU_TOKEN')");
    expect(php).toContain(productName);
    expect(php).toContain("'amount' => 10.5");
    expect(php).not.toContain(token);
    expect(php).not.toMatch(/tok_|X-JuYiFu-Client/i);
    await page.getByLabel(text.language).selectOption('java');
    await row.getByRole('button', { name: text.copy }).click();
    await expect.poll(() => page.evaluate(() => navigator.clipboard.readText())).toContain('java.net.http.HttpClient');

    // The error row the link names is there.
    await errorRow.click();
    await expect(page).toHaveURL(/\/docs\/errors#error-400-amount_not_integer$/);
    await expect(page.locator('[id="error-400-amount_not_integer"]')).toContainText('amount_not_integer');
    await page.goBack();

    await page.locator(`li[data-request-id="${requestId}"]`).getByRole('link', { name: text.openInConsole }).click();
    await expect(page).toHaveURL(new RegExp(`${prefix}/docs/payments/create\\?`));
    const c = page.locator('section[data-console="createPayment"]');
    await expect(c.getByLabel(/^amount/)).toHaveValue('10.5');
    await expect(c.getByLabel(/^product_name/)).toHaveValue(productName);
    await expect(c.getByLabel(/^product_id/)).toHaveValue('p_log');
  });

  test(`${lang}: filters live in the URL; without a key the page points to the key page`, async ({ page }) => {
    await open(page, `${prefix}/sandbox-logs`);
    await expect(page.getByTestId('log-no-key').getByRole('link')).toHaveAttribute('href', `${prefix}/sandbox-key`);
    await newKey(page, prefix, text.getKey);
    await open(page, `${prefix}/sandbox-logs?status=4xx`);
    await expect(page.getByLabel(text.status)).toHaveValue('4xx');
    await page.getByLabel(text.path).fill('/v1/payments');
    await page.getByLabel(text.path).press('Enter');
    await expect(page).toHaveURL(/\?status=4xx&path=%2Fv1%2Fpayments$/);
    await page.reload();
    await expect(page.getByLabel(text.path)).toHaveValue('/v1/payments');
  });

  test(`${lang}: every error row a log entry can link to exists on the error page`, async ({ page }) => {
    await open(page, `${prefix}/docs/errors`);
    const ids = new Set(await page.locator('[id^="error-"]').evaluateAll((els) => els.map((e) => e.id)));
    const wanted = errors
      .filter((e) => e.code !== '0000')
      .flatMap((e) => [errorAnchor(e.code), ...e.sub_codes.map((s) => errorAnchor(e.code, s.sub_code))]);
    expect(wanted.filter((id) => !ids.has(id))).toEqual([]);
  });
}
