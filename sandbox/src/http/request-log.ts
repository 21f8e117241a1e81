/**
 * Feeds the request log: for each request made with an app's credentials (a Bearer token of the
 * app, live or not, or a token request naming it) one entry, masked, built after the answer has
 * gone out. What the request carried is read here; the writer (services/request-log.ts) stores it.
 */
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { SandboxContext } from '../context.ts';
import { maskAuthorization, maskBody } from '../domain/masking.ts';
import { hashSecret } from '../domain/secrets.ts';
import type { RequestLogWriter } from '../services/request-log.ts';

/** How much of an answer is kept: a bill's CSV or a long list is cut there. */
const BODY_LIMIT = 16 * 1024;
/** Cheap test for an answer that may hold a secret, before parsing it to mask. */
const MAY_HOLD_SECRET = /"(app_secret|access_token|webhook_secret|client_secret|secret_key|credentials)"/;

declare module 'fastify' {
  interface FastifyRequest {
    /** The app id a token request named (set by its route): that app's log gets the entry, refused or not. */
    namedAppId?: string;
    /** A JSON body that did not parse, as it came (the log shows what was sent). */
    rawBody?: string;
    startedAt: number;
    answered?: string;
  }
}

function requestPart(request: FastifyRequest): string {
  const headers: Record<string, string> = {};
  for (const [k, v] of Object.entries(request.headers)) {
    if (k === 'cookie' || v === undefined) continue;
    const value = Array.isArray(v) ? v.join(', ') : v;
    headers[k] = k === 'authorization' ? maskAuthorization(value) : value;
  }
  const body = request.rawBody ?? (request.body === undefined ? null : maskBody(request.body));
  return JSON.stringify({ headers, query: maskBody(request.query ?? {}), body });
}

function responsePart(reply: FastifyReply, answered: string | undefined) {
  const contentType = String(reply.getHeader('content-type') ?? '') || null;
  if (answered === undefined) return { response_content_type: contentType, response_body: null, response_truncated: 0 };
  let body = answered.length > BODY_LIMIT ? answered.slice(0, BODY_LIMIT) : answered;
  if (contentType?.includes('json') && MAY_HOLD_SECRET.test(body)) {
    try {
      body = JSON.stringify(maskBody(JSON.parse(body)));
    } catch {
      body = '(cut before its end; not shown, as it may hold a secret)';
    }
  }
  return {
    response_content_type: contentType,
    response_body: body,
    response_truncated: answered.length > BODY_LIMIT ? 1 : 0,
  };
}

/**
 * The 请求日志 page's own polling (GET /v1/sandbox/logs every 2 s, sent as the console) is not
 * kept: it would fill an app's 1,000 entries within the hour and evict the requests the reader
 * opened the page for. The same read from your own server is kept like any other request.
 */
function isPortalReadOfLog(request: FastifyRequest): boolean {
  return (
    request.method === 'GET' &&
    request.headers['x-juyifu-client'] === 'console' &&
    request.routeOptions.url === '/v1/sandbox/logs'
  );
}

function subCodeOf(status: number, answered: string | undefined): string | null {
  if (status < 400 || !answered) return null;
  return /"sub_code":"([a-z_]+)"/.exec(answered)?.[1] ?? null;
}

/** The app a request was made for: its principal, the app a token request named, or its token's app. */
async function appOf(ctx: SandboxContext, request: FastifyRequest): Promise<string | undefined> {
  if (request.principal) return request.principal.appId;
  if (request.namedAppId) return (await ctx.store.findApp(request.namedAppId))?.app_id;
  const m = /^Bearer\s+(\S+)$/i.exec(request.headers.authorization ?? '');
  // A revoked or expired token still names its app: "why was my server refused?" is in its log.
  return m ? (await ctx.store.findToken(hashSecret(m[1])))?.app_id : undefined;
}

export function registerRequestLog(app: FastifyInstance, ctx: SandboxContext, writer: RequestLogWriter): void {
  app.decorateRequest('startedAt', 0);
  app.addHook('onRequest', (request, _reply, done) => {
    request.startedAt = performance.now();
    done();
  });
  app.addHook('onSend', (request, _reply, payload, done) => {
    if (typeof payload === 'string') request.answered = payload;
    else if (Buffer.isBuffer(payload)) request.answered = payload.toString('utf8');
    done(null, payload);
  });
  app.addHook('onResponse', async (request, reply) => {
    if (request.method === 'OPTIONS' || isPortalReadOfLog(request)) return;
    const appId = await appOf(ctx, request).catch(() => undefined);
    if (!appId) return;
    writer.push({
      app_id: appId,
      request_id: request.id,
      at: ctx.now() - Math.round(performance.now() - request.startedAt),
      method: request.method,
      path: request.url.split('?')[0],
      status: reply.statusCode,
      sub_code: subCodeOf(reply.statusCode, request.answered),
      duration_ms: Math.round(performance.now() - request.startedAt),
      origin: request.headers['x-juyifu-client'] === 'console' ? 'console' : 'api',
      request: requestPart(request),
      ...responsePart(reply, request.answered),
    });
  });
}
