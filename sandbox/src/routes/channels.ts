import type { FastifyInstance } from 'fastify';
import type { SandboxContext } from '../context.ts';
import { ok } from '../http/envelope.ts';
import { operation } from '../http/operation.ts';
import {
  createChannel,
  deleteChannel,
  getChannel,
  listChannels,
  previewRouting,
  updateChannel,
} from '../services/channels.ts';

export function channelRoutes(app: FastifyInstance, ctx: SandboxContext): void {
  operation(app, ctx, 'createChannel', async (request) =>
    ok(ctx, request, await createChannel(ctx, request.principal!, request.body)),
  );
  operation(app, ctx, 'listChannels', async (request) =>
    ok(ctx, request, await listChannels(ctx, request.principal!, request.query)),
  );
  operation(app, ctx, 'getChannel', async (request) =>
    ok(ctx, request, await getChannel(ctx, request.principal!, request.params.channel_id)),
  );
  operation(app, ctx, 'updateChannel', async (request) =>
    ok(ctx, request, await updateChannel(ctx, request.principal!, request.params.channel_id, request.body)),
  );
  operation(app, ctx, 'deleteChannel', async (request) =>
    ok(ctx, request, await deleteChannel(ctx, request.principal!, request.params.channel_id)),
  );
  operation(app, ctx, 'previewRouting', async (request) =>
    ok(ctx, request, await previewRouting(ctx, request.principal!, request.query)),
  );
}
