/**
 * Chromium for tests: Debian's /usr/bin/chromium (what CI installs), or CHROMIUM_PATH, or
 * Playwright's own browser on a laptop where `npx playwright install chromium` was run.
 */
import { chromium, type Browser } from '@playwright/test';
import { existsSync } from 'node:fs';

/** Flags that keep Chromium from calling out to the internet, and run it as root in CI. */
export const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

export function chromiumPath(): string | undefined {
  if (process.env.CHROMIUM_PATH) return process.env.CHROMIUM_PATH;
  return existsSync('/usr/bin/chromium') ? '/usr/bin/chromium' : undefined;
}

export async function launchBrowser(): Promise<Browser> {
  try {
    return await chromium.launch({ executablePath: chromiumPath(), headless: true, args: CHROMIUM_ARGS });
  } catch (err) {
    throw new Error(
      `No Chromium to run browser tests. Install Debian's: apt-get install chromium (CI does), ` +
        `or Playwright's: npx playwright install chromium, or set CHROMIUM_PATH.\n${(err as Error).message}`,
      { cause: err },
    );
  }
}
