/**
 * The Android guide's PayRequests.java, compiled with the SDK stand-ins of android-sdk/ and run
 * on the JVM with the real credential of a sandbox order of each app pay way: every field must
 * reach the SDK where the real one reads it, unchanged, and where the 订单创建 page's table says.
 */
import { mkdirSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { PAY_WAYS, type PayWayEntry } from '../../contract/pay-ways.ts';
import { run, stepsResult, type HarnessContext, type HarnessResult } from './harnesses.ts';
import { call } from './sandbox-events.ts';

const STAND_INS = 'tests/samples/android-sdk';

type Credential = Record<string, string>;

/** What the stand-ins must print for each app pay way's credential. */
const EXPECTED: Record<string, (c: Credential, entry: PayWayEntry) => string[]> = {
  alipay_app: (c) => [`PayTask.payV2.orderInfo=${c.order_str}`, 'PayTask.payV2.showPayLoading=true'],
  // The PayReq fields are the table's own: a field the page maps elsewhere fails here.
  wechat_app: (c, entry) => [
    `WXAPIFactory.createWXAPI.appId=${c.appid}`,
    `IWXAPI.registerApp.appId=${c.appid}`,
    ...entry.fields.map((f) => `${f.to}=${c[f.field]}`),
    'PayReq.checkArgs=true',
  ],
  unionpay_app: (c) => [`UPPayAssistEx.startPay.tn=${c.tn}`, 'UPPayAssistEx.startPay.mode=01'],
};

export async function androidPayRequests(code: string, ctx: HarnessContext, root: string): Promise<HarnessResult> {
  mkdirSync(ctx.dir, { recursive: true });
  writeFileSync(join(ctx.dir, 'PayRequests.java'), code);
  const standIns = readdirSync(join(root, STAND_INS), { recursive: true, encoding: 'utf8' })
    .filter((f) => f.endsWith('.java'))
    .map((f) => join(root, STAND_INS, f));
  await run('javac', ['-d', 'out', ...standIns, 'PayRequests.java'], { cwd: ctx.dir });
  const got: string[] = [];
  const want: string[] = [];
  for (const [payWay, expected] of Object.entries(EXPECTED)) {
    const entry = PAY_WAYS.find((w) => w.pay_way === payWay)!;
    const order = await call<{ credential: Credential }>(ctx, 'POST', '/v1/payments/create', {
      product_id: 'sku-1',
      product_name: '样例',
      amount: 1000,
      pay_way: payWay,
    });
    const json = JSON.stringify(order.credential);
    const out = await run('java', ['-cp', 'out', 'PayRequests', payWay, json], { cwd: ctx.dir });
    got.push(`${payWay}: ${out.stdout.trim().split('\n').join(' | ')}`);
    want.push(`${payWay}: ${expected(order.credential, entry).join(' | ')}`);
  }
  return stepsResult(got, want);
}
