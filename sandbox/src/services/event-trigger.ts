/**
 * POST /v1/sandbox/events/trigger: an event of the asked type, with real objects behind it, made
 * through the same steps a merchant's calls would take (create, pay or fail or close, refund and
 * settle), so the event is exactly what those steps send.
 */
import type { SandboxContext } from '../context.ts';
import { newId } from '../domain/ids.ts';
import type { Principal } from './auth.ts';
import { closePayment, createPayment, finishPayment } from './payments.ts';
import { createRefund, simulateRefund } from './refunds.ts';
import { views } from './webhooks.ts';

export type TriggerType = 'payment.paid' | 'payment.failed' | 'payment.closed' | 'refund.succeeded' | 'refund.failed';

/** An ordinary amount (test-data.yaml: 100 is "normal"): nothing happens to it by itself. */
const AMOUNT = 100;

export async function triggerEvent(
  ctx: SandboxContext,
  who: Principal,
  input: { type: TriggerType; notify_url?: string },
) {
  let orderId = '';
  await createPayment(
    ctx,
    who,
    {
      product_id: 'trigger',
      product_name: `触发的测试事件 ${input.type}`,
      amount: AMOUNT,
      pay_way: 'alipay_qr',
      notify_url: input.notify_url,
    },
    undefined,
    (view) => {
      orderId = view.order_id;
      return { status: 200, body: '' };
    },
  );
  if (input.type === 'payment.closed') await closePayment(ctx, who, orderId);
  else await finishPayment(ctx, who, orderId, input.type === 'payment.failed' ? 'failed' : 'paid');
  if (input.type.startsWith('refund.')) {
    let refundId = '';
    await createRefund(
      ctx,
      who,
      orderId,
      { amount: AMOUNT, out_refund_no: newId('ref'), notify_url: input.notify_url },
      undefined,
      (view) => {
        refundId = view.refund_id;
        return { status: 200, body: '' };
      },
    );
    await simulateRefund(ctx, who, refundId, input.type === 'refund.succeeded' ? 'succeeded' : 'failed');
  }
  const events = await ctx.store.listEvents(who.merchantId, orderId, 10);
  const event = events.find((e) => e.type === input.type);
  if (!event) throw new Error(`trigger ${input.type}: no such event on ${orderId}`);
  return (await views(ctx, who, [event]))[0];
}
