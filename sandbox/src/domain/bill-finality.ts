/**
 * When a day's bill stops changing, pure. An order created on day D can still move by itself
 * until its time_expire runs out, and a magic amount's scheduled result is counted on top (it
 * applies before expiry today, but the bound must hold even if that rule loosens). A refund asked
 * on D succeeds or fails within the refund delay, dated when it does (forced sooner by the
 * simulate call, or settled when it came due). So the bill of D is final from the end of D plus
 * the horizon of what it lists, and only once every order and refund that could still enter or
 * change it has reached a final state; after that no write can touch its rows: a new order is
 * created, a payment and a refund are dated, after the end of D.
 */
import type { JsonSchema, MagicAmount } from '../../../contract/index.ts';
import { listsPayments, listsRefunds, type BillType } from './bills.ts';
import { autoSchedule } from './payments.ts';
import { shanghaiDayRange } from './time.ts';

/** The largest `maximum` a schema allows for a property of this name, through allOf/oneOf/anyOf/if-then-else. */
export function largestMaximum(schema: JsonSchema | undefined, property: string): number | undefined {
  if (!schema) return undefined;
  const found: number[] = [];
  const own = schema.properties?.[property]?.maximum;
  if (typeof own === 'number') found.push(own);
  const branches = [...(schema.allOf ?? []), ...(schema.oneOf ?? []), ...(schema.anyOf ?? [])];
  for (const key of ['if', 'then', 'else'] as const) {
    const branch = schema[key];
    if (branch && typeof branch === 'object') branches.push(branch as JsonSchema);
  }
  for (const branch of branches) {
    const max = largestMaximum(branch, property);
    if (max !== undefined) found.push(max);
  }
  return found.length ? Math.max(...found) : undefined;
}

/** How long after its creation an order can still change by itself, in ms. */
export function unfinishedHorizonMs(maxTimeExpireSeconds: number, magicAmounts: Iterable<MagicAmount>): number {
  let delay = 0;
  for (const m of magicAmounts) delay = Math.max(delay, autoSchedule(m, 0).auto_at ?? 0);
  return maxTimeExpireSeconds * 1000 + delay;
}

/** How long after it is asked a refund can still succeed, in ms: the sandbox's refund delay (refundDelaySeconds). */
export function refundHorizonMs(refundDelaySeconds: number): number {
  return refundDelaySeconds * 1000;
}

/** How long after its day a bill of this type can still change: the horizon of each kind of row it lists. */
export function billHorizonMs(type: BillType, horizons: { orders: number; refunds: number }): number {
  return Math.max(listsPayments(type) ? horizons.orders : 0, listsRefunds(type) ? horizons.refunds : 0);
}

/** The first instant the bill of `billDate` can be final. */
export function finalFrom(billDate: string, horizonMs: number): number {
  return shanghaiDayRange(billDate)[1] + horizonMs;
}

/**
 * Creation times of the orders that could still enter or change the bill: ALL lists the orders
 * created on the day; SUCCESS the ones paid on it, which an order created up to a horizon
 * earlier can still be. The channel filter plays no part: an unfinished order may still move
 * to another channel of its route.
 */
export function candidateRange(type: BillType, billDate: string, horizonMs: number): [number, number] {
  const [from, to] = shanghaiDayRange(billDate);
  return [type === 'SUCCESS' ? from - horizonMs : from, to];
}

/**
 * Due times of the pending refunds that could still succeed on the day: the ones asked before its
 * end (due within the refund horizon after it) and not due before it starts (one due earlier
 * settles, dated when it came due, before the day).
 */
export function refundCandidateRange(billDate: string, refundHorizonMs: number): [number, number] {
  const [from, to] = shanghaiDayRange(billDate);
  return [from, to + refundHorizonMs];
}

/** `unfinished`: how many of the bill's candidates are still created or paying, or pending refunds. */
export function billStatus(
  billDate: string,
  now: number,
  horizonMs: number,
  unfinished: number,
): 'provisional' | 'final' {
  return now >= finalFrom(billDate, horizonMs) && unfinished === 0 ? 'final' : 'provisional';
}
