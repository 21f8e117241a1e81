/**
 * The page every portal test uses: it fails the test on any console error or uncaught
 * exception, records every request's host, and waits for React to hydrate after navigation.
 */
import { test as base, expect, type Page } from '@playwright/test';

const PORTAL_HOST = '127.0.0.1:3100';
export const SANDBOX_HOST = '127.0.0.1:4010';

export interface Watched {
  hosts: Set<string>;
  errors: string[];
}

export const test = base.extend<{ watched: Watched }>({
  watched: [
    async ({ page }, use) => {
      const watched: Watched = { hosts: new Set(), errors: [] };
      page.on('request', (r) => {
        const u = new URL(r.url());
        if (u.protocol.startsWith('http')) watched.hosts.add(u.host);
      });
      page.on('console', (m) => {
        // The browser logs every 4xx/5xx answer it fetches; the console shows such answers on
        // purpose, so those lines are not errors of the page.
        if (
          m.type() === 'error' &&
          !/^Failed to load resource: the server responded with a status of \d{3}/.test(m.text())
        ) {
          watched.errors.push(m.text());
        }
      });
      page.on('pageerror', (e) => watched.errors.push(e.message));
      await use(watched);
      expect(watched.errors, 'console errors').toEqual([]);
      expect(
        [...watched.hosts].filter((h) => h !== PORTAL_HOST && h !== SANDBOX_HOST),
        'requests outside the site and the sandbox',
      ).toEqual([]);
    },
    { auto: true },
  ],
});

export { expect };

/** Goes to a path and waits until Docusaurus has hydrated the page. */
export async function open(page: Page, path: string): Promise<void> {
  const res = await page.goto(path);
  expect(res?.status(), path).toBe(200);
  await page.locator('html[data-has-hydrated="true"]').waitFor();
}
