import { expect, open, test } from './fixtures.ts';
import { DOC_IDS, docPath, LOCALES } from './site-map.ts';

test.describe('every sidebar section opens in both locales', () => {
  for (const { prefix, lang } of LOCALES) {
    for (const id of DOC_IDS) {
      test(`${lang} ${id}`, async ({ page }) => {
        await open(page, `${prefix}${docPath(id)}`);
        await expect(page.locator('html')).toHaveAttribute('lang', lang);
        const h1 = (await page.locator('article h1').first().textContent()) ?? '';
        expect(h1.trim().length).toBeGreaterThan(1);
        // English pages are written in English: their title has no Chinese in it.
        if (lang === 'en') expect(h1).not.toMatch(/[\u4e00-\u9fff]/);
        else expect(h1).toMatch(/[\u4e00-\u9fff]|Token|Android|PHP/);
        await expect(page.locator('.theme-doc-sidebar-menu')).toBeVisible();
      });
    }
  }
});

test('the home page links into every section and shows the sandbox status', async ({ page }) => {
  await open(page, '/');
  const hrefs = await page
    .locator('main a')
    .evaluateAll((as) => as.map((a) => new URL((a as HTMLAnchorElement).href).pathname));
  for (const id of DOC_IDS.filter((d) => !d.startsWith('channels/') || d === 'channels/add').filter(
    (d) => !['payments/close', 'auth/token'].includes(d),
  )) {
    expect(hrefs, id).toContain(docPath(id));
  }
  await expect(page.getByRole('status')).toContainText(/在线|online/);
});

test('the sequence diagram renders as SVG', async ({ page }) => {
  await open(page, '/docs/intro');
  const svg = page.locator('[data-diagram="drawn"] svg');
  await expect(svg).toBeVisible({ timeout: 20_000 });
  await expect(svg).toContainText('聚易付');
  await expect(svg).toContainText('notify_url');
});
