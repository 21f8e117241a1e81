/** The site's one sandbox client: envelopes, errors as values, the browser's own failures. */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { createSandboxClient, envelopeOf, errorText, fetchInit } from '../../src/lib/sandbox-client.ts';

const BASE = 'http://sandbox.test/';

/** A fetch answering with one body and status, recording the URL and init it was called with. */
function answering(status: number, body: string, contentType = 'application/json') {
  const seen: { url: string; init?: RequestInit }[] = [];
  const impl: typeof fetch = async (input, init) => {
    seen.push({ url: String(input), init });
    return new Response(body, { status, headers: { 'content-type': contentType } });
  };
  return { impl, seen };
}

/** A fetch that never answers until it is aborted, as a hung sandbox would. */
const hanging: typeof fetch = (_input, init) =>
  new Promise((_resolve, reject) => {
    init?.signal?.addEventListener('abort', () => reject(new DOMException('aborted', 'AbortError')));
  });

describe('createSandboxClient', () => {
  test('a success envelope gives its data; the base URL, query, bearer and JSON body are sent', async () => {
    const { impl, seen } = answering(200, '{"code":"0000","message":"成功","request_id":"req_1","data":{"v":1}}');
    const client = createSandboxClient(BASE, impl);
    assert.equal(client.baseUrl, 'http://sandbox.test');
    const answer = await client.call<{ v: number }>({
      method: 'POST',
      path: '/v1/x',
      query: [['limit', '20']],
      bearer: 'tok_1',
      body: { kind: 'json', value: {} },
    });
    assert.ok(answer.ok);
    assert.deepEqual(answer.data, { v: 1 });
    assert.equal(seen[0].url, 'http://sandbox.test/v1/x?limit=20');
    assert.deepEqual(seen[0].init?.headers, {
      Authorization: 'Bearer tok_1',
      'Content-Type': 'application/json',
      'X-JuYiFu-Client': 'console',
    });
    assert.equal(seen[0].init?.body, '{}');
  });

  test('an error envelope is an api error with its code, sub_code and message', async () => {
    const body = '{"code":"401","sub_code":"missing_token","message":"缺少 Token","request_id":"req_2"}';
    const answer = await createSandboxClient(BASE, answering(401, body).impl).call({ method: 'GET', path: '/v1/x' });
    assert.deepEqual(answer, {
      ok: false,
      error: { kind: 'api', status: 401, code: '401', sub_code: 'missing_token', message: '缺少 Token' },
    });
    assert.ok(!answer.ok);
    assert.equal(errorText(answer.error), '401 missing_token: 缺少 Token');
  });

  test('an answer that is not an envelope is an api error named by its status', async () => {
    const answer = await createSandboxClient(BASE, answering(502, 'Bad Gateway', 'text/plain').impl).call({
      method: 'GET',
      path: '/v1/x',
    });
    assert.deepEqual(answer, {
      ok: false,
      error: { kind: 'api', status: 502, code: '502', sub_code: '', message: 'Bad Gateway' },
    });
  });

  test('a network failure is a value, not an exception', async () => {
    const refusing: typeof fetch = async () => {
      throw new TypeError('Failed to fetch');
    };
    const client = createSandboxClient(BASE, refusing);
    assert.deepEqual(await client.call({ method: 'GET', path: '/v1/health' }), {
      ok: false,
      error: { kind: 'network', message: 'Failed to fetch' },
    });
    const exchanged = await client.exchange({ method: 'GET', url: `${BASE}v1/health` });
    assert.equal(exchanged.kind, 'network');
  });

  test('no answer in time is a timeout; the caller aborting is not', async () => {
    const client = createSandboxClient(BASE, hanging);
    const late = await client.call({ method: 'GET', path: '/v1/health' }, { timeoutMs: 20 });
    assert.deepEqual(late, { ok: false, error: { kind: 'timeout', message: 'no answer in 20 ms' } });
    const controller = new AbortController();
    const pending = client.call({ method: 'GET', path: '/v1/health' }, { signal: controller.signal });
    controller.abort();
    const stopped = await pending;
    assert.ok(!stopped.ok);
    assert.equal(stopped.error.kind, 'network');
  });

  test('exchange gives the whole answer: status, headers, size, text and JSON only when it is JSON', async () => {
    const client = createSandboxClient(BASE, answering(200, '\ufefforder_id,amount\npay_1,100\n', 'text/csv').impl);
    const csv = await client.exchange({ method: 'GET', url: `${BASE}v1/bills` }, { acceptLanguage: 'en' });
    assert.equal(csv.kind, 'response');
    assert.ok(csv.kind === 'response');
    assert.equal(csv.status, 200);
    assert.equal(csv.json, null);
    assert.ok(csv.text.startsWith('\ufefforder_id'));
    assert.equal(csv.bytes, 29);
    assert.deepEqual(csv.headers, [['content-type', 'text/csv']]);
  });
});

describe('envelopes and request init', () => {
  test('envelopeOf reads only what is there and refuses what is not an envelope', () => {
    assert.deepEqual(envelopeOf({ code: '0000', data: [1] }), {
      code: '0000',
      sub_code: undefined,
      message: undefined,
      param: undefined,
      request_id: undefined,
      data: [1],
    });
    assert.equal(envelopeOf([1]), null);
    assert.equal(envelopeOf({ status: 'ok' }), null);
    assert.equal(envelopeOf(null), null);
  });

  test('a form body is urlencoded; Accept-Language only when asked for', () => {
    const init = fetchInit({ method: 'POST', url: BASE, body: { kind: 'form', fields: [['a', 'b c']] } });
    assert.deepEqual(init.headers, { 'Content-Type': 'application/x-www-form-urlencoded' });
    assert.equal(init.body, 'a=b+c');
  });
});
