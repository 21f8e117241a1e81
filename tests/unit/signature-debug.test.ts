/**
 * The signature debugger's judgement (src/lib/signature-debug.ts): every verdict and every likely
 * cause, with the signatures made here by node:crypto, independently of the Web Crypto code under
 * test, exactly as the sandbox makes them (HMAC-SHA256 over the UTF-8 bytes of `t.body`).
 */
import assert from 'node:assert/strict';
import { createHmac } from 'node:crypto';
import { describe, test } from 'node:test';
import { analyseSignature, TOLERANCE_SECONDS, type DebugInput } from '../../src/lib/signature-debug.ts';
import { parseSignatureHeader } from '../../src/lib/signature-header.ts';
import { visibleSegments } from '../../src/lib/visible-chars.ts';

const SECRET = 'whsec_3q2-7wEXAMPLEsecretOfTheTestsAbCd';
const NOW_MS = 1_764_161_500_000;
const T = Math.floor(NOW_MS / 1000) - 20;
/** An event as the sandbox writes it: compact JSON, keys id, type, created, data, UTF-8. */
const EVENT = {
  id: 'evt_01',
  type: 'payment.paid',
  created: T - 5,
  data: {
    payment: {
      order_id: 'pay_01',
      status: 'paid',
      amount: 1000,
      subject: '聚易付测试',
      return_url: 'https://a.example/r',
    },
  },
};
const BODY = JSON.stringify(EVENT);

const v1 = (body: string | Buffer, secret = SECRET, t = T) =>
  createHmac('sha256', secret)
    .update(Buffer.concat([Buffer.from(`${t}.`), Buffer.from(body)]))
    .digest('hex');
const header = (body: string | Buffer = BODY, secret = SECRET, t = T) => `t=${t},v1=${v1(body, secret, t)}`;
const analyse = (input: Partial<DebugInput>) =>
  analyseSignature({ header: header(), body: BODY, secret: SECRET, nowMs: NOW_MS, ...input });

describe('verdicts', () => {
  test('valid: the signed string, the expected v1 and the match, within the tolerance', async () => {
    const a = await analyse({});
    assert.equal(a.verdict, 'valid');
    assert.equal(a.signed, `${T}.${BODY}`);
    assert.equal(a.expected, v1(BODY));
    assert.deepEqual(a.matches, [true]);
    assert.deepEqual(a.age, { seconds: 20, status: 'ok', looksLikeMilliseconds: false });
    assert.equal(a.cause, null);
  });

  test('valid after a rotation: each v1 matched or not, in order; a pasted "Name: value" line is read', async () => {
    const rotated = `JuYiFu-Signature: t=${T},v1=${v1(BODY, 'whsec_new')},v1=${v1(BODY)}\n`;
    const a = await analyse({ header: rotated });
    assert.equal(a.verdict, 'valid');
    assert.deepEqual(a.matches, [false, true]);
  });

  test('stale past 300 s, in the future past 300 s, and exactly 300 s is still good', async () => {
    const at = (age: number) => analyse({ header: header(BODY, SECRET, T - age + 20) });
    const stale = await at(TOLERANCE_SECONDS + 1);
    assert.equal(stale.verdict, 'stale');
    assert.deepEqual(stale.matches, [true]);
    assert.equal(stale.age?.seconds, 301);
    assert.equal((await at(TOLERANCE_SECONDS)).verdict, 'valid');
    const future = await at(-TOLERANCE_SECONDS - 1);
    assert.equal(future.verdict, 'future');
    assert.equal(future.age?.status, 'future');
  });

  test('a t in milliseconds is flagged as such', async () => {
    const a = await analyse({ header: header(BODY, SECRET, NOW_MS) });
    assert.equal(a.verdict, 'future');
    assert.equal(a.age?.looksLikeMilliseconds, true);
  });

  test('no secret: no verdict on the signature', async () => {
    assert.equal((await analyse({ secret: '' })).verdict, 'missing_secret');
  });
});

describe('header errors', () => {
  const good = v1(BODY);
  const cases: [string, string, object][] = [
    ['empty', '  ', { kind: 'empty' }],
    ['a space after the comma', `t=${T}, v1=${good}`, { kind: 'whitespace', column: 14 }],
    ['no t', `v1=${good}`, { kind: 'missing_t' }],
    ['t after v1', `v1=${good},t=${T}`, { kind: 't_not_first' }],
    ['t twice', `t=${T},t=${T},v1=${good}`, { kind: 'duplicate_t' }],
    ['t not a number', `t=abc,v1=${good}`, { kind: 't_not_number', value: 'abc' }],
    ['no v1', `t=${T}`, { kind: 'no_v1' }],
    ['v1 not hex', `t=${T},v1=${good.slice(0, 63)}g`, { kind: 'v1_not_hex', index: 0, value: `${good.slice(0, 63)}g` }],
    ['v1 too short', `t=${T},v1=${good},v1=${good.slice(2)}`, { kind: 'v1_length', index: 1, length: 62 }],
    ['v1 in capitals', `t=${T},v1=${good.toUpperCase()}`, { kind: 'v1_uppercase', index: 0 }],
    ['another scheme', `t=${T},v0=${good}`, { kind: 'unknown_key', key: 'v0' }],
    ['a trailing comma', `t=${T},v1=${good},`, { kind: 'malformed_part', part: '' }],
  ];
  for (const [name, value, error] of cases) {
    test(name, async () => {
      assert.deepEqual(parseSignatureHeader(value), { ok: false, error });
      const a = await analyse({ header: value });
      assert.equal(a.verdict, 'bad_header');
      assert.deepEqual(a.headerError, error);
    });
  }
});

describe('the likely cause of a mismatch, found by signing the candidates again', () => {
  test('trailing newline: \\n and \\r\\n each matched once removed', async () => {
    for (const end of ['\n', '\r\n']) {
      const a = await analyse({ body: BODY + end });
      assert.equal(a.verdict, 'mismatch');
      assert.deepEqual(a.matches, [false]);
      assert.equal(a.cause?.kind, 'trailing_newline');
      assert.deepEqual(a.cause?.fixes, ['strip_trailing_newline']);
      assert.ok(a.attempts.some((t) => t.matched && t.fixes[0] === 'strip_trailing_newline'));
    }
  });

  test('re-serialised: pretty-printed, spaces after : and , and \\uXXXX escapes each say how', async () => {
    const spaced = BODY.replace(/([:,])(?=["{\d])/g, '$1 ');
    const escaped = BODY.replace(/[\u0080-\uffff]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
    const slashes = BODY.replace(/\//g, '\\/');
    const cases: [string, string[]][] = [
      [JSON.stringify(EVENT, null, 2), ['whitespace']],
      [spaced, ['whitespace']],
      [escaped, ['unicode_escapes']],
      [slashes, ['escaped_slashes']],
    ];
    for (const [body, differences] of cases) {
      assert.notEqual(body, BODY);
      const a = await analyse({ body });
      assert.equal(a.verdict, 'mismatch', body);
      assert.equal(a.cause?.kind, 'reserialised', body);
      assert.deepEqual(a.cause?.fixes, ['compact_json']);
      assert.deepEqual(a.cause?.differences, differences, body);
    }
  });

  test('re-serialised with the event keys reordered: put back in the sandbox order, it matches', async () => {
    const { data, created, type, id } = EVENT;
    const a = await analyse({ body: JSON.stringify({ data, created, type, id }) });
    assert.equal(a.cause?.kind, 'reserialised');
    assert.deepEqual(a.cause?.fixes, ['event_key_order']);
    assert.deepEqual(a.cause?.differences, ['key_order']);
  });

  test('re-serialised beyond repair (nested keys sorted): still named, with no fix that matched', async () => {
    const sorted = BODY.replace('"order_id":"pay_01","status":"paid"', '"status":"paid","order_id":"pay_01"');
    const a = await analyse({ body: JSON.stringify(JSON.parse(sorted), null, 1) });
    assert.equal(a.cause?.kind, 'reserialised');
    assert.deepEqual(a.cause?.fixes, []);
    assert.ok(a.attempts.length > 0 && a.attempts.every((t) => !t.matched));
  });

  test('wrong encoding: the body read as Latin-1, as UTF-16 (both byte orders), or with a BOM', async () => {
    // UTF-16 needs an even number of bytes: a space at the end makes it so when the body is odd.
    const bytes = Buffer.from(Buffer.byteLength(BODY) % 2 ? `${BODY} ` : BODY);
    const h = header(bytes);
    const swapped = Buffer.from(bytes).swap16();
    const cases: [string, string][] = [
      [bytes.toString('latin1'), 'body_latin1'],
      [bytes.toString('utf16le'), 'body_utf16le'],
      [swapped.toString('utf16le'), 'body_utf16be'],
    ];
    for (const [body, fix] of cases) {
      const a = await analyseSignature({ header: h, body, secret: SECRET, nowMs: NOW_MS });
      assert.equal(a.cause?.kind, 'encoding', fix);
      assert.deepEqual(a.cause?.fixes, [fix]);
    }
    const bom = await analyse({ body: `\ufeff${BODY}` });
    assert.equal(bom.cause?.kind, 'encoding');
    assert.deepEqual(bom.cause?.fixes, ['strip_bom']);
  });

  test('wrong encoding of the secret: whitespace or quotes around it, alone or with a trailing newline', async () => {
    const cases: [Partial<DebugInput>, string, string[]][] = [
      [{ secret: ` ${SECRET}\n` }, 'encoding', ['trim_secret']],
      [{ secret: `"${SECRET}"` }, 'encoding', ['unquote_secret']],
      [{ secret: `'${SECRET}' ` }, 'encoding', ['trim_secret', 'unquote_secret']],
      [{ secret: `${SECRET} `, body: `${BODY}\n` }, 'trailing_newline', ['strip_trailing_newline', 'trim_secret']],
    ];
    for (const [input, kind, fixes] of cases) {
      const a = await analyse(input);
      assert.equal(a.verdict, 'mismatch');
      assert.equal(a.cause?.kind, kind);
      assert.deepEqual(a.cause?.fixes, fixes);
    }
  });

  test('wrong secret: none of the above, with the shape of the secret given', async () => {
    const cases: [string, string][] = [
      ['whsec_another', 'webhook_secret'],
      ['sk_test_abcdefgh1234', 'app_secret'],
      ['hunter2', 'other'],
    ];
    for (const [secret, shape] of cases) {
      const a = await analyse({ secret });
      assert.equal(a.verdict, 'mismatch');
      assert.equal(a.expected, v1(BODY, secret));
      assert.equal(a.cause?.kind, 'wrong_secret');
      assert.equal(a.cause?.secretShape, shape);
      assert.deepEqual(a.cause?.fixes, []);
    }
  });

  test('a body changed in content with the right secret cannot be told from a wrong secret', async () => {
    const a = await analyse({ body: BODY.replace('"amount":1000', '"amount":1') });
    assert.equal(a.verdict, 'mismatch');
    assert.equal(a.cause?.kind, 'wrong_secret');
    assert.equal(a.cause?.secretShape, 'webhook_secret');
  });
});

describe('invisible characters made visible', () => {
  test('line breaks, \\r, tabs, a BOM, zero-width and line-ending spaces are marked; text stays', () => {
    const segments = visibleSegments('\ufeffa\tb  \r\nc\u200bd e ');
    const shown = segments.map((s) => ('mark' in s ? `[${s.text}]` : s.text)).join('');
    assert.equal(shown, '[⟨BOM⟩]a[␉]\tb[␠][␠][␍][␊]\nc[⟨U+200B⟩]d e[␠]');
    assert.deepEqual(
      segments.filter((s) => 'mark' in s).map((s) => ('mark' in s ? s.mark : '')),
      [
        'U+FEFF BYTE ORDER MARK',
        'U+0009 TAB',
        'U+0020 SPACE',
        'U+0020 SPACE',
        'U+000D CR',
        'U+000A LF',
        'U+200B',
        'U+0020 SPACE',
      ],
    );
  });

  test('a text without invisible characters is one plain segment', () => {
    assert.deepEqual(visibleSegments(`${T}.${BODY}`), [{ text: `${T}.${BODY}` }]);
  });
});
