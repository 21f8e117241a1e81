/** Accessibility (axe) in light and dark, and phone-sized screens, on one page of each kind. */
import AxeBuilder from '@axe-core/playwright';
import { expect, open, test } from './fixtures.ts';
import { PAGE_TYPES } from './site-map.ts';

for (const [kind, path] of Object.entries(PAGE_TYPES)) {
  for (const theme of ['light', 'dark'] as const) {
    test(`axe: ${kind} (${theme}) has no violations`, async ({ page }) => {
      await page.emulateMedia({ colorScheme: theme });
      await open(page, path);
      await page.evaluate((t) => document.documentElement.setAttribute('data-theme', t), theme);
      if (kind === 'diagram') await page.locator('[data-diagram="drawn"] svg').waitFor({ timeout: 20_000 });
      const results = await new AxeBuilder({ page }).analyze();
      const summary = results.violations.map((v) => `${v.id}: ${v.nodes.length} × ${v.nodes[0]?.target.join(' ')}`);
      expect(summary).toEqual([]);
    });
  }

  test(`phone: ${kind} has no horizontal scroll`, async ({ browser }) => {
    const context = await browser.newContext({ viewport: { width: 375, height: 740 }, isMobile: true, hasTouch: true });
    const page = await context.newPage();
    await open(page, path);
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    expect(overflow).toBeLessThanOrEqual(0);
    await context.close();
  });
}
