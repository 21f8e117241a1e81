/**
 * Whether a bill is final, once what time has done is applied to every order that could still
 * enter or change it: reads of an order settle it the same way, and the server's sweeper does
 * on a timer, but a bill must not wait for the sweeper to say it will never change.
 */
import type { SandboxContext } from '../context.ts';
import { billStatus, candidateRange, finalFrom, largestMaximum, unfinishedHorizonMs } from '../domain/bill-finality.ts';
import type { BillType } from '../domain/bills.ts';
import { settle } from './payments.ts';

const SETTLE_PAGE = 500;
const horizons = new WeakMap<SandboxContext, number>();

/** The longest an order can stay unfinished: the contract's largest time_expire and the magic amounts' delays. */
function horizonMs(ctx: SandboxContext): number {
  let horizon = horizons.get(ctx);
  if (horizon === undefined) {
    const maxima = ctx.contract.operations
      .map((o) => largestMaximum(o.bodySchema, 'time_expire'))
      .filter((m): m is number => m !== undefined);
    if (maxima.length === 0) throw new Error('the contract gives time_expire no maximum, so no bill could be final');
    horizon = unfinishedHorizonMs(Math.max(...maxima), ctx.magicAmounts.values());
    horizons.set(ctx, horizon);
  }
  return horizon;
}

/** Settles the bill's due candidates, then says whether the bill can still change. */
export async function settleBill(
  ctx: SandboxContext,
  merchantId: string,
  type: BillType,
  billDate: string,
): Promise<'provisional' | 'final'> {
  const [from, to] = candidateRange(type, billDate, horizonMs(ctx));
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
  // Before its time a bill is provisional whatever its orders say: spare the count.
  if (ctx.now() < finalFrom(billDate, horizonMs(ctx))) return 'provisional';
  const unfinished = await ctx.store.billUnfinishedCount(candidates);
  return billStatus(billDate, ctx.now(), horizonMs(ctx), unfinished);
}
