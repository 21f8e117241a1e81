/** The 请求日志 page's logic: filters, the list across polls, explanations, console links, code. */
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, test } from 'node:test';
import { loadContract } from '../../contract/index.ts';
import { requestPreview } from '../../src/lib/console/preview.ts';
import { startForm } from '../../src/lib/console/start-form.ts';
import { pageOperation } from '../../src/lib/operation-page.ts';
import { consoleLink, operationOf } from '../../src/lib/request-log/console-link.ts';
import type { LogEntry } from '../../src/lib/request-log/entry.ts';
import { errorAnchor, explain } from '../../src/lib/request-log/explain.ts';
import { filtersFromSearch, logQuery, NO_FILTERS, searchWithFilters } from '../../src/lib/request-log/filters.ts';
import { EMPTY_LIST, reachesKnown, withNewest, withOlder } from '../../src/lib/request-log/merge.ts';
import { OPERATION_PAGES } from '../../src/lib/request-log/operation-pages.ts';
import { entrySnippet, entrySpec } from '../../src/lib/request-log/snippet.ts';

const contract = loadContract();
const operations = contract.operations.map((o) => ({ id: o.operationId, method: o.method, path: o.path }));
const BASE = 'http://127.0.0.1:4010';
const TOKEN = 'tok_abcdefghijklmnopqrstuvwxyz012345';

/** A logged request; the fields a test does not name are those of a refused order. */
function entry(over: Partial<LogEntry> & { request_id: string }): LogEntry {
  return {
    at: '2026-11-28T10:00:00+08:00',
    method: 'POST',
    path: '/v1/payments/create',
    status: 400,
    sub_code: 'amount_not_integer',
    duration_ms: 3,
    origin: 'api',
    request: {
      headers: {
        authorization: 'Bearer tok_abcd…2345',
        'content-type': 'application/json',
        'idempotency-key': 'log-1',
        accept: '*/*',
      },
      query: {},
      body: { product_id: 'p', product_name: '日志', amount: 10.5, extra: { openid: 'o_1' } },
    },
    response: {
      content_type: 'application/json; charset=utf-8',
      body: '{"code":"400","sub_code":"amount_not_integer","param":"amount","message":"金额 amount 必须是整数","request_id":"req_1"}',
      truncated: false,
    },
    ...over,
  };
}

const refused = entry({ request_id: 'req_1' });
/** A token request as a merchant's server sends it: a form, its app_secret masked by the log. */
const token = entry({
  request_id: 't',
  path: '/v1/oauth/token',
  request: {
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    query: {},
    body: { grant_type: 'client_credentials', app_id: 'app_1', app_secret: 'sk_test_…3456' },
  },
});
const ownRead = entry({
  request_id: 'req_own',
  method: 'GET',
  path: '/v1/sandbox/logs',
  status: 200,
  sub_code: null,
  origin: 'console',
});

describe('filters', () => {
  test('read from the URL (an unknown status is no filter), written back with other parameters kept', () => {
    assert.deepEqual(filtersFromSearch('?status=4xx&path=/v1/payments&request_id=req_9&lang=php'), {
      status: '4xx',
      path: '/v1/payments',
      request_id: 'req_9',
    });
    assert.deepEqual(filtersFromSearch('?status=3xx'), NO_FILTERS);
    assert.equal(
      searchWithFilters('?lang=php&status=2xx', { status: '', path: '/v1/refunds', request_id: '' }),
      '?lang=php&path=%2Fv1%2Frefunds',
    );
    assert.equal(searchWithFilters('?status=4xx', NO_FILTERS), '');
  });

  test("the log's query: only the filters set, the page size, the cursor for older pages", () => {
    assert.deepEqual(logQuery({ status: '5xx', path: '', request_id: ' req_1 ' }, 20), [
      ['status', '5xx'],
      ['request_id', 'req_1'],
      ['limit', '20'],
    ]);
    assert.deepEqual(logQuery(NO_FILTERS, 50, '123'), [
      ['limit', '50'],
      ['cursor', '123'],
    ]);
  });
});

describe('the list across polls', () => {
  const a = entry({ request_id: 'a' });
  const b = entry({ request_id: 'b' });
  const c = entry({ request_id: 'c' });

  test('the first load sets the cursor; a poll adds only what is new, in front; the same list object when nothing is', () => {
    const first = withNewest(EMPTY_LIST, [b, a], '17');
    assert.deepEqual(
      first.entries.map((e) => e.request_id),
      ['b', 'a'],
    );
    assert.equal(first.older, '17');
    const polled = withNewest(first, [c, b], '40');
    assert.deepEqual(
      polled.entries.map((e) => e.request_id),
      ['c', 'b', 'a'],
    );
    assert.equal(polled.older, '17', 'a poll does not move where "load older" starts');
    assert.equal(polled.entries[1], first.entries[0], 'entries already shown are the same objects');
    assert.equal(withNewest(polled, [c, b], '40'), polled);
    assert.ok(reachesKnown(polled, [entry({ request_id: 'd' }), c]));
    assert.ok(!reachesKnown(polled, [entry({ request_id: 'd' })]));
  });

  test('an older page goes behind, each entry once, and moves the cursor', () => {
    const list = withOlder(withNewest(EMPTY_LIST, [c, b], '2'), [b, a], null);
    assert.deepEqual(
      list.entries.map((e) => e.request_id),
      ['c', 'b', 'a'],
    );
    assert.equal(list.older, null);
  });
});

describe('explain', () => {
  const [code400] = contract.errors.filter((e) => e.code === '400');

  test("a refused amount: its sub_code, the catalogue's words and fix in the page's language, its row", () => {
    for (const locale of ['zh-Hans', 'en']) {
      const x = explain(refused, contract.errors, locale)!;
      const lang = locale === 'en' ? 'en' : 'zh';
      assert.equal(x.code, '400');
      assert.equal(x.subCode, 'amount_not_integer');
      assert.equal(x.title, code400.title[lang]);
      assert.equal(x.fix, code400.fix[lang]);
      assert.ok(x.meaning.includes('amount') && !x.meaning.includes('{param}'), x.meaning);
      assert.equal(x.param, 'amount');
      assert.equal(x.message, '金额 amount 必须是整数');
      assert.equal(x.link, '/docs/errors#error-400-amount_not_integer');
    }
  });

  test("a sub_code's own fix wins over its code's; every catalogued case links to its own row", () => {
    const own = contract.errors.flatMap((e) => e.sub_codes.filter((s) => s.fix).map((s) => ({ e, s })));
    assert.ok(own.length > 0, 'the catalogue has sub_codes with a fix of their own');
    for (const { e, s } of own) {
      const x = explain(entry({ request_id: 'r', status: e.http_status, sub_code: s.sub_code }), contract.errors, 'en');
      assert.equal(x?.fix, s.fix!.en);
    }
    for (const e of contract.errors.filter((x) => x.code !== '0000')) {
      for (const s of e.sub_codes) {
        const x = explain(
          entry({ request_id: 'r', status: e.http_status, sub_code: s.sub_code }),
          contract.errors,
          'zh-Hans',
        );
        assert.equal(x?.link, `/docs/errors#${errorAnchor(e.code, s.sub_code)}`);
      }
    }
  });

  test('success needs no explaining; an unlisted sub_code links to its code; an unlisted status to nothing', () => {
    assert.equal(explain({ ...refused, status: 200, sub_code: null }, contract.errors, 'en'), null);
    const odd = explain({ ...refused, sub_code: 'not_in_catalogue' }, contract.errors, 'en')!;
    assert.equal(odd.link, '/docs/errors#error-400');
    assert.equal(odd.fix, code400.fix.en);
    const cut = explain(
      { ...refused, status: 502, response: { ...refused.response, body: '<html>' } },
      contract.errors,
      'en',
    )!;
    assert.deepEqual([cut.link, cut.message, cut.title], [null, null, '']);
  });
});

/** operationId → page, read from every docs page's <ApiOperation op={…}> and its import, in both locales. */
function pagesFromDocs(root: string): Record<string, string> {
  const pages: Record<string, string> = {};
  const files = readdirSync(root, { recursive: true, encoding: 'utf8' }).filter((f) => f.endsWith('.mdx'));
  for (const file of files) {
    const text = readFileSync(join(root, file), 'utf8');
    const route = `/docs/${relative('.', file).replace(/\.mdx$/, '')}`;
    for (const [, name] of text.matchAll(/<ApiOperation op=\{(\w+)\}/g)) {
      const id = new RegExp(`import ${name} from '@generated/juyifu-contract/default/op-(\\w+)\\.json'`).exec(
        text,
      )?.[1];
      assert.ok(id, `${file}: where ${name} comes from`);
      if (contract.byId.get(id)?.samples) pages[id] = route;
    }
  }
  return pages;
}

describe('open in console', () => {
  test('the list of console pages is what the docs pages show, in both locales', () => {
    assert.deepEqual(pagesFromDocs('docs'), OPERATION_PAGES);
    assert.deepEqual(pagesFromDocs('i18n/en/docusaurus-plugin-content-docs/current'), OPERATION_PAGES);
  });

  test('the operation of a method and path: literal paths before templates, path parameters decoded', () => {
    assert.equal(operationOf('POST', '/v1/payments/new', operations)?.op.id, 'createPaymentLegacy');
    assert.deepEqual(operationOf('post', '/v1/payments/pay_1/refunds', operations), {
      op: operations.find((o) => o.id === 'createRefund'),
      pathParams: { order_id: 'pay_1' },
    });
    assert.equal(operationOf('GET', '/v1/payments/pay_1/extra/x', operations), null);
    assert.equal(operationOf('PUT', '/v1/payments/create', operations), null);
  });

  test('the link fills the create-order console with the logged body, as the console reads it', () => {
    const link = consoleLink(refused, operations)!;
    assert.equal(link.operationId, 'createPayment');
    assert.ok(link.to.startsWith('/docs/payments/create?'), link.to);
    const op = pageOperation(contract.byId.get('createPayment')!, BASE);
    const form = startForm(op, {
      search: link.to.slice(link.to.indexOf('?')),
      siteRoot: 'http://127.0.0.1:3000/',
      key: null,
      now: 0,
      uuid: () => 'u',
    });
    assert.equal(form.values['body:amount'], '10.5');
    assert.equal(form.values['body:product_name'], '日志');
    assert.equal(form.values['body:extra'], '{"openid":"o_1"}');
  });

  test('path parameters and query go along; masked secrets stay behind; no console, no link', () => {
    const query = entry({
      request_id: 'q',
      method: 'GET',
      path: '/v1/refunds/ref_7',
      status: 404,
      request: { headers: {}, query: {}, body: null },
    });
    assert.equal(consoleLink(query, operations)?.to, '/docs/refunds/query?refund_id=ref_7');
    assert.equal(consoleLink(token, operations)?.to, '/docs/auth/token?grant_type=client_credentials&app_id=app_1');
    assert.equal(consoleLink(ownRead, operations), null);
  });
});

describe('copy as code', () => {
  test('the token is a placeholder, the body and the meaningful headers are kept, in every language', () => {
    const spec = entrySpec(refused, BASE)!;
    assert.deepEqual(spec.bearer, { env: 'JUYIFU_TOKEN' });
    assert.deepEqual(spec.headers, [['Idempotency-Key', 'log-1']]);
    const curl = entrySnippet(refused, BASE, 'curl', { id: 'createPayment', title: '订单创建' })!;
    assert.match(curl, /-X POST 'http:\/\/127\.0\.0\.1:4010\/v1\/payments\/create'/);
    assert.match(curl, /\$JUYIFU_TOKEN/);
    assert.match(curl, /"amount":10\.5/);
    assert.ok(!curl.includes('tok_abcd'), 'not even the masked token');
    for (const lang of ['php', 'java', 'android'] as const) {
      const code = entrySnippet(refused, BASE, lang, null)!;
      assert.match(code, /JUYIFU_TOKEN/, lang);
      assert.ok(!code.includes('tok_'), lang);
      assert.ok(!/X-JuYiFu-Client/i.test(code), lang);
    }
    assert.match(entrySnippet(refused, BASE, 'java', null)!, /class LoggedRequest/);
  });

  test('masked fields are read from the environment; a body that never parsed cannot be copied', () => {
    const curl = entrySnippet(token, BASE, 'curl', null)!;
    assert.match(curl, /--data-urlencode "app_secret=\$JUYIFU_APP_SECRET"/);
    assert.ok(!curl.includes('sk_test_'));
    const jsonToken = entry({
      request_id: 'j',
      request: { ...token.request, headers: { 'content-type': 'application/json' } },
    });
    assert.match(entrySnippet(jsonToken, BASE, 'php', null)!, /'app_secret' => getenv\('JUYIFU_APP_SECRET'\)/);
    const broken = entry({ request_id: 'b', request: { headers: {}, query: {}, body: '{"amount": 1,' } });
    assert.equal(entrySpec(broken, BASE), null);
    const get = entry({
      request_id: 'g',
      method: 'GET',
      path: '/v1/bills',
      request: { headers: { accept: 'text/csv' }, query: { date: '2026-11-27' }, body: null },
    });
    assert.match(entrySnippet(get, BASE, 'curl', null)!, /bills\?date=2026-11-27' \\\n {2}-H 'Accept: text\/csv'$/);
  });

  test("the console's code shows no X-JuYiFu-Client: the browser adds it where it sends, not to the request", () => {
    const op = pageOperation(contract.byId.get('createPayment')!, BASE);
    const form = startForm(op, { search: '', siteRoot: 'http://x/', key: null, now: 1, uuid: () => 'u' });
    const preview = requestPreview(op, form, BASE, { token: TOKEN, hasKey: true, reveal: true }, 'x')!;
    for (const code of Object.values(preview.snippets)) assert.ok(!/X-JuYiFu-Client/i.test(code));
  });
});
