/**
 * The PHP guide's merchant.php refunding, as its back office asks and as 聚易付 answers: a partial
 * refund, then the one that completes the order, each learned from its refund.succeeded webhook;
 * a refund that fails (a magic refund amount) gives its amount back. And what it must refuse or
 * ignore: a caller without the back-office token, an unpaid order, more than is left, an event
 * of a refund it never asked for, a refund of another amount, the same event again. And a refund
 * whose answer and webhook never reached it, found again by its out_refund_no.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { loadContract } from '../../contract/index.ts';
import { until, type HarnessContext } from './harnesses.ts';
import { forged, sandboxOrder, startMerchant, type Shop, type ShopRefund } from './merchant-shop.ts';
import { call, eventsOf, sign } from './sandbox-events.ts';

interface Refund {
  refund_id: string;
  order_id: string;
  out_refund_no: string;
  amount: number;
  status: string;
}

/** The refund event of `type` for `refundId` once the sandbox has delivered it to the shop. */
async function delivered(ctx: HarnessContext, orderId: string, type: string, refundId: unknown) {
  const refundOf = (payload: string) => (JSON.parse(payload) as { data: { refund?: Refund } }).data.refund?.refund_id;
  const isIt = (e: Awaited<ReturnType<typeof eventsOf>>[number]) =>
    e.type === type && refundOf(e.payload) === refundId && e.delivery.attempts.length > 0;
  const events = await until(
    () => eventsOf(ctx, orderId),
    (items) => items.some(isIt),
  );
  const event = events.find(isIt);
  if (!event) throw new Error(`no ${type} of ${String(refundId)} delivered`);
  return event;
}

/** A new order of the shop's for `quantity` of sku-1, paid, and known to the shop as paid. */
async function paidOrder(shop: Shop, ctx: HarnessContext, quantity: number): Promise<string> {
  const orderId = String((await shop.post('/checkout', { product_id: 'sku-1', quantity })).json.order_id);
  await call(ctx, 'POST', `/v1/sandbox/payments/${orderId}/simulate`, { result: 'paid' });
  await until(
    () => shop.order(orderId),
    (o) => o.status === 'paid',
  );
  return orderId;
}

/**
 * A refund whose answer was lost and whose webhook went to a server that was down: the shop
 * only has its record of what it asked (by out_refund_no); restarted, GET /orders asks 聚易付.
 */
async function lostAnswer(code: string, ctx: HarnessContext): Promise<string> {
  const dir = join(ctx.dir, 'lost-answer');
  const before = await startMerchant(code, dir, ctx.base, ctx.key);
  const orderId = await paidOrder(before, ctx, 1);
  const asked = await before.refund(orderId, { amount: 300 });
  before.stop();
  await until(
    () => call<Refund>(ctx, 'GET', `/v1/refunds/${asked.json.refund_id}`),
    (r) => r.status === 'succeeded',
  );
  const file = join(dir, 'juyifu-orders.json');
  const orders = JSON.parse(readFileSync(file, 'utf8')) as Record<string, { refunds: Record<string, ShopRefund> }>;
  for (const order of Object.values(orders))
    for (const refund of Object.values(order.refunds)) Object.assign(refund, { refund_id: null, status: 'requested' });
  writeFileSync(file, JSON.stringify(orders));
  const after = await startMerchant(code, dir, ctx.base, ctx.key); // on another port: no webhook reaches it
  try {
    const order = await after.order(orderId);
    const refund = order.refunds[String(asked.json.out_refund_no)];
    return `lost answer: ${refund.status} via ${refund.learned_from}, ${refund.refund_id === asked.json.refund_id ? 'its refund_id' : refund.refund_id}, refunded ${order.amount_refunded}`;
  } finally {
    after.stop();
  }
}

/**
 * Refunds `paidId` (2000 fen, paid) through the shop in two parts, and a failing refund of an
 * order of its own; `unpaidId` is an order of the shop's that was never paid.
 */
export async function refundSteps(code: string, shop: Shop, ctx: HarnessContext, paidId: string, unpaidId: string) {
  const declinedAmount = loadContract().testData.magic_refund_amounts.find(
    (m) => m.failure_code === 'refund_declined',
  )!.amount;
  const secrets = [ctx.key.webhook_secret];
  const got: string[] = [];

  const anyone = await shop.refund(paidId, { amount: 100 }, false);
  const unpaid = await shop.refund(unpaidId, { amount: 100 });
  const tooMuch = await shop.refund(paidId, { amount: 2001 });
  const fraction = await shop.refund(paidId, { amount: 1.5 });
  got.push(
    `no token ${anyone.status}; unpaid ${unpaid.status} ${unpaid.json.error}; 2001 ${tooMuch.status} ${tooMuch.json.error} (refundable ${tooMuch.json.refundable}); 1.5 ${fraction.status}`,
  );

  const bigId = await paidOrder(shop, ctx, Math.ceil(declinedAmount / 1000));
  const declined = await shop.refund(bigId, { amount: declinedAmount });
  const partial = await shop.refund(paidId, { amount: 500, reason: '退一件' });
  got.push(`partial: ${partial.status} ${partial.json.status}, refundable ${partial.json.refundable}`);

  // Forged while the refund is pending: both must leave the books alone (checked below: 500).
  const real = await call<Refund>(ctx, 'GET', `/v1/refunds/${partial.json.refund_id}`);
  const payment = await sandboxOrder(ctx, paidId);
  const news = (id: string, refund: Refund) =>
    shop.post(
      '/notify',
      ...forged(id, { refund: { ...refund, status: 'succeeded' }, payment }, secrets, 'refund.succeeded'),
    );
  const inflated = await news('evt_forged_refund_amount', { ...real, amount: 600 });
  const stranger = await news('evt_forged_refund_unknown', { ...real, refund_id: 'ref_forged1', out_refund_no: 'RFx' });
  got.push(
    `other amount: ${inflated.status} ${inflated.json.flag}; unknown refund: ${stranger.status} ${stranger.json.ignored}`,
  );

  const event = await delivered(ctx, paidId, 'refund.succeeded', real.refund_id);
  const after = await shop.order(paidId);
  const mine = after.refunds[String(partial.json.out_refund_no)];
  got.push(
    `refund.succeeded answered ${event.delivery.attempts[0].http_status}: ${mine.status} via ${mine.learned_from}, refunded ${after.amount_refunded}, refundable ${after.refundable}`,
  );

  const replayed = await shop.post('/notify', event.payload, { 'JuYiFu-Signature': sign(secrets, event.payload) });
  const { data } = JSON.parse(event.payload) as { data: Record<string, unknown> };
  const again = await shop.post('/notify', ...forged('evt_forged_refund_again', data, secrets, 'refund.succeeded'));
  got.push(
    `same event: duplicate ${replayed.json.duplicate}; new event: duplicate ${again.json.duplicate}; refunded ${(await shop.order(paidId)).amount_refunded}`,
  );

  await delivered(ctx, bigId, 'refund.failed', declined.json.refund_id);
  const big = await shop.order(bigId);
  const failed = big.refunds[String(declined.json.out_refund_no)];
  got.push(
    `declined: ${failed.status} ${failed.failure_code} via ${failed.learned_from}, refunded ${big.amount_refunded}, refundable ${big.refundable}`,
  );

  const last = await shop.refund(paidId, { amount: 1500 });
  const oneMore = await shop.refund(paidId, { amount: 1 });
  await delivered(ctx, paidId, 'refund.succeeded', last.json.refund_id);
  const done = await shop.order(paidId);
  const theirs = await sandboxOrder(ctx, paidId);
  got.push(
    `completing: ${last.json.status}, 1 more ${oneMore.status} ${oneMore.json.error}; refunded ${done.amount_refunded} of ${done.amount}, 聚易付 ${theirs.amount_refunded} refunded ${theirs.refunded}`,
  );

  got.push(await lostAnswer(code, ctx));

  const want = [
    'no token 401; unpaid 409 not_paid; 2001 400 invalid_amount (refundable 2000); 1.5 400',
    'partial: 200 pending, refundable 1500',
    'other amount: 200 amount_mismatch; unknown refund: 200 unknown refund',
    'refund.succeeded answered 200: succeeded via webhook, refunded 500, refundable 1500',
    'same event: duplicate true; new event: duplicate false; refunded 500',
    `declined: failed refund_declined via webhook, refunded 0, refundable ${Math.ceil(declinedAmount / 1000) * 1000}`,
    'completing: pending, 1 more 400 invalid_amount; refunded 2000 of 2000, 聚易付 2000 refunded true',
    'lost answer: succeeded via query, its refund_id, refunded 300',
  ];
  return { got, want };
}
