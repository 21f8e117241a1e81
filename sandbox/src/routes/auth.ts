import type { FastifyInstance } from 'fastify';
import type { SandboxContext } from '../context.ts';
import { ApiError } from '../errors.ts';
import { ok } from '../http/envelope.ts';
import { operation } from '../http/operation.ts';
import { createSandboxApp } from '../services/apps.ts';
import { basicCredentials, issueToken } from '../services/auth.ts';

export function authRoutes(app: FastifyInstance, ctx: SandboxContext): void {
  operation(app, ctx, 'createSandboxApp', async (request) => {
    const retryAfter = ctx.addressLimiter.hit(request.ip, ctx.now());
    if (retryAfter !== null) {
      throw new ApiError(429, 'rate_limited', {
        detail: String(retryAfter),
        headers: { 'Retry-After': String(retryAfter) },
      });
    }
    return ok(ctx, request, await createSandboxApp(ctx, request.body.name));
  });

  operation(app, ctx, 'getToken', async (request, reply) => {
    const appId = basicCredentials(request.headers.authorization)?.appId ?? request.body.app_id;
    const retryAfter = appId ? ctx.appLimiter.hit(appId, ctx.now()) : null;
    if (retryAfter !== null) {
      throw new ApiError(429, 'rate_limited', {
        detail: String(retryAfter),
        headers: { 'Retry-After': String(retryAfter) },
      });
    }
    reply.header('Pragma', 'no-cache');
    return ok(ctx, request, await issueToken(ctx, request.body, request.headers.authorization));
  });

  operation(app, ctx, 'revokeToken', async (request) => {
    await ctx.store.revokeToken(request.principal!.tokenHash, ctx.now());
    return ok(ctx, request, { revoked: true });
  });
}
