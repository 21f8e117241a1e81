/** The snippet generators: quoting that survives hostile values, and complete programs. */
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { describe, test } from 'node:test';
import type { RequestSpec } from '../../src/lib/http-request.ts';
import {
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
