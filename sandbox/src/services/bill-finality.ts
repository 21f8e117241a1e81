/**
 * Whether a bill is final, once what time has done is applied to every order and refund that could
 * still enter or change it: reads of an order or a refund settle it the same way, and the server's
 * sweeper does on a timer, but a bill must not wait for the sweeper to say it will never change.
 */
import type { SandboxContext } from '../context.ts';
import {
  billHorizonMs,
  billStatus,
  candidateRange,
  finalFrom,
  largestMaximum,
  refundCandidateRange,
  refundHorizonMs,
  unfinishedHorizonMs,
} from '../domain/bill-finality.ts';
import { listsPayments, listsRefunds, type BillType } from '../domain/bills.ts';
import type { Principal } from './auth.ts';
import { settle } from './payments.ts';
import { getRefund } from './refunds.ts';

const SETTLE_PAGE = 500;
const orderHorizons = new WeakMap<SandboxContext, number>();

/**
 * The longest an order can stay unfinished (the contract's largest time_expire and the magic
 * amounts' delays, worked out once per context) and the longest a refund can (the sandbox's
 * refund delay, read on each call so that it follows the setting the refunds are made with).
 */
function horizonsOf(ctx: SandboxContext): { orders: number; refunds: number } {
  let orders = orderHorizons.get(ctx);
  if (orders === undefined) {
    const maxima = ctx.contract.operations
      .map((o) => largestMaximum(o.bodySchema, 'time_expire'))
      .filter((m): m is number => m !== undefined);
    if (maxima.length === 0) throw new Error('the contract gives time_expire no maximum, so no bill could be final');
    orders = unfinishedHorizonMs(Math.max(...maxima), ctx.magicAmounts.values());
    orderHorizons.set(ctx, orders);
  }
  return { orders, refunds: refundHorizonMs(ctx.config.refundDelaySeconds) };
}

/** Settles the orders that could still enter or change the bill and are due; how many are still unfinished. */
async function settleOrders(ctx: SandboxContext, merchantId: string, type: BillType, billDate: string) {
  const [from, to] = candidateRange(type, billDate, horizonsOf(ctx).orders);
  const candidates = { merchantId, from, to };
  for (;;) {
    const ids = await ctx.store.billDueOrderIds(candidates, ctx.now(), SETTLE_PAGE);
    let moved = 0;
    for (const id of ids) {
      const p = await ctx.store.findPayment(merchantId, id);
      if (p && (await settle(ctx, p)).status !== p.status) moved++;
    }
    // A page in which nothing moved would come back the same: stop rather than spin.
    if (ids.length < SETTLE_PAGE || moved === 0) break;
  }
  return () => ctx.store.billUnfinishedCount(candidates);
}

/** Settles the refunds that could still succeed on the day and are due, by reading each as getRefund does. */
async function settleRefunds(ctx: SandboxContext, who: Principal, billDate: string) {
  const [from, to] = refundCandidateRange(billDate, horizonsOf(ctx).refunds);
  const candidates = { merchantId: who.merchantId, from, to };
  for (;;) {
    const ids = await ctx.store.billDueRefundIds(candidates, ctx.now(), SETTLE_PAGE);
    let moved = 0;
    for (const id of ids) if ((await getRefund(ctx, who, id)).status !== 'pending') moved++;
    if (ids.length < SETTLE_PAGE || moved === 0) break;
  }
  return () => ctx.store.billPendingRefundCount(candidates);
}

/** Settles the bill's due candidates, then says whether the bill can still change. */
export async function settleBill(
  ctx: SandboxContext,
  who: Principal,
  type: BillType,
  billDate: string,
): Promise<'provisional' | 'final'> {
  const counts = [];
  if (listsPayments(type)) counts.push(await settleOrders(ctx, who.merchantId, type, billDate));
  if (listsRefunds(type)) counts.push(await settleRefunds(ctx, who, billDate));
  const horizon = billHorizonMs(type, horizonsOf(ctx));
  // Before its time a bill is provisional whatever its orders and refunds say: spare the counts.
  if (ctx.now() < finalFrom(billDate, horizon)) return 'provisional';
  let unfinished = 0;
  for (const count of counts) unfinished += await count();
  return billStatus(billDate, ctx.now(), horizon, unfinished);
}
