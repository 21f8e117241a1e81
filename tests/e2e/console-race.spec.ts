/**
 * A reader with a stored key who clicks 发送请求 the moment the console appears must be sent
 * with a token: a click that races the console's start-up may never go out as 401 missing_token.
 */
import type { Page } from '@playwright/test';
import { expect, test, SANDBOX_HOST } from './fixtures.ts';

const KEY_SLOT = 'juyifu.sandbox-key';
const ROUNDS = 8;

/** A fresh sandbox app, stored where the key page would store it (this tab's sessionStorage). */
async function storeKey(page: Page): Promise<void> {
  const res = await page.request.post(`http://${SANDBOX_HOST}/v1/sandbox/apps`, { data: {} });
  const { data } = await res.json();
  const key = JSON.stringify({
    app_id: data.app_id,
    app_secret: data.app_secret,
    source_id: data.source_id,
    webhook_secret: data.webhook_secret,
    created_at: data.created_at,
  });
  // Before any of the site's scripts run, on every page of this test.
  await page.addInitScript(([slot, value]) => window.sessionStorage.setItem(slot, value), [KEY_SLOT, key] as const);
}

test('a click on send right after the page loads goes out with the stored key, never as 401', async ({ page }) => {
  test.setTimeout(90_000); // eight page loads, each with an order created
  await storeKey(page);
  for (let round = 0; round < ROUNDS; round++) {
    // No wait for hydration: the button is clicked as soon as Playwright can click it.
    await page.goto(`/docs/payments/create?round=${round}`);
    const c = page.locator('section[data-console="createPayment"]');
    await c.getByRole('button', { name: '发送请求' }).click();
    const status = c.getByRole('status').first();
    await expect(status).toHaveAttribute('data-status', /^\d{3}$/);
    expect(await status.getAttribute('data-status'), `round ${round}`).toBe('200');
  }
});
