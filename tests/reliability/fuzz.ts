/**
 * Bad input from the contract, generated with fast-check: wrong types, missing and extra fields,
 * huge strings and bodies, broken JSON and forms, bad UTF-8, wrong content types, every shape of
 * Authorization and of every other header the sandbox reads, URLs of every scheme in every URL
 * field, and path traversal in ids. Every answer must be below 500 (unless a 5xx was asked for
 * with X-Sandbox-Simulate) and, when JSON, in the documented error envelope.
 */
import fc from 'fast-check';
import http from 'node:http';
import type { Contract } from '../../contract/index.ts';

export interface FuzzRequest {
  method: string;
  path: string;
  headers: Record<string, string>;
  body?: Buffer;
}

const nasty = fc.oneof(
  fc.string(),
  fc.string({ unit: 'grapheme', maxLength: 30 }),
  fc.constantFrom(
    '../../etc/passwd',
    '..%2F..%2Fetc%2Fpasswd',
    '%00',
    '%ff%fe',
    'pay_' + 'a'.repeat(300),
    '<script>alert(1)</script>',
    "' OR 1=1 --",
    '{{7*7}}',
    '\u0000',
    '😀',
  ),
  fc.integer().map(String),
);

function wrongValue() {
  return fc.oneof(
    fc.jsonValue(),
    nasty,
    fc.double().map((d) => d),
    fc.constant(10.5),
    fc.constant('10.00'),
    fc.constant(-1),
    // Beyond a double's range: JSON.parse reads it as Infinity.
    fc.constant(Number.POSITIVE_INFINITY),
    fc.string({ minLength: 2000, maxLength: 5000 }),
  );
}

const b64 = (s: string | Uint8Array) => Buffer.from(s).toString('base64');

/** Fixed shapes of Authorization that are wrong in one known way each (the reliability suite sends every one). */
export function authorizationShapes(token: string): string[] {
  return [
    `bearer ${token}`,
    `BEARER ${token}`,
    `Bearer  ${token}`,
    `Bearer ${token} extra`,
    `Bearer ${token}\t`,
    token,
    'Bearer',
    'Bearer ',
    'Basic',
    'Basic ',
    'Basic ====',
    'Basic !!!not-base64!!!',
    `Basic ${b64('no-colon-at-all')}`,
    `Basic ${b64('%zz:x')}`,
    `Basic ${b64('app_x:%')}`,
    `Basic ${b64(':')}`,
    `Basic ${b64('x'.repeat(6000))}`,
    `Bearer ${'a'.repeat(8000)}`,
    'Digest username="x"',
    'Token abc',
    'Bearer ../../\u00ff',
    `Bearer ${token}, Basic ${b64('a:b')}`,
  ];
}

/** Every shape of Authorization: Bearer and Basic done right, wrong, broken, huge and foreign. */
export function authorizationArbitrary(token: string): fc.Arbitrary<string | undefined> {
  const credentialPart = fc.oneof(
    nasty,
    fc.constantFrom('%zz', '%', '%e4%b8', '%ZZ%', 'app_x', 'sk_test_x', '', ':', '%3A', 'é', '\u00ff'),
  );
  return fc.oneof(
    fc.constant(undefined),
    fc.constant(`Bearer ${token}`),
    fc.constantFrom(...authorizationShapes(token)),
    nasty.map((junk) => `Bearer ${junk}`),
    fc.tuple(credentialPart, credentialPart).map(([id, secret]) => `Basic ${b64(`${id}:${secret}`)}`),
    credentialPart.map((id) => `Basic ${b64(id)}`),
    fc.uint8Array({ maxLength: 64 }).map((bytes) => `Basic ${b64(bytes)}`), // not UTF-8 once decoded
    fc.string({ maxLength: 40 }).map((junk) => `Basic ${junk}`),
    fc.string({ unit: 'binary', maxLength: 40 }).map((junk) => `Bearer ${junk}`), // non-ASCII, unprintable
  );
}

/** A URL-ish value of any scheme, well-formed or not, sometimes longer than any limit. */
export const anyUrl = fc.oneof(
  fc
    .tuple(
      fc.constantFrom(
        'http',
        'https',
        'HTTP',
        'HtTpS',
        'javascript',
        'JavaScript',
        'data',
        'vbscript',
        'file',
        'ftp',
        'ws',
        'wss',
        'mailto',
        'myapp',
        'blob',
        'about',
        'intent',
        '',
      ),
      fc.constantFrom('://', ':', ':/', ':///', '//', ''),
      fc.oneof(
        nasty,
        fc.webAuthority(),
        fc.webUrl().map((u) => u.replace(/^https?:\/\//, '')),
        fc.constantFrom('alert(1)//', 'text/html,<script>alert(1)</script>', 'example.com/a b', '[::1]:99999/'),
      ),
    )
    .map(([scheme, sep, rest]) => `${scheme}${sep}${rest}`),
  fc.webUrl({ withQueryParameters: true, withFragments: true }),
  fc.integer({ min: 2000, max: 3000 }).map((n) => `https://example.com/${'a'.repeat(n)}`),
  nasty,
);

export function requestArbitrary(contract: Contract, token: string): fc.Arbitrary<FuzzRequest> {
  const ops = contract.operations;
  const bodyFor = (props: string[]) =>
    fc.oneof(
      // a body shaped like the contract's, with wrong or missing values and extra fields
      fc
        .dictionary(
          fc.oneof(fc.constantFrom(...(props.length ? props : ['x'])), fc.string({ maxLength: 12 })),
          wrongValue(),
          { maxKeys: 8 },
        )
        .map((o) => ({ kind: 'json' as const, text: JSON.stringify(o) })),
      fc.jsonValue().map((v) => ({ kind: 'json' as const, text: JSON.stringify(v) ?? 'null' })),
      fc.string({ maxLength: 200 }).map((s) => ({ kind: 'json' as const, text: `{"amount": ${s}` })), // broken JSON
      fc.dictionary(fc.string({ maxLength: 10 }), nasty, { maxKeys: 6 }).map((o) => ({
        kind: 'form' as const,
        text:
          Object.entries(o)
            .map(([k, v]) => `${k}=${v}`)
            .join('&') + '&%zz=%',
      })),
      fc.uint8Array({ minLength: 1, maxLength: 300 }).map((b) => ({
        kind: 'bytes' as const,
        text: '',
        bytes: Buffer.concat([
          Buffer.from('{"product_name":"'),
          Buffer.from(b),
          Buffer.from([0xc3, 0x28, 0xff]),
          Buffer.from('"}'),
        ]),
      })),
      fc
        .integer({ min: 70_000, max: 200_000 })
        .map((n) => ({ kind: 'json' as const, text: JSON.stringify({ memo: 'x'.repeat(n) }) })),
    );
  return fc
    .record({
      op: fc.constantFrom(...ops),
      method: fc.option(fc.constantFrom('GET', 'POST', 'PATCH', 'DELETE', 'PUT', 'HEAD'), { nil: undefined }),
      id: nasty,
      query: fc.dictionary(
        fc.oneof(
          fc.constantFrom(
            'order_id',
            'out_trade_no',
            'bill_date',
            'cursor',
            'limit',
            'pay_way',
            'amount',
            'format',
            'bill_type',
          ),
          fc.string({ maxLength: 8 }),
        ),
        nasty,
        { maxKeys: 4 },
      ),
      auth: authorizationArbitrary(token),
      contentType: fc.constantFrom(
        'application/json',
        'APPLICATION/JSON; charset=UTF-8',
        'application/json; charset=',
        'application/x-www-form-urlencoded; charset=gbk',
        ';',
        'application/x-www-form-urlencoded',
        'text/plain',
        'multipart/form-data; boundary=x',
        'application/json; charset=latin1',
        '',
        'garbage/ß',
      ),
      accept: fc.oneof(
        fc.constantFrom(
          undefined,
          '*/*',
          'application/json',
          'text/csv',
          'application/xml',
          'text/html;q=0.1',
          '*/*;q=0',
          'application/json;q=abc',
          ';;;,',
        ),
        nasty,
      ),
      lang: fc.option(fc.oneof(fc.constantFrom('en', 'zh-CN', 'fr;q=2', ',,,;', 'en;q=abc', '*'), nasty), {
        nil: undefined,
      }),
      idem: fc.option(fc.oneof(fc.uuid(), fc.string({ maxLength: 300 }), nasty, fc.constant('')), { nil: undefined }),
      simulate: fc.option(
        fc.oneof(fc.constantFrom('418', '429', '500', '503', '200', 'x', '', ' 503', '4 29'), nasty),
        {
          nil: undefined,
          freq: 8,
        },
      ),
      body: bodyFor([]),
    })
    .chain((r) => bodyFor(Object.keys((r.op.bodySchema?.properties as object) ?? {})).map((body) => ({ ...r, body })))
    .map((r): FuzzRequest => {
      const path = r.op.path.replace(/\{[^}]+\}/g, () => encodeURIComponent(r.id));
      const qs = new URLSearchParams(r.query).toString();
      const headers: Record<string, string> = {};
      if (r.auth !== undefined) headers.authorization = r.auth;
      if (r.contentType) headers['content-type'] = r.contentType;
      if (r.accept) headers.accept = r.accept;
      if (r.lang) headers['accept-language'] = r.lang;
      if (r.idem !== undefined) headers['idempotency-key'] = r.idem;
      if (r.simulate !== undefined) headers['x-sandbox-simulate'] = r.simulate;
      // Keep what HTTP can carry (latin-1 without controls): a header Node itself would refuse
      // to send tests nothing. Non-ASCII bytes (0x80–0xff) stay in.
      for (const [k, v] of Object.entries(headers)) headers[k] = v.replace(/[^\t\x20-\x7e\x80-\xff]/g, '');
      const method = r.method ?? r.op.method;
      const body =
        method === 'GET' || method === 'HEAD'
          ? undefined
          : r.body.kind === 'bytes'
            ? (r.body as { bytes: Buffer }).bytes
            : Buffer.from(r.body.text);
      return { method, path: qs ? `${path}?${qs}` : path, headers, body };
    });
}

export interface Answer {
  status: number;
  contentType: string;
  body: string;
}

/**
 * A create request that is right in everything but its URL fields, as JSON or as a form: the
 * sandbox must accept exactly the absolute http(s) URLs and refuse the rest as invalid_url.
 */
export function urlFieldArbitrary(token: string): fc.Arbitrary<FuzzRequest & { urls: Record<string, string> }> {
  return fc
    .record({
      urls: fc.record({ notify_url: anyUrl, return_url: anyUrl }, { requiredKeys: [] }),
      form: fc.boolean(),
    })
    .filter((r) => Object.keys(r.urls).length > 0)
    .map(({ urls, form }) => {
      const fields = { product_id: 'u', product_name: 'url', amount: 1000, ...urls };
      return {
        method: 'POST',
        path: '/v1/payments/create',
        headers: {
          authorization: `Bearer ${token}`,
          'content-type': form ? 'application/x-www-form-urlencoded' : 'application/json',
        },
        body: Buffer.from(
          form
            ? new URLSearchParams(Object.entries(fields).map(([k, v]) => [k, String(v)])).toString()
            : JSON.stringify(fields),
        ),
        urls,
      };
    });
}

/** node:http rather than fetch: it sends what fetch would refuse to (odd headers, bad bytes). */
export function sendRaw(base: string, r: FuzzRequest, agent: http.Agent): Promise<Answer | null> {
  const url = new URL(base);
  return new Promise((resolve) => {
    let req: http.ClientRequest;
    try {
      req = http.request(
        {
          host: url.hostname,
          port: url.port,
          method: r.method,
          path: r.path,
          headers: { ...r.headers, ...(r.body ? { 'content-length': r.body.length } : {}) },
          agent,
        },
        (res) => {
          const chunks: Buffer[] = [];
          res.on('data', (c) => chunks.push(c));
          res.on('end', () =>
            resolve({
              status: res.statusCode ?? 0,
              contentType: String(res.headers['content-type'] ?? ''),
              body: Buffer.concat(chunks).toString('utf8'),
            }),
          );
          res.on('error', () => resolve(null));
        },
      );
    } catch {
      return resolve(null); // the client itself refused to send it (an invalid header value)
    }
    req.on('error', () => resolve(null));
    req.setTimeout(10_000, () => req.destroy());
    req.end(r.body);
  });
}
