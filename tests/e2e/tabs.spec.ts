import { expect, open, test } from './fixtures.ts';

const selected = (page: import('@playwright/test').Page) =>
  page.locator('.code-tabs [role="tab"][aria-selected="true"]').allTextContents();

test('one language choice: syncs across groups and pages, survives reload, can be set by ?lang=', async ({ page }) => {
  await open(page, '/docs/payments/create');
  expect((await selected(page)).length).toBeGreaterThanOrEqual(2); // create and the old /new path
  await page.locator('.code-tabs').first().getByRole('tab', { name: 'PHP' }).click();
  expect(new Set(await selected(page))).toEqual(new Set(['PHP']));
  await expect(page.locator('.code-tabs').last().locator('[role="tabpanel"]:not([hidden]) code')).toContainText(
    'curl_init',
  );

  await open(page, '/docs/payments/query');
  expect(new Set(await selected(page))).toEqual(new Set(['PHP']));
  await page.reload();
  await page.locator('html[data-has-hydrated="true"]').waitFor();
  expect(new Set(await selected(page))).toEqual(new Set(['PHP']));

  await open(page, '/docs/channels/add?lang=android');
  expect(new Set(await selected(page))).toEqual(new Set(['Android']));
  await expect(page.locator('.code-tabs [role="tabpanel"]:not([hidden]) code').first()).toContainText('okhttp3');
  await open(page, '/docs/bills/query');
  expect(new Set(await selected(page)), 'the URL choice is remembered too').toEqual(new Set(['Android']));
});

test('every code block has a copy button', async ({ page }) => {
  await open(page, '/docs/payments/create?lang=java');
  const visible = page.locator('.code-tabs [role="tabpanel"]:not([hidden])').first();
  await expect(visible.getByRole('button', { name: /复制|Copy/ })).toHaveCount(1);
  await expect(visible.locator('code')).toContainText('public class CreatePayment');
});
