/**
 * Bad input from the contract, generated with fast-check: wrong types, missing and extra fields,
 * huge strings and bodies, broken JSON and forms, bad UTF-8, wrong content types, header abuse
 * and path traversal in ids. Every answer must be below 500 (unless a 5xx was asked for with
 * X-Sandbox-Simulate) and, when JSON, in the documented error envelope.
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
      auth: fc.constantFrom('valid', 'none', 'garbage', 'basic', 'huge'),
      contentType: fc.constantFrom(
        'application/json',
        'application/x-www-form-urlencoded',
        'text/plain',
        'multipart/form-data; boundary=x',
        'application/json; charset=latin1',
        '',
        'garbage/ß',
      ),
      accept: fc.constantFrom(
        undefined,
        '*/*',
        'application/json',
        'text/csv',
        'application/xml',
        'text/html;q=0.1',
        '*/*;q=0',
      ),
      lang: fc.constantFrom(undefined, 'en', 'zh-CN', 'fr;q=2', ',,,;'),
      idem: fc.option(fc.oneof(fc.uuid(), fc.string({ maxLength: 300 })), { nil: undefined }),
      simulate: fc.option(fc.constantFrom('418', '429', '500', '503', '200', 'x'), { nil: undefined, freq: 8 }),
      body: bodyFor([]),
    })
    .chain((r) => bodyFor(Object.keys((r.op.bodySchema?.properties as object) ?? {})).map((body) => ({ ...r, body })))
    .map((r): FuzzRequest => {
      const path = r.op.path.replace(/\{[^}]+\}/g, () => encodeURIComponent(r.id));
      const qs = new URLSearchParams(r.query).toString();
      const headers: Record<string, string> = {};
      if (r.auth === 'valid') headers.authorization = `Bearer ${token}`;
      if (r.auth === 'garbage') headers.authorization = 'Bearer ../../\u00ff';
      if (r.auth === 'basic') headers.authorization = 'Basic ' + Buffer.from('app_x:').toString('base64');
      if (r.auth === 'huge') headers.authorization = 'Bearer ' + 'a'.repeat(8000);
      if (r.contentType) headers['content-type'] = r.contentType;
      if (r.accept) headers.accept = r.accept;
      if (r.lang) headers['accept-language'] = r.lang;
      if (r.idem !== undefined) headers['idempotency-key'] = r.idem;
      if (r.simulate !== undefined) headers['x-sandbox-simulate'] = r.simulate;
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
