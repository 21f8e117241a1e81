import type { FastifyInstance } from 'fastify';
import type { SandboxContext } from '../context.ts';
import { clientCredentials, refused } from '../http/authorization.ts';
import { ok } from '../http/envelope.ts';
import { operation } from '../http/operation.ts';
import { enforceRateLimit, rateLimited } from '../http/rate-limit.ts';
import { createSandboxApp } from '../services/apps.ts';
import { checkClient, issueToken, revokeToken } from '../services/auth.ts';

export function authRoutes(app: FastifyInstance, ctx: SandboxContext): void {
  operation(app, ctx, 'createSandboxApp', async (request) => {
    await enforceRateLimit(ctx.addressLimiter, request.ip, ctx.now());
    return ok(ctx, request, await createSandboxApp(ctx, request.body.name));
  });

  operation(app, ctx, 'getToken', async (request, reply) => {
    // Before anything else: the token endpoint's errors carry it too.
    reply.header('Pragma', 'no-cache');
    // Failed credential checks are charged to the caller's address, never to the app they name:
    // otherwise anyone who knows an app_id could spend that app's request budget.
    const wait = await ctx.failedTokenLimiter.blocked(request.ip, ctx.now());
    if (wait !== null) throw rateLimited(wait);
    const credentials = clientCredentials(request.headers.authorization, request.body);
    request.namedAppId = credentials.appId || undefined;
    const client = await checkClient(ctx, credentials, request.body.scope);
    if ('refused' in client) {
      await ctx.failedTokenLimiter.hit(request.ip, ctx.now());
      throw refused(client);
    }
    // A token that is issued counts against the app's own limit, like every call made with it.
    await enforceRateLimit(ctx.appLimiter, client.appId, ctx.now());
    return ok(ctx, request, await issueToken(ctx, client));
  });

  operation(app, ctx, 'revokeToken', async (request) => ok(ctx, request, await revokeToken(ctx, request.principal!)));
}
