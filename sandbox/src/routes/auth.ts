import type { FastifyInstance } from 'fastify';
import type { SandboxContext } from '../context.ts';
import { clientCredentials, refused } from '../http/authorization.ts';
import { ok } from '../http/envelope.ts';
import { operation } from '../http/operation.ts';
import { enforceRateLimit } from '../http/rate-limit.ts';
import { createSandboxApp } from '../services/apps.ts';
import { issueToken, revokeToken } from '../services/auth.ts';

export function authRoutes(app: FastifyInstance, ctx: SandboxContext): void {
  operation(app, ctx, 'createSandboxApp', async (request) => {
    enforceRateLimit(ctx.addressLimiter, request.ip, ctx.now());
    return ok(ctx, request, await createSandboxApp(ctx, request.body.name));
  });

  operation(app, ctx, 'getToken', async (request, reply) => {
    const credentials = clientCredentials(request.headers.authorization, request.body);
    // The token endpoint counts against the app's own limit, like every call made with its token.
    if (credentials.appId) enforceRateLimit(ctx.appLimiter, credentials.appId, ctx.now());
    // Before issuing: the token endpoint's errors carry it too.
    reply.header('Pragma', 'no-cache');
    const grant = await issueToken(ctx, credentials, request.body.scope);
    if ('refused' in grant) throw refused(grant);
    return ok(ctx, request, grant);
  });

  operation(app, ctx, 'revokeToken', async (request) => ok(ctx, request, await revokeToken(ctx, request.principal!)));
}
