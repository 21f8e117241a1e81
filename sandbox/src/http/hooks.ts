/**
 * What happens to every request before its handler, in this order: language, draining and
 * maintenance (503), simulated errors, content negotiation (406), authorization (401/403),
 * per-app rate limit (429); and before validation, strict type coercion.
 */
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { SandboxContext } from '../context.ts';
import { ApiError } from '../errors.ts';
import { authorize } from './authorization.ts';
import { negotiateMediaType, pickLang } from './negotiate.ts';
import { enforceRateLimit, rateLimited } from './rate-limit.ts';
import { coerceStrings } from './validation.ts';

/**
 * What a simulated answer carries besides its status: the sub_code, and Retry-After where it
 * fits (a simulated 429 is built like every other 429, by rateLimited()).
 */
const SIMULATED_SUB_CODE = 'simulated_error';
const SIMULATED_RETRY_AFTER: Record<string, number> = { '429': 1, '503': 5 };

/**
 * The statuses X-Sandbox-Simulate may ask for: the enum of the contract's SandboxSimulate
 * parameter, so the docs, the console and the sandbox cannot disagree. Each needs its
 * simulated_error in the error catalogue; a gap fails at start, not on the first request.
 */
function simulatableStatuses(ctx: SandboxContext): string[] {
  const values = (ctx.contract.document.components.parameters?.SandboxSimulate?.schema?.enum ?? []).map(String);
  const uncatalogued = values.filter(
    (v) =>
      !ctx.contract.errors.some(
        (e) => String(e.http_status) === v && e.sub_codes.some((s) => s.sub_code === SIMULATED_SUB_CODE),
      ),
  );
  if (values.length === 0 || uncatalogued.length) {
    throw new Error(
      `X-Sandbox-Simulate: the SandboxSimulate parameter needs an enum of statuses with ${SIMULATED_SUB_CODE} in errors.yaml (missing: ${uncatalogued.join(', ') || 'the enum'})`,
    );
  }
  return values;
}

export interface Lifecycle {
  draining: boolean;
  inFlight: number;
  /** Open event streams: ended when the process drains or closes (their clients resume elsewhere). */
  streams: Set<AbortController>;
}

/** The request's media type without parameters, lower case ("application/json"). */
function mediaType(request: FastifyRequest): string {
  return (request.headers['content-type'] ?? '').split(';')[0].trim().toLowerCase();
}

function isForm(request: FastifyRequest): boolean {
  return mediaType(request) === 'application/x-www-form-urlencoded';
}

export function registerHooks(app: FastifyInstance, ctx: SandboxContext, life: Lifecycle): void {
  const simulatable = simulatableStatuses(ctx);
  app.addHook('onRequest', async (request, reply) => {
    request.lang = pickLang(request.headers['accept-language']);
    life.inFlight += 1;
    // 'close' fires for finished and for aborted responses alike, so the count cannot leak.
    reply.raw.once('close', () => {
      life.inFlight -= 1;
    });
    if (life.draining) {
      reply.header('Connection', 'close');
      throw new ApiError(503, 'draining', { headers: { 'Retry-After': '5' } });
    }
    if (ctx.config.maintenance) throw new ApiError(503, 'maintenance', { headers: { 'Retry-After': '60' } });

    const simulate = request.headers['x-sandbox-simulate'];
    if (simulate !== undefined) {
      const status = String(simulate).trim();
      if (!simulatable.includes(status)) {
        throw new ApiError(400, 'invalid_value', {
          param: 'X-Sandbox-Simulate',
          detail: { zh: `只能是 ${simulatable.join(', ')}`, en: `must be one of ${simulatable.join(', ')}` },
        });
      }
      const retryAfter = SIMULATED_RETRY_AFTER[status];
      if (status === '429') throw rateLimited(retryAfter, SIMULATED_SUB_CODE);
      throw new ApiError(Number(status), SIMULATED_SUB_CODE, {
        headers: retryAfter ? { 'Retry-After': String(retryAfter) } : undefined,
      });
    }

    const op = request.routeOptions.config.operation;
    if (!op) return; // not found or CORS preflight: handled elsewhere

    if (!negotiateMediaType(request.headers.accept, op.produces)) {
      throw new ApiError(406, 'not_acceptable', { detail: op.produces.join(', ') });
    }

    if (op.scopes === null) return;
    const who = await authorize(ctx, request.headers.authorization, op.scopes);
    await enforceRateLimit(ctx.appLimiter, who.appId, ctx.now());
    request.principal = who;
  });

  app.addHook('preValidation', async (request) => {
    const op = request.routeOptions.config.operation;
    if (!op) return;
    if (request.decimalMoney?.length) throw new ApiError(400, 'amount_not_integer', { param: request.decimalMoney[0] });
    // A body only in the media types the contract declares for this operation, so nothing
    // works here that the docs do not offer (a form where only JSON is documented).
    if (
      request.body !== undefined &&
      op.bodyContentTypes.length > 0 &&
      !op.bodyContentTypes.includes(mediaType(request))
    ) {
      throw new ApiError(400, 'unsupported_media_type');
    }
    if (op.bodySchema && request.body === undefined && !op.bodyRequired) request.body = {};
    if (op.bodySchema && isForm(request)) request.body = coerceStrings(request.body, op.bodySchema);
    if (op.querySchema) request.query = coerceStrings(request.query, op.querySchema);
    if (op.paramsSchema) request.params = coerceStrings(request.params, op.paramsSchema);
  });

  // A callback hook, not an async one: it runs on every response and needs no promise.
  app.addHook('onSend', (request, reply, payload, done) => {
    reply.header('X-Request-Id', request.id);
    if (request.url.startsWith('/v1/')) reply.header('Cache-Control', 'no-store');
    done(null, payload);
  });
}
