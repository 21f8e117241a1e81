/**
 * The hosted cashier: the "dynamic payment UI" the Android SDK opens in a Custom Tab. What its
 * buttons are and what each does to an order come from the test-data catalogue's
 * cashier_actions, the same table the docs show.
 */
import { timingSafeEqual } from 'node:crypto';
import type { CashierAction } from '../../../contract/index.ts';
import type { SandboxContext } from '../context.ts';
import { attemptOutcome, closeOutcome, isFinal, type PaymentRecord } from '../domain/payments.ts';
import { httpUrlOrNull } from '../domain/urls.ts';
import { eligibleChannels } from '../domain/routing.ts';
import { ApiError } from '../errors.ts';
import { finishOrder, settle } from './payments.ts';

/** What the cashier page shows of an order. */
export interface CashierView {
  order_id: string;
  product_name: string;
  amount: number;
  status: string;
  failure_code: string | null;
  return_url: string | null;
  channels: { channel_id: string; provider: string; routed: boolean }[];
  /** The buttons the order offers: every cashier action while it is open, none once it is final. */
  actions: CashierAction[];
}

function sameSecret(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}

/** The order a cashier link points at; a wrong secret looks exactly like a missing order. */
async function cashierOrder(ctx: SandboxContext, orderId: string, clientSecret: string): Promise<PaymentRecord> {
  const p = await ctx.store.findPaymentById(orderId);
  if (!p || !sameSecret(p.client_secret, clientSecret)) {
    throw new ApiError(404, 'resource_not_found', { param: 'order_id', detail: orderId });
  }
  return p;
}

async function view(ctx: SandboxContext, p: PaymentRecord): Promise<CashierView> {
  const channels = eligibleChannels(await ctx.store.listChannels(p.merchant_id), p.pay_way, p.amount);
  return {
    order_id: p.order_id,
    product_name: p.product_name,
    amount: p.amount,
    status: p.status,
    failure_code: p.failure_code,
    return_url: httpUrlOrNull(p.return_url) ? p.return_url : null,
    channels: channels.map((c) => ({
      channel_id: c.channel_id,
      provider: c.provider,
      routed: c.channel_id === p.channel_id,
    })),
    actions: isFinal(p.status) ? [] : ctx.contract.testData.cashier_actions,
  };
}

/** Shows the page. A GET changes nothing: the order moves only when the payer presses a button. */
export async function openCashier(ctx: SandboxContext, orderId: string, clientSecret: string): Promise<CashierView> {
  return view(ctx, await settle(ctx, await cashierOrder(ctx, orderId, clientSecret)));
}

/**
 * Presses a button: the order moves to the action's result. Paying passes through paying (as a
 * real payment does) and a declining magic amount still fails it; a failure gets the default
 * failure_code (channel_declined); cancel closes the order with close_reason payer_cancelled.
 */
export async function actOnCashier(
  ctx: SandboxContext,
  orderId: string,
  clientSecret: string,
  action: CashierAction['action'],
): Promise<PaymentRecord> {
  const chosen = ctx.contract.testData.cashier_actions.find((a) => a.action === action);
  if (!chosen) throw new Error(`cashier action ${action} is in openapi.yaml but not in test-data.yaml`);
  const p = await settle(ctx, await cashierOrder(ctx, orderId, clientSecret));
  const t =
    chosen.result === 'closed'
      ? closeOutcome('payer_cancelled')
      : attemptOutcome(chosen.result, ctx.magicAmounts.get(p.amount));
  return finishOrder(ctx, p, t);
}
