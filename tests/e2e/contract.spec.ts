/**
 * Parameter tables against the contract: this test walks the contract's document itself (not the
 * page generator) and compares a few operations' rows with what the page shows.
 */
import YAML from 'yaml';
import { loadContract } from '../../contract/index.ts';
import { expect, open, test } from './fixtures.ts';

// The resolved document and catalogues, walked here by hand rather than through the page generator.
const { document: doc, errors } = loadContract();

function expectedRows(path: string, method: 'get' | 'post'): Map<string, boolean> {
  const op = doc.paths[path][method]!;
  const rows = new Map<string, boolean>();
  for (const p of [...(doc.paths[path].parameters ?? []), ...(op.parameters ?? [])]) {
    rows.set(p.name, Boolean(p.required));
  }
  const content = op.requestBody?.content;
  if (content) {
    const schema = content[Object.keys(content)[0]].schema ?? {};
    for (const name of Object.keys(schema.properties ?? {})) rows.set(name, (schema.required ?? []).includes(name));
  }
  return rows;
}

for (const [page_, path, method, id] of [
  ['/docs/payments/create', '/v1/payments/create', 'post', 'createPayment'],
  ['/docs/auth/token', '/v1/oauth/token', 'post', 'getToken'],
  ['/docs/bills/query', '/v1/bills', 'get', 'getBill'],
  ['/docs/channels/add', '/v1/channels', 'post', 'createChannel'],
] as const) {
  test(`${id}: request line, parameter rows and required marks match the contract`, async ({ page }) => {
    await open(page, page_);
    const section = page.locator(`[data-operation="${id}"]`);
    await expect(section.getByTestId('request-line')).toHaveText(
      new RegExp(`^${method.toUpperCase()}\\s*${path.replace(/[/]/g, '\\/')}`),
    );
    const shown = new Map<string, boolean>();
    for (const row of await section.locator('tr[data-param]').all()) {
      shown.set(
        (await row.getAttribute('data-param'))!,
        (await row.locator('td').first().textContent())!.includes('必填'),
      );
    }
    expect(shown).toEqual(expectedRows(path, method));
    const declared = Object.keys(doc.paths[path][method]!.responses).filter((s) => /^[45]/.test(s));
    const linked = await section.locator('a[href*="/docs/errors#error-"]').allTextContents();
    expect(linked).toEqual(declared);
  });
}

test('the error table has every code of the catalogue, and an error badge leads to its row', async ({ page }) => {
  for (const prefix of ['', '/en']) {
    await open(page, `${prefix}/docs/errors`);
    for (const { code } of errors) await expect(page.locator(`tr#error-${code}`)).toHaveCount(1);
    expect(await page.locator('tbody tr[id^="error-"]').count()).toBe(errors.length);
  }
  await open(page, '/docs/payments/create');
  await page.locator('[data-operation="createPayment"] a[href$="#error-409"]').click();
  await expect(page).toHaveURL(/\/docs\/errors#error-409$/);
  await expect(page.locator('tr#error-409')).toContainText('Idempotency-Key');
});

test('the contract is published for download', async ({ request }) => {
  const res = await request.get('/openapi.yaml');
  expect(res.status()).toBe(200);
  expect(YAML.parse(await res.text()).openapi).toBe('3.1.0');
});
