/**
 * Builds the sandbox as a Fastify app without listening, so tests can start it on any port.
 * Plugins and hooks first, then routes; one error handler turns everything into the envelope.
 */
import cors from '@fastify/cors';
import formbody from '@fastify/formbody';
import Fastify, { type FastifyInstance, type FastifyRequest } from 'fastify';
import secureJson from 'secure-json-parse';
import type { Config } from './config.ts';
import { buildContext, type SandboxContext } from './context.ts';
import { loadContract, type Contract, type Operation } from '../../contract/index.ts';
import { newId } from './domain/ids.ts';
import { ApiError, type Lang } from './errors.ts';
import { sendError } from './http/envelope.ts';
import { sendHtmlPage } from './http/html-page.ts';
import { registerHooks, type Lifecycle } from './http/hooks.ts';
import { registerRequestLog } from './http/request-log.ts';
import { toApiError } from './http/framework-errors.ts';
import { literalPaths, methodIndex } from './http/route-index.ts';
import { createAjv, decimalMoneyInJson } from './http/validation.ts';
import { authRoutes } from './routes/auth.ts';
import { billRoutes } from './routes/bills.ts';
import { cashierRoutes } from './routes/cashier.ts';
import { channelRoutes } from './routes/channels.ts';
import { eventRoutes } from './routes/events.ts';
import { logRoutes } from './routes/logs.ts';
import { paymentRoutes } from './routes/payments.ts';
import { refundRoutes } from './routes/refunds.ts';
import { systemRoutes } from './routes/system.ts';
import type { Principal } from './services/auth.ts';
import { RequestLogWriter } from './services/request-log.ts';
import { sweep } from './services/sweeper.ts';
import { WebhookDispatcher } from './services/webhooks.ts';
import { CachedStore } from './store/cached.ts';
import { PgStore } from './store/postgres.ts';
import { SqliteStore } from './store/sqlite.ts';
import type { Store } from './store/types.ts';
import { renderCashierError } from './views/cashier-page.ts';

declare module 'fastify' {
  interface FastifyRequest {
    lang: Lang;
    principal?: Principal;
    decimalMoney?: string[];
  }
  interface FastifyContextConfig {
    operation?: Operation;
  }
  interface FastifyInstance {
    sandbox: { ctx: SandboxContext; life: Lifecycle };
  }
}

export interface BuildOptions {
  config: Config;
  contract?: Contract;
  store?: Store;
  now?: () => number;
  /** Pino logger options, or false for none. */
  logger?: object | boolean;
  /** How often the sweeper applies due transitions (ms); 0 turns it off. */
  sweepIntervalMs?: number;
  /** How often the webhook dispatcher looks for due deliveries (ms). */
  webhookPollMs?: number;
}

const BODY_LIMIT = 64 * 1024;

/** PostgreSQL when a database URL is set (instances share it), else the SQLite file; cached in front. */
function defaultStore(config: Config): Store {
  const inner = config.databaseUrl
    ? new PgStore({ url: config.databaseUrl, poolSize: config.databasePoolSize })
    : new SqliteStore(config.dbFile);
  return new CachedStore(inner);
}

export function buildApp(options: BuildOptions): FastifyInstance {
  const contract = options.contract ?? loadContract();
  const store = options.store ?? defaultStore(options.config);
  const ctx = buildContext(options.config, contract, store, options.now);
  const life: Lifecycle = { draining: false, inFlight: 0, streams: new Set() };

  const app = Fastify({
    logger: options.logger ?? false,
    bodyLimit: BODY_LIMIT,
    genReqId: () => newId('req', 8),
    requestIdHeader: false,
    return503OnClosing: false,
    forceCloseConnections: 'idle',
    trustProxy: options.config.trustProxy.length ? options.config.trustProxy : false,
    // One logger for all requests instead of a child per request: only errors are logged, and
    // they carry the request id themselves (see the error handler).
    childLoggerFactory: (logger) => logger,
    routerOptions: { ignoreTrailingSlash: true, maxParamLength: 200 },
    // What the router itself rejects (an id longer than any real one, a broken %-escape) is a
    // path that names nothing: answered like any unknown path, in the envelope.
    frameworkErrors: (err, request, reply) => {
      reply.header('X-Request-Id', request.id);
      return sendError(
        ctx,
        request,
        reply,
        new ApiError(404, 'route_not_found', { detail: String(err.code ?? 'bad path') }),
      );
    },
  });
  app.decorate('sandbox', { ctx, life });
  app.decorateRequest('lang', 'zh');
  app.decorateRequest('principal', undefined);
  app.decorateRequest('decimalMoney', undefined);

  const ajv = createAjv();
  app.setValidatorCompiler(({ schema }) => ajv.compile(schema as object));

  // JSON with prototype-poisoning protection, and a look at the raw text for 10.00-style amounts.
  // Only JSON and forms are taken: Fastify's default text/plain parser would let a string through.
  app.removeContentTypeParser(['application/json', 'text/plain']);
  app.addContentTypeParser('application/json', { parseAs: 'string' }, (request: FastifyRequest, body, done) => {
    const text = body as string;
    if (text.trim() === '') return done(null, undefined);
    try {
      const parsed = secureJson.parse(text, undefined, { protoAction: 'remove', constructorAction: 'remove' });
      request.decimalMoney = decimalMoneyInJson(text, contract.moneyFields);
      done(null, parsed);
    } catch (e) {
      request.rawBody = text.slice(0, 2048); // the request log shows what could not be read
      done(new ApiError(400, 'malformed_json', { detail: (e as Error).message.slice(0, 120) }), undefined);
    }
  });
  app.register(formbody, { bodyLimit: BODY_LIMIT });
  app.register(cors, {
    origin: options.config.corsOrigins,
    methods: ['GET', 'HEAD', 'POST', 'PATCH', 'DELETE'],
    allowedHeaders: [
      'Authorization',
      'Content-Type',
      'Accept',
      'Accept-Language',
      'Idempotency-Key',
      'X-Sandbox-Simulate',
      'X-JuYiFu-Client',
    ],
    exposedHeaders: [
      'X-Request-Id',
      'Idempotent-Replayed',
      'Retry-After',
      'Deprecation',
      'Link',
      'WWW-Authenticate',
      'Allow',
    ],
    maxAge: 600,
  });

  const literal = literalPaths(contract.operations);
  app.addHook('onRequest', (request, _reply, done) => {
    const path = request.url.split('?')[0];
    const methods = literal.get(path.endsWith('/') ? path.slice(0, -1) : path);
    if (methods && request.method !== 'OPTIONS' && !methods.includes(request.method)) {
      return done(new ApiError(405, 'method_not_allowed', { detail: path, headers: { Allow: methods.join(', ') } }));
    }
    done();
  });
  registerHooks(app, ctx, life);
  const logWriter = new RequestLogWriter(ctx, (err) => app.log.warn({ err }, 'request log entries dropped'));
  if (options.config.requestLog) registerRequestLog(app, ctx, logWriter);

  app.setErrorHandler((err, request, reply) => {
    const apiError = toApiError(err);
    if (apiError.status === 500 && apiError.subCode === 'internal_error') {
      request.log.error({ err, reqId: request.id, route: request.routeOptions.url }, 'unexpected fault');
    }
    // Pages (the cashier) answer errors as pages; everything else in the JSON envelope.
    const op = request.routeOptions.config.operation;
    if (op && !op.produces.includes('application/json') && op.produces.includes('text/html')) {
      const kind = apiError.status === 404 ? 'not_found' : 'error';
      const detail = apiError.status === 404 ? '' : ctx.catalogue.body(apiError, request.lang, request.id).message;
      return sendHtmlPage(reply.code(apiError.status), (nonce) =>
        renderCashierError(request.lang, nonce, kind, detail),
      );
    }
    return sendError(ctx, request, reply, apiError);
  });

  const knownPath = methodIndex(contract.operations);
  app.setNotFoundHandler((request, reply) => {
    const path = request.url.split('?')[0];
    const hit = knownPath(path);
    if (hit) {
      const allow = [...hit[1].methods].join(', ');
      return sendError(
        ctx,
        request,
        reply,
        new ApiError(405, 'method_not_allowed', { detail: hit[0], headers: { Allow: allow } }),
      );
    }
    return sendError(ctx, request, reply, new ApiError(404, 'route_not_found', { detail: path.slice(0, 200) }));
  });

  app.register(async (scope) => {
    systemRoutes(scope, ctx);
    authRoutes(scope, ctx);
    paymentRoutes(scope, ctx);
    refundRoutes(scope, ctx);
    channelRoutes(scope, ctx);
    billRoutes(scope, ctx);
    eventRoutes(scope, ctx, life);
    logRoutes(scope, ctx);
    cashierRoutes(scope, ctx);
  });

  const sweepEvery = options.sweepIntervalMs ?? 1000;
  let sweeper: NodeJS.Timeout | undefined;
  const dispatcher = new WebhookDispatcher(ctx, 8, options.webhookPollMs ?? 500);
  ctx.eventQueued = () => dispatcher.kick();
  // One instance sweeps at a time: the sweeper runs while this process holds its lease, which
  // lapses three ticks after a holder stops renewing it (killed), and another instance takes over.
  // Each app built is its own lease holder (two built in one process are two instances).
  const instanceId = newId('inst', 12);
  const sweepOnce = async () => {
    if (await store.claimLease('sweeper', instanceId, Date.now(), 3 * sweepEvery)) await sweep(ctx);
  };
  app.addHook('onReady', async () => {
    await store.open();
    dispatcher.start();
    if (sweepEvery > 0) {
      sweeper = setInterval(() => {
        sweepOnce().catch((err) => app.log.error({ err }, 'sweeper failed'));
      }, sweepEvery);
      sweeper.unref();
    }
  });
  app.addHook('preClose', async () => {
    for (const s of life.streams) s.abort(); // a stream never ends by itself: close would wait forever
  });
  app.addHook('onClose', async () => {
    if (sweeper) clearInterval(sweeper);
    await dispatcher.stop();
    await logWriter.flush();
    await store.close();
  });
  return app;
}

/**
 * Stops taking work: new requests get 503 (draining) while those in flight finish, then the
 * server closes. Resolves when closed.
 */
export async function drainAndClose(app: FastifyInstance, graceMs = 10_000): Promise<void> {
  const { life } = app.sandbox;
  life.draining = true;
  // Streams end now: their clients reconnect with Last-Event-ID, through the load balancer, to an
  // instance that is not draining.
  for (const s of life.streams) s.abort();
  const until = Date.now() + graceMs;
  // The request asking for the drain (if any) is not counted here: signals come from outside.
  while (life.inFlight > 0 && Date.now() < until) await new Promise((r) => setTimeout(r, 20));
  // A client that never finishes its request must not keep the process alive past the grace.
  if (life.inFlight > 0) app.server.closeAllConnections();
  await app.close();
}
