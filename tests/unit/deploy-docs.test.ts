/**
 * The settings tables cannot drift from the sandbox: every SANDBOX_* variable sandbox/src/config.ts
 * reads is listed in the README's table and on the 部署 / Deploying page in both locales, nothing
 * else is, and the defaults shown agree. The page shows deploy/nginx.conf by importing the file,
 * never a pasted copy, and the portal's one build-time setting reaches the pages.
 */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { describe, test } from 'node:test';

const TABLES = {
  README: 'README.md',
  zh: 'docs/deploy.mdx',
  en: 'i18n/en/docusaurus-plugin-content-docs/current/deploy.mdx',
};

/** The variables config.ts reads from the environment, in the order it reads them. */
function variablesRead(): string[] {
  const source = readFileSync('sandbox/src/config.ts', 'utf8');
  return [...new Set([...source.matchAll(/\benv\.(SANDBOX_[A-Z0-9_]+)/g)].map((m) => m[1]))];
}

/** A settings table's rows: the variable of each row, and the code spans of its default cell. */
function settingsRows(file: string): Map<string, string[]> {
  const rows = new Map<string, string[]>();
  for (const line of readFileSync(file, 'utf8').split('\n')) {
    const cells = /^\| `(SANDBOX_[A-Z0-9_]+)` \|([^|]*)\|/.exec(line);
    if (!cells) continue;
    assert.ok(!rows.has(cells[1]), `${file} lists ${cells[1]} twice`);
    // Sorted: a sentence may name them in another order in another language.
    rows.set(cells[1], [...cells[2].matchAll(/`([^`]*)`/g)].map((m) => m[1]).sort());
  }
  return rows;
}

describe('the settings tables', () => {
  const read = variablesRead();

  test('config.ts reads the settings the tables are checked against', () => {
    assert.ok(read.length >= 15, `found ${read.join(', ')}`);
    for (const name of ['SANDBOX_DATABASE_URL', 'SANDBOX_SECRET_KEY', 'SANDBOX_TRUST_PROXY', 'SANDBOX_PORT']) {
      assert.ok(read.includes(name), name);
    }
  });

  for (const [where, file] of Object.entries(TABLES)) {
    test(`${where} lists every variable config.ts reads, and no other`, () => {
      assert.deepEqual([...settingsRows(file).keys()].sort(), [...read].sort());
    });
  }

  test('the three tables show the same defaults', () => {
    const readme = settingsRows(TABLES.README);
    for (const lang of ['zh', 'en'] as const) {
      const page = settingsRows(TABLES[lang]);
      for (const name of read) assert.deepEqual(page.get(name), readme.get(name), `${lang} ${name}`);
    }
  });

  test('a missing or extra row would be seen', () => {
    const rows = [...settingsRows(TABLES.en).keys()];
    assert.notDeepEqual([...rows, 'SANDBOX_NOT_READ'].sort(), [...read].sort());
    assert.notDeepEqual(rows.slice(1).sort(), [...read].sort());
  });
});

describe('the deploy page', () => {
  test('shows deploy/nginx.conf from the file itself, in both locales', () => {
    const conf = readFileSync('deploy/nginx.conf', 'utf8');
    const upstream = conf.split('\n').find((l) => l.includes('upstream '));
    assert.ok(upstream, 'the config has an upstream block');
    for (const lang of ['zh', 'en'] as const) {
      const page = readFileSync(TABLES[lang], 'utf8');
      assert.match(page, /^import nginxConf from '@site\/deploy\/nginx\.conf\?raw';$/m, lang);
      assert.match(page, /<CodeBlock language="nginx" title="deploy\/nginx\.conf">\{nginxConf\}<\/CodeBlock>/, lang);
      assert.ok(!page.includes(upstream.trim()), `${lang} has no pasted copy of the config`);
    }
  });

  test('SANDBOX_URL at build time is where the pages reach the sandbox', async () => {
    process.env.SANDBOX_URL = 'https://sandbox.example.com';
    const { default: config } = await import('../../docusaurus.config.ts');
    assert.equal(config.customFields?.sandboxUrl, 'https://sandbox.example.com');
  });
});
