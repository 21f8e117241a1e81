/**
 * The changelog's v1.0.0 section lists every way the API differs from the original document.
 * Each fact it states that the contract can confirm is checked here, in both languages: a fact
 * dropped from either changelog, or a contract that stops agreeing with it, fails a test, so the
 * changelog cannot drift from what the sandbox does.
 */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { describe, test } from 'node:test';
import { loadContract, type JsonSchema, type Localized, type Operation } from '../../contract/index.ts';

type Lang = keyof Localized;
const LANGS: Lang[] = ['zh', 'en'];
const DOCS: Record<Lang, string> = { zh: 'docs', en: 'i18n/en/docusaurus-plugin-content-docs/current' };
const DATE: Record<Lang, string> = { zh: '（2026-11-26）', en: '(2026-11-26)' };

const contract = loadContract();
const { document: doc } = contract;
const raw = JSON.parse(JSON.stringify(doc)) as {
  servers: { url: string }[];
  webhooks: Record<string, { post: { parameters: { name: string }[] } }>;
  components: {
    securitySchemes: { oauth2: { type: string; flows: { clientCredentials: { tokenUrl: string; scopes: object } } } };
    responses: Record<string, { headers?: Record<string, unknown> }>;
  };
};

/** The `## v1.0.0` section of a locale's changelog, up to the next `## ` heading. */
function v1Section(lang: Lang): string {
  const text = readFileSync(`${DOCS[lang]}/changelog.mdx`, 'utf8');
  const start = text.indexOf('\n## v1.0.0');
  assert.ok(start >= 0, `${lang} changelog has a ## v1.0.0 section`);
  const end = text.indexOf('\n## ', start + 1);
  return text.slice(start, end < 0 ? undefined : end);
}

const SECTIONS: Record<Lang, string> = { zh: v1Section('zh'), en: v1Section('en') };
const bullets = (lang: Lang) => SECTIONS[lang].split('\n').filter((line) => line.startsWith('- '));
/** The `…` spans of a text, in order. */
const codeSpans = (text: string) => [...text.matchAll(/`([^`]+)`/g)].map((m) => m[1]);

const schema = (name: string): JsonSchema => {
  const s = doc.components.schemas[name];
  assert.ok(s, `the contract has the schema ${name}`);
  return s;
};
const prop = (name: string, field: string): JsonSchema => {
  const s = schema(name).properties?.[field];
  assert.ok(s, `${name} has the field ${field}`);
  return s;
};
const op = (method: string, path: string): Operation => {
  const found = contract.operations.find((o) => o.method === method && o.path === path);
  assert.ok(found, `the contract has ${method} ${path}`);
  return found;
};
const byId = (id: string): Operation => {
  const found = contract.byId.get(id);
  assert.ok(found, `the contract has ${id}`);
  return found;
};
const param = (o: Operation, where: string, name: string) =>
  o.parameters.find((p) => p.in === where && p.name === name);
/** The `data` of an operation's 200 answer (the envelope's second part). */
const answerData = (o: Operation): JsonSchema | undefined =>
  o.responses['200']?.['application/json']?.allOf?.[1]?.properties?.data;
const subCodes = (code: string) => contract.errors.find((e) => e.code === code)?.sub_codes.map((s) => s.sub_code) ?? [];
const success = contract.errors.find((e) => e.code === '0000')!.title;

/**
 * One fact of the changelog: the words a bullet stating it must contain (in both languages, or a
 * Localized pair where the languages differ) and what the contract must say for it to be true.
 */
interface Fact {
  name: string;
  mentions: (string | Localized)[];
  holds: () => void;
}

const FACTS: Fact[] = [
  {
    name: 'the base URL is the sandbox the docs and the contract name, every API path under /v1',
    mentions: ['`http://127.0.0.1:4010`', '`/v1`', '`/cashier/{order_id}`', '`servers`'],
    holds: () => {
      assert.deepEqual(
        raw.servers.map((s) => s.url),
        ['http://127.0.0.1:4010'],
      );
      for (const o of contract.operations) assert.match(o.path, /^\/(v1|cashier)\//, o.operationId);
      op('GET', '/cashier/{order_id}');
      for (const lang of LANGS) {
        assert.ok(readFileSync(`${DOCS[lang]}/intro.mdx`, 'utf8').includes('`http://127.0.0.1:4010`'), lang);
      }
    },
  },
  {
    name: 'bodies are JSON or a form, anything else is 400 unsupported_media_type',
    mentions: ['`application/x-www-form-urlencoded`', '`400 unsupported_media_type`'],
    holds: () => {
      for (const id of ['getToken', 'createPayment', 'createPaymentLegacy', 'simulatePayment']) {
        assert.deepEqual(byId(id).bodyContentTypes.sort(), ['application/json', 'application/x-www-form-urlencoded']);
      }
    },
  },
  {
    name: 'every success is the 0000 envelope with the result in data',
    mentions: [
      { zh: `\`{"code":"0000","message":"${success.zh}"`, en: `\`{"code":"0000","message":"${success.en}"` },
      '`"0000"`',
      '`data`',
    ],
    holds: () => {
      assert.equal(prop('Envelope', 'code').const, '0000');
      for (const o of contract.operations) {
        const ok = o.responses['200']?.['application/json'];
        if (!ok) continue;
        assert.deepEqual(ok.allOf?.[0], schema('Envelope'), `${o.operationId} answers in the envelope`);
        assert.ok(answerData(o), `${o.operationId} answers data`);
      }
    },
  },
  {
    name: 'every JSON error is the envelope with sub_code, param and request_id',
    mentions: ['`"400"`', '`sub_code`', '`param`', '`request_id`', '`Accept-Language`', '`X-Request-Id`'],
    holds: () => {
      const envelope = schema('ErrorResponse');
      assert.deepEqual(envelope.required, ['code', 'message', 'sub_code', 'request_id']);
      assert.ok(envelope.properties?.param, 'param is there when a field is at fault');
      assert.match('400', new RegExp(prop('ErrorResponse', 'code').pattern!));
      for (const o of contract.operations) {
        for (const [status, media] of Object.entries(o.responses)) {
          if (/^[45]/.test(status) && media['application/json'])
            assert.deepEqual(media['application/json'], envelope, `${o.operationId} ${status}`);
        }
      }
    },
  },
  {
    name: 'amounts are whole fen, a decimal is 400 amount_not_integer',
    mentions: ['`400 amount_not_integer`', '`1000`', '`100000000`'],
    holds: () => {
      const amount = prop('PaymentCreate', 'amount');
      assert.equal(amount.type, 'integer');
      assert.equal(amount['x-unit'], 'fen');
      assert.equal(amount.minimum, 1);
      assert.equal(amount.maximum, 100000000);
      assert.ok(subCodes('400').includes('amount_not_integer'));
    },
  },
  {
    name: 'ids are strings with a prefix, at most 68 characters',
    mentions: ['`app_`', '`mch_`', '`pay_`', '`chn_`', '`evt_`', '68'],
    holds: () => {
      const prefixes = { AppId: 'app_', MerchantId: 'mch_', OrderId: 'pay_', ChannelId: 'chn_', EventId: 'evt_' };
      for (const [name, prefix] of Object.entries(prefixes)) {
        assert.equal(schema(name).type, 'string', name);
        assert.ok(schema(name).pattern?.startsWith(`^${prefix}`), name);
        assert.equal(schema(name).maxLength, 68, name);
      }
      assert.deepEqual(prop('Payment', 'order_id'), schema('OrderId'));
    },
  },
  {
    name: 'product_id is a string',
    mentions: ['`product_id`', '`400 invalid_type`', '`"123"`'],
    holds: () => {
      assert.equal(prop('PaymentCreate', 'product_id').type, 'string');
      assert.ok(subCodes('400').includes('invalid_type'));
    },
  },
  {
    name: 'unknown parameters are 400 unknown_field',
    mentions: ['`400 unknown_field`'],
    holds: () => {
      for (const name of ['TokenRequest', 'PaymentCreate', 'SimulateRequest', 'ChannelCreate', 'ChannelUpdate'])
        assert.equal(schema(name).additionalProperties, false, name);
      assert.ok(subCodes('400').includes('unknown_field'));
    },
  },
  {
    name: 'times are ISO 8601 with an offset, bill days in Asia/Shanghai',
    mentions: ['ISO 8601', '`2026-11-26T20:50:22+08:00`', '`Asia/Shanghai`'],
    holds: () => {
      assert.equal(schema('Timestamp').format, 'date-time');
      assert.deepEqual(schema('Timestamp').examples, ['2026-11-26T20:50:22+08:00']);
      assert.equal(param(byId('getBill'), 'query', 'bill_date')?.schema?.format, 'date');
    },
  },
  {
    name: 'tokens go in Authorization: Bearer, not access_token=',
    mentions: ['`Authorization: Bearer <token>`', '`access_token=`', '`401 missing_token`'],
    holds: () => {
      assert.equal(raw.components.securitySchemes.oauth2.type, 'oauth2');
      assert.deepEqual(doc.security, [{ oauth2: [] }]);
      assert.ok(raw.components.responses.Unauthorized.headers?.['WWW-Authenticate']);
      assert.ok(subCodes('401').includes('missing_token'));
    },
  },
  {
    name: 'tokens come from OAuth2 client credentials, 7200 seconds, no refresh token',
    mentions: [
      '`POST /v1/oauth/token`',
      '`grant_type=client_credentials`',
      '`access_token`',
      '`Bearer`',
      '`expires_in`',
      '7200',
      '`401 token_expired`',
    ],
    holds: () => {
      const token = byId('getToken');
      assert.equal(token.scopes, null, 'no token is needed to get one');
      assert.equal(raw.components.securitySchemes.oauth2.flows.clientCredentials.tokenUrl, token.path);
      assert.ok(schema('TokenRequest').required?.includes('grant_type'));
      assert.deepEqual(prop('TokenRequest', 'grant_type').enum, ['client_credentials']);
      assert.deepEqual(schema('Token').required, ['access_token', 'token_type', 'expires_in', 'scope']);
      assert.ok(!('refresh_token' in (schema('Token').properties ?? {})));
      assert.deepEqual(prop('Token', 'token_type').enum, ['Bearer']);
      assert.deepEqual(prop('Token', 'expires_in').examples, [7200]);
      assert.ok(subCodes('401').includes('token_expired'));
    },
  },
  {
    name: 'tokens carry scopes; channel management needs channels:write',
    mentions: [
      '`payments:read`',
      '`payments:write`',
      '`channels:read`',
      '`channels:write`',
      '`bills:read`',
      '`403 insufficient_scope`',
    ],
    holds: () => {
      // The scopes of v1.0.0 are all still there (later entries add refunds:read / refunds:write).
      const scopes = Object.keys(raw.components.securitySchemes.oauth2.flows.clientCredentials.scopes);
      for (const scope of ['bills:read', 'channels:read', 'channels:write', 'payments:read', 'payments:write'])
        assert.ok(scopes.includes(scope), scope);
      for (const id of ['createChannel', 'updateChannel', 'deleteChannel']) {
        assert.deepEqual(byId(id).scopes, ['channels:write'], id);
        assert.ok(byId(id).responses['403'], id);
      }
      assert.ok(subCodes('403').includes('insufficient_scope'));
    },
  },
  {
    name: 'source_id is optional, another merchant’s is 403 source_id_mismatch',
    mentions: ['`source_id`', '`mch_…`', '`403 source_id_mismatch`', '`400 invalid_value`'],
    holds: () => {
      assert.ok(!schema('PaymentCreate').required?.includes('source_id'), 'PaymentCreate does not require source_id');
      assert.ok(prop('PaymentCreate', 'source_id').pattern?.startsWith('^mch_'));
      assert.ok(byId('createPayment').responses['403']);
      assert.ok(subCodes('403').includes('source_id_mismatch'));
    },
  },
  {
    name: 'POST /v1/payments/new is a deprecated alias of /v1/payments/create',
    mentions: ['`POST /v1/payments/new`', '`POST /v1/payments/create`', '`Deprecation: true`', '`Link`'],
    holds: () => {
      const legacy = op('POST', '/v1/payments/new');
      const canonical = op('POST', '/v1/payments/create');
      assert.equal(legacy.deprecated, true);
      assert.equal(canonical.deprecated, false);
      assert.deepEqual(legacy.bodySchema, canonical.bodySchema);
      assert.deepEqual(legacy.responses['200'], canonical.responses['200']);
      const headers = doc.paths['/v1/payments/new'].post!.responses['200'].headers ?? {};
      assert.deepEqual(Object.keys(headers).sort(), ['Deprecation', 'Link']);
    },
  },
  {
    name: 'currency accepts only cny',
    mentions: ['`currency`', '`cny`', '`400 invalid_value`'],
    holds: () => {
      assert.deepEqual(prop('PaymentCreate', 'currency').enum, ['cny']);
      assert.equal(prop('PaymentCreate', 'currency').default, 'cny');
      assert.ok(!schema('PaymentCreate').required?.includes('currency'));
      assert.deepEqual(prop('Payment', 'currency').enum, ['cny']);
    },
  },
  {
    name: 'orders are queried by order_id or out_trade_no',
    mentions: [
      '`GET /v1/payments?order_id=…`',
      '`GET /v1/payments?out_trade_no=…`',
      '`400 missing_query`',
      '`GET /v1/payments/{order_id}`',
      '`404 resource_not_found`',
    ],
    holds: () => {
      const query = op('GET', '/v1/payments');
      for (const name of ['order_id', 'out_trade_no']) {
        const p = param(query, 'query', name);
        assert.ok(p && !p.required, `${name} is an optional query parameter`);
      }
      assert.ok(subCodes('400').includes('missing_query'));
      assert.ok(op('GET', '/v1/payments/{order_id}').responses['404']);
      assert.ok(subCodes('404').includes('resource_not_found'));
    },
  },
  {
    name: 'out_trade_no is unique per merchant',
    mentions: ['`out_trade_no`', '`400 duplicate_out_trade_no`', '64'],
    holds: () => {
      assert.equal(schema('OutTradeNo').pattern, '^[A-Za-z0-9_-]{1,64}$');
      assert.ok(subCodes('400').includes('duplicate_out_trade_no'));
    },
  },
  {
    name: '409 when an Idempotency-Key comes back with another body',
    mentions: ['`409 Conflict`', '`Idempotency-Key`', '`409 idempotency_conflict`', '`Idempotent-Replayed: true`'],
    holds: () => {
      for (const id of ['createPayment', 'createPaymentLegacy']) {
        assert.ok(byId(id).responses['409'], id);
        assert.ok(param(byId(id), 'header', 'Idempotency-Key'), id);
      }
      const replayed = doc.paths['/v1/payments/create'].post!.responses['200'].headers ?? {};
      assert.ok(replayed['Idempotent-Replayed']);
      assert.ok(subCodes('409').includes('idempotency_conflict'));
    },
  },
  {
    name: 'an order answers whole, every field present, with its states',
    mentions: [
      '`order_id`',
      '`channel_id`',
      '`pay_url`',
      '`created_at`',
      '`expires_at`',
      '`null`',
      '`created`',
      '`paying`',
      '`paid`',
      '`failed`',
      '`closed`',
      '`POST /v1/payments/{order_id}/close`',
      '`time_expire`',
      '1800',
      '`400 invalid_state_transition`',
    ],
    holds: () => {
      const payment = schema('Payment');
      assert.deepEqual([...(payment.required ?? [])].sort(), Object.keys(payment.properties ?? {}).sort());
      assert.deepEqual(schema('PaymentStatus').enum, ['created', 'paying', 'paid', 'failed', 'closed']);
      assert.equal(prop('PaymentCreate', 'time_expire').default, 1800);
      assert.ok(subCodes('400').includes('invalid_state_transition'));
    },
  },
  {
    name: 'the channel endpoints',
    mentions: [
      '`POST /v1/channels`',
      '`GET /v1/channels`',
      '`pay_way`',
      '`status`',
      '`data.items`',
      '`GET /v1/channels/{channel_id}`',
      '`DELETE /v1/channels/{channel_id}`',
    ],
    holds: () => {
      const list = op('GET', '/v1/channels');
      assert.ok(param(list, 'query', 'pay_way') && param(list, 'query', 'status'));
      assert.deepEqual(answerData(list)?.required, ['items']);
    },
  },
  {
    name: 'the channel fields, their defaults and units',
    mentions: [
      '`provider`',
      '`mock_alipay`',
      '`mock_wechat`',
      '`mock_unionpay`',
      '`pay_ways`',
      '`priority`',
      '`weight`',
      '`fee_rate_bps`',
      '0.6%',
      '`min_amount`',
      '`max_amount`',
      '`credentials`',
    ],
    holds: () => {
      assert.deepEqual(schema('ChannelCreate').required, ['provider', 'pay_ways']);
      assert.deepEqual(schema('Provider').enum, ['mock_alipay', 'mock_wechat', 'mock_unionpay']);
      assert.equal(prop('ChannelCreate', 'priority').default, 10);
      assert.equal(prop('ChannelCreate', 'weight').default, 1);
      assert.equal(prop('ChannelCreate', 'fee_rate_bps').type, 'integer');
      assert.equal(prop('ChannelCreate', 'fee_rate_bps').default, 60);
      for (const f of ['min_amount', 'max_amount']) assert.equal(prop('ChannelCreate', f)['x-unit'], 'fen', f);
    },
  },
  {
    name: 'deleting a channel is soft, then 410',
    mentions: ['`{"channel_id":…,"deleted":true}`', '`GET`', '`PATCH`', '`DELETE`', '`410 channel_deleted`'],
    holds: () => {
      const deleted = answerData(op('DELETE', '/v1/channels/{channel_id}'));
      assert.deepEqual(deleted?.required, ['channel_id', 'deleted']);
      assert.equal(deleted?.properties?.deleted?.const, true);
      for (const method of ['GET', 'PATCH', 'DELETE'])
        assert.ok(op(method, '/v1/channels/{channel_id}').responses['410'], method);
      assert.ok(subCodes('410').includes('channel_deleted'));
    },
  },
  {
    name: 'bills by Beijing day, paged, provisional or final, CSV on request',
    mentions: [
      '`GET /v1/bills?bill_date=YYYY-MM-DD`',
      '`bill_type`',
      '`ALL`',
      '`SUCCESS`',
      '`provisional`',
      '`final`',
      '`summary`',
      '`fee_rate_bps`',
      '`limit`',
      '500',
      '`next_cursor`',
      '`cursor`',
      '`Accept: text/csv`',
      '`format=csv`',
      'BOM',
    ],
    holds: () => {
      const bills = op('GET', '/v1/bills');
      assert.equal(param(bills, 'query', 'bill_date')?.required, true);
      const types = param(bills, 'query', 'bill_type')?.schema?.enum ?? [];
      assert.ok(types.includes('ALL') && types.includes('SUCCESS'));
      const limit = param(bills, 'query', 'limit')?.schema;
      assert.equal(limit?.default, 100);
      assert.equal(limit?.maximum, 500);
      assert.ok(param(bills, 'query', 'cursor'));
      assert.ok(param(bills, 'query', 'format')?.schema?.enum?.includes('csv'));
      assert.ok(bills.produces.includes('text/csv'));
      const data = answerData(bills);
      assert.deepEqual(data?.properties?.status?.enum, ['provisional', 'final']);
      assert.ok(data?.required?.includes('next_cursor'));
    },
  },
  {
    name: 'every status of the table is answered, with the headers to act on it',
    mentions: ['`WWW-Authenticate`', '`Allow`', '`Retry-After`', '`404`', '`406`', '`418`', '`500`', '`request_id`'],
    holds: () => {
      const table = ['0000', '400', '401', '403', '404', '405', '406', '409', '410', '418', '429', '500', '503'];
      for (const code of table)
        assert.ok(
          contract.errors.some((e) => e.code === code),
          `${code} is catalogued`,
        );
      assert.ok(raw.components.responses.TooManyRequests.headers?.['Retry-After']);
      assert.ok(raw.components.responses.ServiceUnavailable.headers?.['Retry-After']);
      assert.ok(contract.errors.find((e) => e.code === '405')?.when.en.includes('Allow'));
      assert.ok(op('GET', '/v1/sandbox/teapot').responses['418']);
    },
  },
  {
    name: 'what v1.0.0 added beyond the original',
    mentions: [
      '`PATCH /v1/channels/{channel_id}`',
      '`GET /v1/routing/preview`',
      '`POST /v1/oauth/revoke`',
      '`JuYiFu-Signature`',
      '`GET /v1/health`',
      '`POST /v1/sandbox/apps`',
      '`X-Sandbox-Simulate`',
    ],
    holds: () => {
      for (const id of ['closePayment', 'simulatePayment', 'listEvents', 'resendEvent']) byId(id);
      assert.ok(raw.webhooks.paymentEvent.post.parameters.some((p) => p.name === 'JuYiFu-Signature'));
      assert.ok(param(byId('createPayment'), 'header', 'X-Sandbox-Simulate'));
    },
  },
];

describe('changelog v1.0.0: every difference from the original document, true of the contract', () => {
  for (const fact of FACTS) {
    test(fact.name, () => {
      for (const lang of LANGS) {
        const words = fact.mentions.map((m) => (typeof m === 'string' ? m : m[lang]));
        assert.ok(
          bullets(lang).some((b) => words.every((w) => b.includes(w))),
          `no ${lang} bullet states it with all of: ${words.join(' ')}`,
        );
      }
      fact.holds();
    });
  }

  test('every endpoint the section names is an operation of the contract, with the query it shows', () => {
    for (const lang of LANGS) {
      for (const span of codeSpans(SECTIONS[lang])) {
        const m = /^(GET|POST|PATCH|DELETE|PUT) (\/[^\s?]+)(?:\?(.*))?$/.exec(span);
        if (!m) continue;
        const o = op(m[1], m[2]);
        for (const pair of (m[3] ?? '').split('&').filter(Boolean))
          assert.ok(param(o, 'query', pair.split('=')[0]), `${lang}: ${span}`);
      }
    }
  });

  test('every `status sub_code` the section names is in the error catalogue under that status', () => {
    for (const lang of LANGS) {
      const named = codeSpans(SECTIONS[lang]).filter((s) => /^\d{3} [a-z][a-z0-9_]*$/.test(s));
      assert.ok(named.length > 10, `${lang}: the section names its errors`);
      for (const span of named) {
        const [code, sub] = span.split(' ');
        assert.ok(subCodes(code).includes(sub), `${lang}: ${span}`);
      }
    }
  });

  test('both languages list the same items, with the same code, each dated 2026-11-26', () => {
    const zh = bullets('zh');
    const en = bullets('en');
    assert.equal(zh.length, en.length, 'as many items in Chinese as in English');
    // Word order differs between the languages, so the spans are compared as sorted lists. The
    // success envelope's message is the only code that differs: each language shows its own.
    const same = (b: string, lang: Lang) =>
      codeSpans(b)
        .map((s) => s.replace(`"${success[lang]}"`, '"<0000>"'))
        .sort();
    zh.forEach((b, i) => {
      assert.ok(b.endsWith(DATE.zh), `zh item ${i + 1} is dated ${DATE.zh}`);
      assert.ok(en[i].endsWith(DATE.en), `en item ${i + 1} is dated ${DATE.en}`);
      assert.deepEqual(same(b, 'zh'), same(en[i], 'en'), `item ${i + 1}`);
    });
  });
});
