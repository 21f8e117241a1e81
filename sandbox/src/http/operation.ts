/**
 * Registers a route for an operation of the contract: method, path and schemas all come from
 * openapi/openapi.yaml, so a route cannot drift from what the docs say.
 */
import type { FastifyInstance, FastifyReply, FastifyRequest, HTTPMethods } from 'fastify';
import type { OperationId, operations, PathParams, QueryParams } from '../../../contract/api.ts';
import type { SandboxContext } from '../context.ts';

/** The operation's request body, whichever media type it came as (they share one schema). */
type BodyOf<Id extends OperationId> =
  NonNullable<operations[Id]['requestBody']> extends { content: infer C } ? C[keyof C] : never;

/**
 * A request whose body, query and path have passed the operation's schemas (and strict
 * coercion), so they have the types openapi-typescript generates from the same schemas.
 */
export type ValidatedRequest<Id extends OperationId> = Omit<FastifyRequest, 'body' | 'query' | 'params'> & {
  body: BodyOf<Id>;
  query: QueryParams<Id>;
  params: PathParams<Id>;
};

type Handler<Id extends OperationId> = (request: ValidatedRequest<Id>, reply: FastifyReply) => Promise<unknown>;

export function operation<Id extends OperationId>(
  app: FastifyInstance,
  ctx: SandboxContext,
  operationId: Id,
  handler: Handler<Id>,
): void {
  const op = ctx.contract.byId.get(operationId);
  if (!op) throw new Error(`operation ${operationId} is not in the contract`);
  app.route({
    method: op.method as HTTPMethods,
    url: op.routePath,
    schema: {
      ...(op.bodySchema ? { body: op.bodySchema } : {}),
      ...(op.querySchema ? { querystring: op.querySchema } : {}),
      ...(op.paramsSchema ? { params: op.paramsSchema } : {}),
    },
    config: { operation: op },
    // The one place the validated request gets its types: Fastify runs the schemas above first.
    handler: (request, reply) => handler(request as ValidatedRequest<Id>, reply),
  });
}
