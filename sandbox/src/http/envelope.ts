import type { FastifyReply, FastifyRequest } from 'fastify';
import type { SandboxContext } from '../context.ts';
import type { KeyedAnswer, RenderedAnswer } from '../domain/idempotency.ts';
import { ApiError } from '../errors.ts';

/** The success envelope: {"code":"0000","message":"成功","data":…,"request_id":"req_…"}. */
export function ok(ctx: SandboxContext, request: FastifyRequest, data: unknown) {
  return { code: '0000', message: ctx.catalogue.title('0000', request.lang), data, request_id: request.id };
}

/** Renders a success envelope to the bytes an Idempotency-Key keeps. */
export function renderOk(ctx: SandboxContext, request: FastifyRequest) {
  return (data: unknown): RenderedAnswer => ({ status: 200, body: JSON.stringify(ok(ctx, request, data)) });
}

/**
 * Sends a keyed answer's exact bytes: a replay sends what the first request got, request_id and
 * all, marked by its header so the client can tell it from a new resource.
 */
export function sendKeyed(reply: FastifyReply, { answer, replayed }: KeyedAnswer) {
  if (replayed) reply.header('Idempotent-Replayed', 'true');
  return reply.code(answer.status).type('application/json; charset=utf-8').send(answer.body);
}

export function sendError(ctx: SandboxContext, request: FastifyRequest, reply: FastifyReply, err: ApiError) {
  for (const [name, value] of Object.entries(err.options.headers ?? {})) reply.header(name, value);
  return reply
    .code(err.status)
    .type('application/json; charset=utf-8')
    .send(ctx.catalogue.body(err, request.lang ?? 'zh', request.id));
}
