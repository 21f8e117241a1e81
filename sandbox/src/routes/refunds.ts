import type { FastifyInstance } from 'fastify';
import type { SandboxContext } from '../context.ts';
import { ok, renderOk, sendKeyed } from '../http/envelope.ts';
import { idempotencyKey } from '../http/idempotency-key.ts';
import { operation } from '../http/operation.ts';
import { createRefund, getRefund, listPaymentRefunds, queryRefund, simulateRefund } from '../services/refunds.ts';

export function refundRoutes(app: FastifyInstance, ctx: SandboxContext): void {
  operation(app, ctx, 'createRefund', async (request, reply) => {
    const keyed = await createRefund(
      ctx,
      request.principal!,
      request.params.order_id,
      request.body,
      idempotencyKey(request),
      renderOk(ctx, request),
    );
    return sendKeyed(reply, keyed);
  });
  operation(app, ctx, 'listPaymentRefunds', async (request) =>
    ok(ctx, request, await listPaymentRefunds(ctx, request.principal!, request.params.order_id)),
  );
  operation(app, ctx, 'getRefund', async (request) =>
    ok(ctx, request, await getRefund(ctx, request.principal!, request.params.refund_id)),
  );
  operation(app, ctx, 'queryRefund', async (request) =>
    ok(ctx, request, await queryRefund(ctx, request.principal!, request.query.out_refund_no)),
  );
  operation(app, ctx, 'simulateRefund', async (request) =>
    ok(
      ctx,
      request,
      await simulateRefund(
        ctx,
        request.principal!,
        request.params.refund_id,
        request.body.result,
        request.body.failure_code,
      ),
    ),
  );
}
