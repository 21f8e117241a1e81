import type { FastifyInstance } from 'fastify';
import type { SandboxContext } from '../context.ts';
import { ok } from '../http/envelope.ts';
import { operation } from '../http/operation.ts';
import { listRequestLogs } from '../services/request-log.ts';

export function logRoutes(app: FastifyInstance, ctx: SandboxContext): void {
  operation(app, ctx, 'listRequestLogs', async (request) =>
    ok(ctx, request, await listRequestLogs(ctx, request.principal!, request.query)),
  );
}
