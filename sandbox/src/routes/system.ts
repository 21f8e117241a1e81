import type { FastifyInstance } from 'fastify';
import type { SandboxContext } from '../context.ts';
import { isoShanghai } from '../domain/time.ts';
import { ApiError } from '../errors.ts';
import { ok } from '../http/envelope.ts';
import { operation } from '../http/operation.ts';

export function systemRoutes(app: FastifyInstance, ctx: SandboxContext): void {
  operation(app, ctx, 'getHealth', async (request) =>
    ok(ctx, request, { status: 'ok', version: ctx.contract.document.info.version, time: isoShanghai(ctx.now()) }),
  );

  operation(app, ctx, 'getTeapot', async () => {
    throw new ApiError(418, 'teapot');
  });
}
