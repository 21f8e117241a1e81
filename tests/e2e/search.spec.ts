import { expect, open, test } from './fixtures.ts';

// Chinese search works out of the box (jieba segmentation at build time): each term must lead
// to the page an integrator is looking for.
for (const [term, title, path] of [
  ['订单', /^(订单创建|订单查询|关闭订单)$/, /\/docs\/payments\//],
  ['渠道', /^(添加渠道|删除渠道|查询渠道|修改渠道|路由预览)$/, /\/docs\/channels\//],
  ['账单', /^账单查询$/, /\/docs\/bills\/query/],
  ['签名', /^异步通知$/, /\/docs\/webhooks/],
  ['401', /^(错误代码|授权机制说明|获取Token)$/, /\/docs\/(errors|auth\/)/],
] as const) {
  test(`search: ${term} leads to ${path.source}`, async ({ page }) => {
    await open(page, '/');
    await page.locator('input.navbar__search-input').fill(term);
    await expect(page.getByRole('option').first()).toBeVisible({ timeout: 15_000 });
    // A hit shows an excerpt, then the page's title on its last line: pick by the title.
    const titles = (await page.getByRole('option').allInnerTexts()).map((t) => t.trim().split('\n').pop() ?? '');
    const index = titles.findIndex((t) => title.test(t));
    expect(index, `${term}: ${titles.join(' | ')}`).toBeGreaterThanOrEqual(0);
    await page.getByRole('option').nth(index).click();
    await expect(page).toHaveURL(path);
  });
}

test('search works in English too', async ({ page }) => {
  await open(page, '/en/');
  await page.locator('input.navbar__search-input').fill('signature');
  const hit = page
    .getByRole('option')
    .filter({ hasText: /Webhooks|signature/i })
    .first();
  await expect(hit).toBeVisible({ timeout: 15_000 });
  await hit.click();
  await expect(page).toHaveURL(/\/en\/docs\/webhooks/);
});
