/**
 * Registers a route for an operation of the contract: method, path and schemas all come from
 * openapi/openapi.yaml, so a route cannot drift from what the docs say.
 */
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { SandboxContext } from '../context.ts';

/** Bodies, queries and params have passed the contract's schemas by the time a handler runs. */
export type ValidatedRequest = Omit<FastifyRequest, 'body' | 'query' | 'params'> & {
  body: any;
  query: any;
  params: any;
};
export type Handler = (request: ValidatedRequest, reply: FastifyReply) => Promise<unknown>;

export function operation(app: FastifyInstance, ctx: SandboxContext, operationId: string, handler: Handler): void {
  const op = ctx.contract.byId.get(operationId);
  if (!op) throw new Error(`operation ${operationId} is not in the contract`);
  app.route({
    method: op.method as any,
    url: op.routePath,
    schema: {
      ...(op.bodySchema ? { body: op.bodySchema } : {}),
      ...(op.querySchema ? { querystring: op.querySchema } : {}),
      ...(op.paramsSchema ? { params: op.paramsSchema } : {}),
    },
    config: { operation: op },
    handler,
  });
}
