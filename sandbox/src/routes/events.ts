import type { FastifyInstance } from 'fastify';
import type { SandboxContext } from '../context.ts';
import { ok } from '../http/envelope.ts';
import { operation } from '../http/operation.ts';
import { listEvents, resendEvent, rotateWebhookSecret } from '../services/webhooks.ts';

export function eventRoutes(app: FastifyInstance, ctx: SandboxContext): void {
  operation(app, ctx, 'listEvents', async (request) =>
    ok(ctx, request, await listEvents(ctx, request.principal!, request.query)),
  );
  operation(app, ctx, 'resendEvent', async (request) =>
    ok(ctx, request, await resendEvent(ctx, request.principal!, request.params.event_id)),
  );
  operation(app, ctx, 'rotateWebhookSecret', async (request) =>
    ok(ctx, request, await rotateWebhookSecret(ctx, request.principal!)),
  );
}
