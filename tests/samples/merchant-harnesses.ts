/**
 * The PHP guide's merchant.php under `php -S`, as the guide runs it: a whole payment, then forged
 * requests it must refuse or ignore (a wrong amount, an unknown order, the same event again, a bad
 * signature, a price from the app), then its refunds (merchant-refunds.ts), then a real
 * webhook-secret rotation with either secret configured; and the Android guide's MerchantApi
 * (OkHttp 3) against it.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { payOnCashier, run, stepsResult, until, wait, type HarnessContext, type HarnessResult } from './harnesses.ts';
import { refundSteps } from './merchant-refunds.ts';
import { forged, sandboxOrder, startMerchant, type Shop, type Shopped } from './merchant-shop.ts';
import { call, eventsOf, newApp, rotate, sign, v1Count, type AppAccess } from './sandbox-events.ts';

/** The Android guide's app talks to the PHP guide's server: this one. */
const MERCHANT_PHP = 'examples/php/merchant.php';

/**
 * The PHP guide's merchant server through a whole payment, then the forged requests, then
 * refunds of the paid order, then a real rotation of the webhook secret.
 */
export async function phpMerchant(code: string, ctx: HarnessContext): Promise<HarnessResult> {
  const shop = await startMerchant(code, ctx.dir, ctx.base, ctx.key);
  const secrets = [ctx.key.webhook_secret];
  const got: string[] = [];
  let refunds: Awaited<ReturnType<typeof refundSteps>>;
  try {
    // The app tries to set a price: the shop prices two of sku-1 from its catalogue (1000 each).
    const bought = await shop.post('/checkout', { product_id: 'sku-1', quantity: 2, amount: 1 });
    const orderId = String(bought.json.order_id);
    got.push(`checkout ${bought.status}, charged ${(await sandboxOrder(ctx, orderId)).amount}`);
    await payOnCashier(ctx.base, orderId, String(bought.json.pay_url));
    // Ask the shop only after the webhook had time: the shop must have learned it from the webhook.
    await wait(1500);
    const paid = await until(
      () => shop.order(orderId),
      (o) => o.delivered === 1,
    );
    got.push(`paid via ${paid.learned_from}, delivered ${paid.delivered}`);
    const [event] = await eventsOf(ctx, orderId);
    await call(ctx, 'POST', `/v1/events/${event.id}/resend`);
    const again = await until(
      () => shop.order(orderId),
      (o) => Number(o.notifications) >= 2,
    );
    got.push(`resent: notifications ${again.notifications}, delivered ${again.delivered}`);

    const replayed = await shop.post('/notify', event.payload, { 'JuYiFu-Signature': sign(secrets, event.payload) });
    const payment = (JSON.parse(event.payload) as { data: { payment: Shopped } }).data.payment;
    const newsAgain = await shop.post('/notify', ...forged('evt_forged_again', { payment }, secrets));
    got.push(
      `same event: duplicate ${replayed.json.duplicate}; new event, paid order: duplicate ${newsAgain.json.duplicate}; delivered ${(await shop.order(orderId)).delivered}`,
    );

    const unsigned = await shop.post('/notify', event.payload, { 'JuYiFu-Signature': `t=1,v1=${'0'.repeat(64)}` });
    got.push(`bad signature ${unsigned.status}`);

    const cheap = await shop.post('/checkout', { product_id: 'sku-2', quantity: 1 });
    const cheapId = String(cheap.json.order_id);
    const { out_trade_no } = await sandboxOrder(ctx, cheapId);
    const underpaid = { order_id: cheapId, out_trade_no, status: 'paid', amount: 1 };
    const short = await shop.post('/notify', ...forged('evt_forged_amount', { payment: underpaid }, secrets));
    const flagged = await shop.order(cheapId);
    got.push(`wrong amount: ${short.status} ${short.json.flag}, delivered ${flagged.delivered}, ${flagged.flag}`);

    const stranger = { order_id: 'pay_forgedunknown1', out_trade_no: 'SHOPunknown', status: 'paid', amount: 1000 };
    const unknown = await shop.post('/notify', ...forged('evt_forged_unknown', { payment: stranger }, secrets));
    const kept = await fetch(`${shop.url}/orders/pay_forgedunknown1`);
    got.push(`unknown order: ${unknown.status} ${unknown.json.ignored}, kept ${kept.status}`);

    // An app starting the WeChat SDK: the shop names the pay way and hands back the credential.
    const sdk = await shop.post('/checkout', { product_id: 'sku-2', quantity: 1, pay_way: 'wechat_app' });
    const fields = Object.keys((sdk.json.credential ?? {}) as object).sort();
    const badWay = await shop.post('/checkout', { product_id: 'sku-2', quantity: 1, pay_way: 'bitcoin' });
    got.push(`sdk checkout ${sdk.status}: ${fields.join(',')}; ${badWay.status} ${badWay.json.error}`);

    const noSuch = await shop.post('/checkout', { product_id: 'sku-404', quantity: 1 });
    const half = await shop.post('/checkout', { product_id: 'sku-1', quantity: 1.5 });
    got.push(`${noSuch.status} ${noSuch.json.error}, ${half.status} ${half.json.error}`);

    refunds = await refundSteps(code, shop, ctx, orderId, cheapId);
  } finally {
    shop.stop();
  }
  const rotation = await rotationSteps(code, { ...ctx, dir: join(ctx.dir, 'rotation') });
  return stepsResult(
    [...got, ...refunds.got, ...rotation.got],
    [
      'checkout 200, charged 2000',
      'paid via webhook, delivered 1',
      'resent: notifications 2, delivered 1',
      'same event: duplicate true; new event, paid order: duplicate false; delivered 1',
      'bad signature 400',
      'wrong amount: 200 amount_mismatch, delivered 0, amount_mismatch',
      'unknown order: 200 unknown order, kept 404',
      'sdk checkout 200: appid,noncestr,package,partnerid,prepayid,sign,timestamp; 400 invalid_pay_way',
      '404 unknown_product, 400 invalid_quantity',
      ...refunds.want,
      ...rotation.want,
    ],
  );
}

/** Pays a new order of `app` at `shop` and waits for the sandbox's first delivery attempt. */
async function paidThroughWebhook(shop: Shop, app: AppAccess) {
  const bought = await shop.post('/checkout', { product_id: 'sku-1', quantity: 1 });
  const orderId = String(bought.json.order_id);
  await call(app, 'POST', `/v1/sandbox/payments/${orderId}/simulate`, { result: 'paid' });
  const [event] = await until(
    () => eventsOf(app, orderId),
    (items) => items[0]?.delivery.attempts.length > 0,
  );
  const order = await shop.order(orderId);
  return { event, order };
}

/**
 * A real rotation: a new app rotates its secret, then merchant.php configured with the old secret
 * and again with the new one each gets a paid event signed with both and accepts it, while a
 * header signed only with the other secret is refused.
 */
async function rotationSteps(code: string, ctx: HarnessContext): Promise<{ got: string[]; want: string[] }> {
  const app = await newApp(ctx.base);
  const { previous, current } = await rotate(app);
  const got: string[] = [];
  for (const [name, configured, other] of [
    ['old', previous, current],
    ['new', current, previous],
  ]) {
    const shop = await startMerchant(code, join(ctx.dir, name), ctx.base, { ...app.key, webhook_secret: configured });
    try {
      const { event, order } = await paidThroughWebhook(shop, app);
      const v1s = v1Count(event.signature);
      const answer = event.delivery.attempts[0].http_status;
      const stale = await shop.post('/notify', ...forged('evt_other_secret', { payment: {} }, [other]));
      got.push(
        `${name} secret: ${v1s} v1, answered ${answer}, paid via ${order.learned_from}; the ${name === 'old' ? 'new' : 'old'} secret alone ${stale.status}`,
      );
    } finally {
      shop.stop();
    }
  }
  const want = [
    'old secret: 2 v1, answered 200, paid via webhook; the new secret alone 400',
    'new secret: 2 v1, answered 200, paid via webhook; the old secret alone 400',
  ];
  return { got, want };
}

/**
 * The Android guide's MerchantApi against the PHP guide's server: it orders by product and
 * quantity (the server sets the price), the order is paid, the status comes from the server.
 */
export async function androidMerchantApi(code: string, ctx: HarnessContext, root: string): Promise<HarnessResult> {
  const merchant = readFileSync(join(root, MERCHANT_PHP), 'utf8');
  const shop = await startMerchant(merchant, ctx.dir, ctx.base, ctx.key);
  try {
    writeFileSync(join(ctx.dir, 'MerchantApi.java'), code);
    const cp = '/usr/share/java/okhttp.jar:/usr/share/java/okio.jar';
    await run('javac', ['-cp', cp, '-d', '.', 'MerchantApi.java'], { cwd: ctx.dir });
    const app = (args: string[]) =>
      run('java', ['-cp', `.:${cp}`, 'MerchantApi', ...args], {
        cwd: ctx.dir,
        env: { ...process.env, SHOP_URL: shop.url },
      }).then((r) => r.stdout.trim());
    const [orderId, payUrl] = (await app(['checkout', 'sku-2', '3'])).split(' ');
    const charged = (await sandboxOrder(ctx, orderId)).amount;
    const before = await app(['status', orderId]);
    await payOnCashier(ctx.base, orderId, payUrl);
    const after = await until(
      () => app(['status', orderId]),
      (s) => s === 'paid',
    );
    const got = [orderId.startsWith('pay_') ? 'ordered' : orderId, `charged ${charged}`, before, after];
    return stepsResult(got, ['ordered', 'charged 450', 'created', 'paid']);
  } finally {
    shop.stop();
  }
}
