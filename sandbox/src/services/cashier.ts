/** The hosted cashier: the "dynamic payment UI" the Android SDK opens in a Custom Tab. */
import { timingSafeEqual } from 'node:crypto';
import type { SandboxContext } from '../context.ts';
import { eligibleChannels } from '../domain/routing.ts';
import type { PaymentRecord } from '../domain/payments.ts';
import type { CashierView } from '../domain/cashier-page.ts';
import { ApiError } from '../errors.ts';
import { finishOrder, settle, startPaying } from './payments.ts';

function sameSecret(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}

/** The order a cashier link points at; a wrong secret looks exactly like a missing order. */
export async function cashierOrder(ctx: SandboxContext, orderId: string, clientSecret: string): Promise<PaymentRecord> {
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
    return_url: p.return_url,
    channels: channels.map((c) => ({
      channel_id: c.channel_id,
      provider: c.provider,
      routed: c.channel_id === p.channel_id,
    })),
  };
}

export async function openCashier(ctx: SandboxContext, orderId: string, clientSecret: string): Promise<CashierView> {
  return view(ctx, await startPaying(ctx, await cashierOrder(ctx, orderId, clientSecret)));
}

const ACTIONS = { pay: 'paid', fail: 'failed', cancel: 'closed' } as const;

export async function actOnCashier(
  ctx: SandboxContext,
  orderId: string,
  clientSecret: string,
  action: keyof typeof ACTIONS,
): Promise<PaymentRecord> {
  const p = await settle(ctx, await cashierOrder(ctx, orderId, clientSecret));
  return finishOrder(ctx, p, ACTIONS[action], action === 'fail' ? 'channel_declined' : undefined);
}
