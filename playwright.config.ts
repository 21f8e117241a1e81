import { defineConfig, devices } from '@playwright/test';
import { CHROMIUM_ARGS, chromiumPath } from './tests/support/browser.ts';

/**
 * Browser tests against the built site (npm run build) and a running sandbox. Both servers are
 * started here; a developer's own ones on the same ports are reused outside CI.
 */
const PORTAL = 'http://127.0.0.1:3100';
const SANDBOX = 'http://127.0.0.1:4010';

export default defineConfig({
  testDir: 'tests/e2e',
  fullyParallel: true,
  workers: process.env.CI ? 2 : undefined,
  retries: 0,
  timeout: 45_000,
  reporter: [['list'], ['json', { outputFile: 'test-results/e2e.json' }]],
  use: {
    baseURL: PORTAL,
    ...devices['Desktop Chrome'],
    locale: 'zh-CN',
    launchOptions: { executablePath: chromiumPath(), args: CHROMIUM_ARGS },
    trace: 'off',
  },
  webServer: [
    {
      command: 'npx docusaurus serve --port 3100 --host 127.0.0.1 --no-open',
      url: PORTAL,
      reuseExistingServer: !process.env.CI,
      timeout: 60_000,
    },
    {
      command: 'node --import tsx sandbox/server.ts',
      url: `${SANDBOX}/v1/health`,
      reuseExistingServer: !process.env.CI,
      timeout: 60_000,
      env: {
        SANDBOX_PORT: '4010',
        SANDBOX_DB: 'test-results/e2e-sandbox.sqlite',
        SANDBOX_CORS_ORIGINS: PORTAL,
        SANDBOX_RATE_LIMIT: '0',
        SANDBOX_APPS_PER_HOUR: '0',
        SANDBOX_WEBHOOK_ALLOW_PRIVATE: 'true',
      },
    },
  ],
});
