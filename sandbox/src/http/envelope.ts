import type { FastifyReply, FastifyRequest } from 'fastify';
import type { SandboxContext } from '../context.ts';
import { ApiError } from '../errors.ts';

/** The success envelope: {"code":"0000","message":"成功","data":…,"request_id":"req_…"}. */
export function ok(ctx: SandboxContext, request: FastifyRequest, data: unknown) {
  return { code: '0000', message: ctx.catalogue.title('0000', request.lang), data, request_id: request.id };
}

export function sendError(ctx: SandboxContext, request: FastifyRequest, reply: FastifyReply, err: ApiError) {
  for (const [name, value] of Object.entries(err.options.headers ?? {})) reply.header(name, value);
  return reply
    .code(err.status)
    .type('application/json; charset=utf-8')
    .send(ctx.catalogue.body(err, request.lang ?? 'zh', request.id));
}
