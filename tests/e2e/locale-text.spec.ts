/**
 * The built pages speak their language: English pages show the success message the English
 * sandbox sends and never the Chinese one, Chinese pages the reverse, and the English sequence
 * diagram is drawn with English punctuation.
 */
import { loadContract } from '../../contract/index.ts';
import { expect, open, test } from './fixtures.ts';
import { DOC_IDS, docPath, LOCALES } from './site-map.ts';

/** What the sandbox says on success, per language: the error catalogue's 0000 title. */
const SUCCESS = loadContract().errors.find((e) => e.code === '0000')!.title;
const saysMessage = (text: string) => new RegExp(`"message"\\s*:\\s*"${text}"`);
const FULL_WIDTH = /[\u3000-\u303F\uFF01-\uFF0F\uFF1A-\uFF20\uFF3B-\uFF40\uFF5B-\uFF65“”‘’]/;

/** The text of a page as served: scripts and tags dropped, the entities code blocks use read back. */
function servedText(html: string): string {
  return html
    .replace(/<script[\s\S]*?<\/script>/g, '')
    .replace(/<[^>]+>/g, '')
    .replace(/&quot;/g, '"')
    .replace(/&#x27;|&#39;/g, "'")
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&amp;/g, '&');
}

for (const { prefix, lang } of LOCALES) {
  const own = lang === 'en' ? SUCCESS.en : SUCCESS.zh;
  const other = lang === 'en' ? SUCCESS.zh : SUCCESS.en;
  test(`${lang}: no page shows the other language's success message ("message":"${other}")`, async ({ request }) => {
    const wrong: string[] = [];
    const right: string[] = [];
    for (const id of DOC_IDS) {
      const res = await request.get(`${prefix}${docPath(id)}`);
      expect(res.status(), id).toBe(200);
      const text = servedText(await res.text());
      if (saysMessage(other).test(text)) wrong.push(id);
      if (saysMessage(own).test(text)) right.push(id);
    }
    expect(wrong).toEqual([]);
    // The pages with API examples do show a message, so the check above reads what it should.
    expect(right).toEqual(expect.arrayContaining(['intro', 'payments/create', 'channels/add']));
  });
}

test('the English create-order page shows the English success message once hydrated', async ({ page }) => {
  await open(page, '/en/docs/payments/create');
  const example = page.locator('pre', { hasText: '"code": "0000"' }).first();
  await expect(example).toContainText(`"message": "${SUCCESS.en}"`);
  await expect(page.locator('pre', { hasText: `"message": "${SUCCESS.zh}"` })).toHaveCount(0);
});

test('the English sequence diagram is drawn with English punctuation', async ({ page }) => {
  await open(page, '/en/docs/intro');
  const svg = page.locator('[data-diagram="drawn"] svg');
  await expect(svg).toBeVisible({ timeout: 20_000 });
  await expect(svg).toContainText('order_id, pay_url');
  expect((await svg.textContent()) ?? '').not.toMatch(FULL_WIDTH);
});
