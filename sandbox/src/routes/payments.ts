import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { SandboxContext } from '../context.ts';
import { ApiError } from '../errors.ts';
import { ok } from '../http/envelope.ts';
import { operation, type ValidatedRequest } from '../http/operation.ts';
import { createPayment, finishPayment, getPayment, queryPayment } from '../services/payments.ts';

function idempotencyKey(request: FastifyRequest): string | undefined {
  const raw = request.headers['idempotency-key'];
  if (raw === undefined) return undefined;
  const key = Array.isArray(raw) ? raw[0] : raw;
  if (!/^[\x21-\x7e]{1,255}$/.test(key)) {
    throw new ApiError(400, 'invalid_value', {
      param: 'Idempotency-Key',
      detail: { zh: '应为 1 到 255 个可见 ASCII 字符', en: 'must be 1 to 255 visible ASCII characters' },
    });
  }
  return key;
}

export function paymentRoutes(app: FastifyInstance, ctx: SandboxContext): void {
  const create = async (request: ValidatedRequest, reply: FastifyReply) => {
    const { payment, replayed } = await createPayment(ctx, request.principal!, request.body, idempotencyKey(request));
    if (replayed) reply.header('Idempotent-Replayed', 'true');
    return ok(ctx, request, payment);
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
    ok(ctx, request, await finishPayment(ctx, request.principal!, request.params.order_id, 'closed')),
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
