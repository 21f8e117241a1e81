import type { FastifyInstance, FastifyReply } from 'fastify';
import type { SandboxContext } from '../context.ts';
import { ok, renderOk, sendKeyed } from '../http/envelope.ts';
import { idempotencyKey } from '../http/idempotency-key.ts';
import { operation, type ValidatedRequest } from '../http/operation.ts';
import { closePayment, createPayment, finishPayment, getPayment, queryPayment } from '../services/payments.ts';

export function paymentRoutes(app: FastifyInstance, ctx: SandboxContext): void {
  // The deprecated path takes the same body and answers the same way, with a pointer to the new one.
  const create = async (request: ValidatedRequest<'createPayment' | 'createPaymentLegacy'>, reply: FastifyReply) => {
    const keyed = await createPayment(
      ctx,
      request.principal!,
      request.body,
      idempotencyKey(request),
      renderOk(ctx, request),
    );
    return sendKeyed(reply, keyed);
  };
  operation(app, ctx, 'createPayment', create);
  operation(app, ctx, 'createPaymentLegacy', async (request, reply) => {
    reply.header('Deprecation', 'true');
    reply.header('Link', `<${ctx.config.publicUrl}/v1/payments/create>; rel="successor-version"`);
    return create(request, reply);
  });

  operation(app, ctx, 'queryPayment', async (request) =>
    ok(ctx, request, await queryPayment(ctx, request.principal!, request.query)),
  );
  operation(app, ctx, 'getPayment', async (request) =>
    ok(ctx, request, await getPayment(ctx, request.principal!, request.params.order_id)),
  );
  operation(app, ctx, 'closePayment', async (request) =>
    ok(ctx, request, await closePayment(ctx, request.principal!, request.params.order_id)),
  );
  operation(app, ctx, 'simulatePayment', async (request) =>
    ok(
      ctx,
      request,
      await finishPayment(
        ctx,
        request.principal!,
        request.params.order_id,
        request.body.result,
        request.body.failure_code,
      ),
    ),
  );
}
