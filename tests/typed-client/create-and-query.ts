/**
 * What an integrator writes against the types openapi-typescript generates from the contract
 * (contract/generated): get a sandbox key and a token, create an order, have the sandbox pay it,
 * query it back and print it. tests/unit/typed-client.test.ts type-checks this file under
 * strict (tsconfig.json beside it) and runs it against a sandbox, so a field the contract leaves
 * optional though the API always sends it, or names differently, fails there first.
 *
 *   JUYIFU_BASE_URL=http://127.0.0.1:4010 npx tsx tests/typed-client/create-and-query.ts
 */
import { randomUUID } from 'node:crypto';
import createClient from 'openapi-fetch';
import type { paths } from '../../contract/generated/openapi.d.ts';

const baseUrl = process.env.JUYIFU_BASE_URL ?? 'http://127.0.0.1:4010';

/** `data` of a success envelope; an error envelope (or a body that is none) becomes an exception. */
function dataOf<D>(step: string, answer: { data?: { data: D }; error?: unknown; response: Response }): D {
  if (answer.data === undefined) {
    throw new Error(`${step}: HTTP ${answer.response.status} ${JSON.stringify(answer.error)}`);
  }
  return answer.data.data;
}

const anonymous = createClient<paths>({ baseUrl });
const key = dataOf('sandbox key', await anonymous.POST('/v1/sandbox/apps', { body: { name: '类型检查的客户端' } }));
const token = dataOf(
  'token',
  await anonymous.POST('/v1/oauth/token', {
    body: { grant_type: 'client_credentials', app_id: key.app_id, app_secret: key.app_secret },
  }),
);

const api = createClient<paths>({ baseUrl, headers: { Authorization: `Bearer ${token.access_token}` } });
const created = dataOf(
  'create',
  await api.POST('/v1/payments/create', {
    params: { header: { 'Idempotency-Key': randomUUID() } },
    body: {
      product_id: 'sku-1',
      product_name: '苹果',
      amount: 1000,
      pay_way: 'alipay_app',
      out_trade_no: `M${Date.now()}`,
    },
  }),
);
console.log(
  `created ${created.order_id}: ${created.status}, ${created.amount} fen, channel ${created.channel_id ?? 'none'}`,
);

dataOf(
  'simulate',
  await api.POST('/v1/sandbox/payments/{order_id}/simulate', {
    params: { path: { order_id: created.order_id } },
    body: { result: 'paid' },
  }),
);
const order = dataOf('query', await api.GET('/v1/payments', { params: { query: { order_id: created.order_id } } }));

// fee and paid_at are null until the order is paid and always present: checking for null is
// enough only because the contract says the fields are always sent.
const fee = order.fee === null ? 'none' : `${(order.fee / 100).toFixed(2)} yuan`;
const paidAt = order.paid_at === null ? 'never' : new Date(order.paid_at).toISOString();
console.log(`queried ${order.order_id}: ${order.status}, ${order.amount} fen, fee ${fee}, paid at ${paidAt}`);
