import type { FastifyInstance } from 'fastify';
import type { SandboxContext } from '../context.ts';
import { ApiError } from '../errors.ts';
import { ok } from '../http/envelope.ts';
import { operation } from '../http/operation.ts';
import { health, readiness } from '../services/health.ts';

export function systemRoutes(app: FastifyInstance, ctx: SandboxContext): void {
  operation(app, ctx, 'getHealth', async (request) => ok(ctx, request, health(ctx)));

  operation(app, ctx, 'getReadiness', async (request) => ok(ctx, request, await readiness(ctx)));

  operation(app, ctx, 'getTeapot', async () => {
    throw new ApiError(418, 'teapot');
  });
}
