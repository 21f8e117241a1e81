/**
 * Portal figures: build time (cold and cached, both locales), JavaScript each page type loads
 * (gzip bytes, as served), and Lighthouse 12 mobile scores, all against the build served with
 * compression on loopback. The sandbox is not needed: pages that call it degrade gracefully.
 */
import { chromium } from '@playwright/test';
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import lighthouse from 'lighthouse';
import * as chromeLauncher from 'chrome-launcher';
import { CHROMIUM_ARGS, chromiumPath } from '../tests/support/browser.ts';
import { serveBuild } from './static-server.ts';

export const PAGE_TYPES: Record<string, string> = {
  home: '/',
  api: '/docs/payments/create',
  diagram: '/docs/intro',
  errors: '/docs/errors',
};

function timed(cmd: string, args: string[]): number {
  const started = performance.now();
  const r = spawnSync(cmd, args, { stdio: 'ignore', env: process.env });
  if (r.status !== 0) throw new Error(`${cmd} ${args.join(' ')} failed`);
  return Number(((performance.now() - started) / 1000).toFixed(1));
}

export async function measurePortal(root: string) {
  spawnSync('npx', ['docusaurus', 'clear'], { stdio: 'ignore' });
  const cold = timed('npx', ['docusaurus', 'build']);
  const cached = timed('npx', ['docusaurus', 'build']);

  const port = 3200;
  const server = await serveBuild(join(root, 'build'), port);
  const base = `http://127.0.0.1:${port}`;
  try {
    // JavaScript per page type: every script the page loads, gzip-compressed as served.
    const browser = await chromium.launch({ executablePath: chromiumPath(), args: CHROMIUM_ARGS });
    const js: Record<string, { files: number; gzip_kb: number }> = {};
    for (const [kind, path] of Object.entries(PAGE_TYPES)) {
      const page = await browser.newPage();
      const scripts = new Set<string>();
      page.on('response', (r) => {
        if (r.request().resourceType() === 'script') scripts.add(new URL(r.url()).pathname);
      });
      await page.goto(base + path, { waitUntil: 'networkidle' });
      let bytes = 0;
      for (const s of scripts) bytes += gzipSync(readFileSync(join(root, 'build', s)), { level: 6 }).length;
      js[kind] = { files: scripts.size, gzip_kb: Number((bytes / 1024).toFixed(1)) };
      await page.close();
    }
    await browser.close();

    // Lighthouse 12, mobile profile (its default), one run per page type.
    const chrome = await chromeLauncher.launch({
      chromePath: chromiumPath(),
      chromeFlags: ['--headless=new', ...CHROMIUM_ARGS],
    });
    const scores: Record<string, Record<string, number>> = {};
    try {
      for (const [kind, path] of Object.entries(PAGE_TYPES)) {
        const result = await lighthouse(base + path, {
          port: chrome.port,
          output: 'json',
          logLevel: 'error',
          onlyCategories: ['performance', 'accessibility', 'best-practices', 'seo'],
        });
        const c = result!.lhr.categories;
        scores[kind] = Object.fromEntries(Object.entries(c).map(([k, v]) => [k, Math.round((v.score ?? 0) * 100)]));
        const a = result!.lhr.audits;
        scores[kind].lcp_ms = Math.round(a['largest-contentful-paint'].numericValue ?? 0);
        scores[kind].tbt_ms = Math.round(a['total-blocking-time'].numericValue ?? 0);
      }
    } finally {
      await chrome.kill();
    }
    return { build_seconds: { cold, cached }, js, lighthouse: scores };
  } finally {
    server.close();
  }
}

export function printPortal(p: Awaited<ReturnType<typeof measurePortal>>): void {
  console.log(`\nportal build (zh-Hans + en): cold ${p.build_seconds.cold} s, cached ${p.build_seconds.cached} s`);
  console.log(
    '\n| page type | JS files | JS gzip KB | performance | accessibility | best practices | SEO | LCP ms | TBT ms |',
  );
  console.log('| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |');
  for (const kind of Object.keys(p.js)) {
    const l = p.lighthouse[kind] ?? {};
    console.log(
      `| ${kind} | ${p.js[kind].files} | ${p.js[kind].gzip_kb} | ${l.performance} | ${l.accessibility} | ${l['best-practices']} | ${l.seo} | ${l.lcp_ms} | ${l.tbt_ms} |`,
    );
  }
}
