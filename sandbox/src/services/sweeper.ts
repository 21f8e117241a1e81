/** What time alone brings, applied on a timer: due orders, due refunds, expired idempotency keys and log entries. */
import type { SandboxContext } from '../context.ts';
import { settleDuePayments } from './payments.ts';
import { settleDueRefunds } from './refunds.ts';
import { purgeRequestLogs } from './request-log.ts';

export async function sweep(ctx: SandboxContext): Promise<void> {
  await settleDuePayments(ctx);
  await settleDueRefunds(ctx);
  await ctx.store.purgeIdempotency(ctx.now());
  await purgeRequestLogs(ctx);
}
