/**
 * The snippet generators: quoting that survives hostile values, complete programs, and the order
 * number and Idempotency-Key each run of a copied program makes for itself.
 */
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { describe, test } from 'node:test';
import { loadContract } from '../../contract/index.ts';
import { runValuesOf, type RequestSpec } from '../../src/lib/http-request.ts';
import { pageOperation } from '../../src/lib/operation-page.ts';
import { perRun } from '../../src/lib/per-run.ts';
import {
  allSnippets,
  androidSnippet,
  className,
  curlSnippet,
  javaSnippet,
  javaString,
  phpLiteral,
  phpSnippet,
  shellQuote,
} from '../../src/lib/snippets.ts';

const json: RequestSpec = {
  method: 'POST',
  url: 'http://127.0.0.1:4010/v1/payments/create',
  headers: [['Idempotency-Key', 'k-1']],
  bearer: { env: 'JUYIFU_TOKEN' },
  body: {
    kind: 'json',
    value: { product_name: `O'Brien "苹果" $HOME \\n`, amount: 1000, tags: ['a'], ok: true, none: null },
  },
};
const form: RequestSpec = {
  method: 'POST',
  url: 'http://127.0.0.1:4010/v1/oauth/token',
  body: {
    kind: 'form',
    fields: [
      ['grant_type', 'client_credentials'],
      ['app_id', { env: 'JUYIFU_APP_ID' }],
    ],
  },
};
const get: RequestSpec = {
  method: 'GET',
  url: 'http://127.0.0.1:4010/v1/payments',
  query: [['order_id', 'pay_1 2']],
  bearer: 'tok_literal',
};

describe('curl', () => {
  test('single quotes survive any value; the shell sees exactly the JSON', () => {
    assert.equal(shellQuote(`it's`), `'it'\\''s'`);
    const cmd = curlSnippet(json);
    // Let a real shell parse the -d argument back and compare.
    const dArg = cmd
      .split('\n')
      .find((l) => l.trim().startsWith('-d '))!
      .trim()
      .slice(3);
    const echoed = execFileSync('bash', ['-c', `printf %s ${dArg}`], { encoding: 'utf8' });
    assert.deepEqual(JSON.parse(echoed), json.body?.kind === 'json' ? json.body.value : null);
    assert.match(cmd, /-H "Authorization: Bearer \$JUYIFU_TOKEN"/);
  });

  test('form fields are url-encoded by curl, env values expand', () => {
    const cmd = curlSnippet(form);
    assert.match(cmd, /--data-urlencode 'grant_type=client_credentials'/);
    assert.match(cmd, /--data-urlencode "app_id=\$JUYIFU_APP_ID"/);
    assert.match(curlSnippet(get), /\?order_id=pay_1%202'/);
  });
});

describe('PHP', () => {
  test('literals escape quotes and backslashes; objects become keyed arrays', () => {
    assert.equal(phpLiteral(`a'b\\c`), `'a\\'b\\\\c'`);
    assert.equal(
      phpLiteral({ a: [1, true, null] }),
      `[\n    'a' => [\n        1,\n        true,\n        null,\n    ],\n]`,
    );
  });

  test('a complete script: opening tag, curl, the method, env token, JSON body', () => {
    const php = phpSnippet(json, 'Create');
    assert.ok(php.startsWith('<?php\n'));
    assert.match(php, /CURLOPT_CUSTOMREQUEST => 'POST'/);
    assert.match(php, /'Authorization: Bearer ' \. getenv\('JUYIFU_TOKEN'\)/);
    assert.match(php, /json_encode\(\[/);
    assert.match(
      phpSnippet(form, 'Token'),
      /http_build_query\(\[\n\s+'grant_type' => 'client_credentials',\n\s+'app_id' => getenv\('JUYIFU_APP_ID'\)/,
    );
    assert.doesNotMatch(phpSnippet(get, 'Query'), /CUSTOMREQUEST/);
  });
});

describe('Java and Android', () => {
  test('string literals escape quotes, backslashes and newlines', () => {
    assert.equal(javaString('a"b\\c\nd'), '"a\\"b\\\\c\\nd"');
    assert.equal(className('createPayment'), 'CreatePayment');
  });

  test('Java is a class with main using java.net.http; forms are encoded', () => {
    const java = javaSnippet(json, 'createPayment', 'Create');
    assert.match(
      java,
      /public class CreatePayment \{\n {4}public static void main\(String\[\] args\) throws Exception \{/,
    );
    assert.match(java, /System\.getenv\("JUYIFU_TOKEN"\)/);
    assert.match(java, /\.method\("POST", HttpRequest\.BodyPublishers\.ofString\(body\)\)/);
    const f = javaSnippet(form, 'getToken', 'Token');
    assert.match(f, /import java\.net\.URLEncoder;/);
    assert.match(f, /"&app_id=" \+ form\(System\.getenv\("JUYIFU_APP_ID"\)\)/);
    assert.match(javaSnippet(get, 'queryPayment', 'Q'), /\.header\("Authorization", "Bearer tok_literal"\)/);
  });

  test('Android uses OkHttp 3 signatures: create(MediaType, String), FormBody, get()', () => {
    const a = androidSnippet(json, 'createPayment', 'Create');
    assert.match(a, /public class CreatePaymentAndroid/);
    assert.match(a, /RequestBody\.create\(\n\s+MediaType\.parse\("application\/json; charset=utf-8"\),/);
    assert.match(a, /\.post\(body\)/);
    assert.match(
      androidSnippet(form, 'getToken', 'T'),
      /new FormBody\.Builder\(\)\n\s+\.add\("grant_type", "client_credentials"\)/,
    );
    assert.match(androidSnippet(get, 'queryPayment', 'Q'), /\.get\(\)/);
    assert.match(androidSnippet({ ...get, method: 'DELETE' }, 'deleteChannel', 'D'), /\.delete\(\)/);
    assert.match(
      androidSnippet({ ...get, method: 'POST' }, 'closePayment', 'C'),
      /RequestBody\.create\(null, new byte\[0\]\)/,
    );
  });
});

describe('values each run makes', () => {
  const create: RequestSpec = {
    ...json,
    body: { kind: 'json', value: { amount: 1000, out_trade_no: 'M1', memo: 'x' } },
  };

  test('perRun: the order number becomes a run value, the key is derived from it, or random without one', () => {
    const run = perRun(create);
    assert.ok(run.body?.kind === 'json');
    assert.deepEqual(run.body.set, [['out_trade_no', { run: { name: 'outTradeNo', make: { kind: 'order-number' } } }]]);
    assert.deepEqual(
      runValuesOf(run).map((v) => [v.name, v.make.kind]),
      [
        ['outTradeNo', 'order-number'],
        ['idempotencyKey', 'prefixed'],
      ],
    );
    assert.deepEqual(
      runValuesOf(perRun(json)).map((v) => [v.name, v.make.kind]),
      [['idempotencyKey', 'random']],
    );
    assert.deepEqual(perRun(get), get, 'a request without either is left as it is');
  });

  test('curl: set on lines before the command; each run a new order number, the key made from it', () => {
    const cmd = allSnippets(create, 'createPayment', 'Create').curl;
    assert.doesNotMatch(cmd, /'M1'|k-1/);
    assert.match(cmd, /"out_trade_no":"'"\$OUT_TRADE_NO"'"/);
    assert.match(cmd, /-H "Idempotency-Key: \$IDEMPOTENCY_KEY"/);
    // Run the lines before curl in a real shell, twice: two order numbers, keys made from them.
    const setUp = cmd.slice(0, cmd.indexOf('curl '));
    const once = () =>
      execFileSync('bash', ['-c', `${setUp}printf '%s %s' "$OUT_TRADE_NO" "$IDEMPOTENCY_KEY"`], { encoding: 'utf8' });
    const [a, b] = [once(), once()].map((out) => out.split(' '));
    assert.match(a[0], /^M\d{14}[0-9a-f]{8}$/);
    assert.equal(a[1], `create-${a[0]}`);
    assert.notEqual(a[0], b[0]);
    const random = curlSnippet(perRun(json));
    const key = execFileSync(
      'bash',
      ['-c', `${random.slice(0, random.indexOf('curl '))}printf %s "$IDEMPOTENCY_KEY"`],
      {
        encoding: 'utf8',
      },
    );
    assert.match(key, /^[0-9a-f]{32}$/);
  });

  test('PHP, Java and Android: variables declared before the request and used in header and body', () => {
    const { php, java, android } = allSnippets(create, 'createPayment', 'Create');
    assert.match(php, /\$outTradeNo = 'M' \. date\('YmdHis'\) \. bin2hex\(random_bytes\(4\)\);/);
    assert.match(php, /\$idempotencyKey = 'create-' \. \$outTradeNo;/);
    assert.match(php, /'Idempotency-Key: ' \. \$idempotencyKey,/);
    assert.match(php, /'out_trade_no' => \$outTradeNo,/);
    for (const code of [java, android]) {
      assert.match(code, /import java\.security\.SecureRandom;/);
      assert.match(code, /String idempotencyKey = "create-" \+ outTradeNo;/);
      assert.match(code, /\\"out_trade_no\\":\\"" \+ outTradeNo \+ "\\",/);
      assert.ok(code.indexOf('String outTradeNo') < code.indexOf('String idempotencyKey'));
    }
    assert.match(java, /\.header\("Idempotency-Key", idempotencyKey\)/);
    assert.match(androidSnippet(perRun(json), 'createPayment', 'C'), /String idempotencyKey = UUID\.randomUUID\(\)/);
  });

  test('a refund: each run its own R-number, the key refund-<number>, said as a refund in every language', () => {
    const refund: RequestSpec = {
      ...json,
      body: { kind: 'json', value: { amount: 500, out_refund_no: 'R1' } },
    };
    const run = perRun(refund);
    assert.deepEqual(
      runValuesOf(run).map((v) => [v.name, v.make.kind]),
      [
        ['outRefundNo', 'refund-number'],
        ['idempotencyKey', 'prefixed'],
      ],
    );
    const { curl, php, java, android } = allSnippets(refund, 'createRefund', 'Refund');
    const setUp = curl.slice(0, curl.indexOf('curl '));
    const out = execFileSync('bash', ['-c', `${setUp}printf '%s %s' "$OUT_REFUND_NO" "$IDEMPOTENCY_KEY"`], {
      encoding: 'utf8',
    }).split(' ');
    assert.match(out[0], /^R\d{14}[0-9a-f]{8}$/);
    assert.equal(out[1], `refund-${out[0]}`);
    assert.match(php, /\$outRefundNo = 'R' \. date\('YmdHis'\)/);
    for (const code of [curl, php, java, android]) {
      assert.match(code, /Your refund number, new on every run/);
      assert.match(code, /a retry of the same refund sends the same key/);
      assert.doesNotMatch(code, /order number|'R1'|"R1"/);
    }
    for (const code of [java, android]) assert.match(code, /String idempotencyKey = "refund-" \+ outRefundNo;/);
  });

  test("no page's sample copies the contract's example order number or key", () => {
    const contract = loadContract();
    const create = pageOperation(contract.byId.get('createPayment')!, 'http://127.0.0.1:4010');
    const fixed = [String(create.params.find((p) => p.name === 'Idempotency-Key')!.example), 'M20261126001'];
    assert.ok(fixed[0].length > 8, 'the contract still has an example key to leave out');
    for (const op of contract.operations) {
      const page = pageOperation(op, 'http://127.0.0.1:4010');
      for (const [lang, code] of Object.entries(page.snippets ?? {}))
        for (const value of fixed) assert.ok(!code.includes(value), `${op.operationId} ${lang} has ${value}`);
    }
  });
});
