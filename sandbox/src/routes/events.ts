import type { FastifyInstance } from 'fastify';
import type { SandboxContext } from '../context.ts';
import { ok } from '../http/envelope.ts';
import type { Lifecycle } from '../http/hooks.ts';
import { operation } from '../http/operation.ts';
import { eventStream, streamStart } from '../services/event-stream.ts';
import { triggerEvent } from '../services/event-trigger.ts';
import { listEvents, resendEvent, rotateWebhookSecret } from '../services/webhooks.ts';

/** A comment line this often keeps proxies and clients from closing a quiet stream. */
const HEARTBEAT_MS = 15_000;

export function eventRoutes(app: FastifyInstance, ctx: SandboxContext, life: Lifecycle): void {
  operation(app, ctx, 'listEvents', async (request) =>
    ok(ctx, request, await listEvents(ctx, request.principal!, request.query)),
  );
  operation(app, ctx, 'resendEvent', async (request) =>
    ok(ctx, request, await resendEvent(ctx, request.principal!, request.params.event_id)),
  );
  operation(app, ctx, 'rotateWebhookSecret', async (request) =>
    ok(ctx, request, await rotateWebhookSecret(ctx, request.principal!)),
  );
  operation(app, ctx, 'triggerEvent', async (request) =>
    ok(ctx, request, await triggerEvent(ctx, request.principal!, request.body)),
  );

  operation(app, ctx, 'streamEvents', async (request, reply) => {
    const header = request.headers['last-event-id'];
    const lastId = (Array.isArray(header) ? header[0] : header) ?? request.query.last_event_id;
    // Checked before the stream opens, so a bad or unknown id is an ordinary error answer.
    const start = await streamStart(ctx, request.principal!, lastId);
    const stop = new AbortController();
    life.streams.add(stop);
    request.raw.once('close', () => stop.abort());
    reply.hijack();
    const res = reply.raw;
    // Headers the hooks set (request id, CORS) go out with the stream's own.
    for (const [name, value] of Object.entries(reply.getHeaders())) if (value !== undefined) res.setHeader(name, value);
    res.writeHead(200, {
      'content-type': 'text/event-stream; charset=utf-8',
      'cache-control': 'no-store',
      // nginx would otherwise hold events back to fill its buffer.
      'x-accel-buffering': 'no',
    });
    res.write(': connected\nretry: 2000\n\n');
    const heartbeat = setInterval(() => res.write(': ping\n\n'), HEARTBEAT_MS);
    try {
      for await (const item of eventStream(ctx, request.principal!, start, stop.signal)) {
        res.write(`id: ${item.id}\nevent: ${item.type}\ndata: ${JSON.stringify(item)}\n\n`);
      }
    } finally {
      clearInterval(heartbeat);
      life.streams.delete(stop);
      res.end();
    }
  });
}
