/**
 * Every operation of the document as one flat record: what the sandbox registers and validates,
 * what a docs page shows, what the tests check answers against. Built once from the resolved
 * document; nobody else walks `paths`.
 */
import type { Localized } from './catalogues.ts';
import {
  HTTP_METHODS,
  type JsonSchema,
  type MediaType,
  type OpenApiDocument,
  type OperationObject,
  type Parameter,
} from './document.ts';

export interface Operation {
  operationId: string;
  /** Upper case: GET, POST, … */
  method: string;
  /** OpenAPI path template, e.g. /v1/payments/{order_id} */
  path: string;
  /** The same path in Fastify's syntax, e.g. /v1/payments/:order_id */
  routePath: string;
  tags: string[];
  summary: Localized;
  description: Localized;
  /** Scopes the token needs; null when the operation takes no authorization. */
  scopes: string[] | null;
  deprecated: boolean;
  /** Path-level and operation-level parameters, in that order. */
  parameters: Parameter[];
  /** Media type -> schema and example, in the contract's order (the first is the preferred one). */
  requestContent: Record<string, MediaType>;
  bodySchema?: JsonSchema;
  bodyRequired: boolean;
  bodyContentTypes: string[];
  querySchema?: JsonSchema;
  paramsSchema?: JsonSchema;
  /** Media types the operation answers in, for Accept negotiation (successes first). */
  produces: string[];
  /** status -> media type -> schema, for contract tests. */
  responses: Record<string, Record<string, JsonSchema | undefined>>;
  /** status -> the contract's description of it. */
  responseDescriptions: Record<string, string>;
  /** false for pages meant for a browser (no code samples). */
  samples: boolean;
}

/** A field's Chinese text and its `x-…-en` English twin (falling back to the Chinese). */
export function localized(node: object | undefined, key: 'summary' | 'description'): Localized {
  const o = (node ?? {}) as Record<string, string | undefined>;
  return { zh: o[key] ?? '', en: o[`x-${key}-en`] ?? o[key] ?? '' };
}

function objectSchemaFromParameters(params: Parameter[], location: Parameter['in']): JsonSchema | undefined {
  const own = params.filter((p) => p.in === location);
  if (own.length === 0) return undefined;
  return {
    type: 'object',
    additionalProperties: location === 'path',
    properties: Object.fromEntries(own.map((p) => [p.name, p.schema ?? {}])),
    required: own.filter((p) => p.required).map((p) => p.name),
  };
}

function mediaTypes(op: OperationObject): Pick<Operation, 'produces' | 'responses' | 'responseDescriptions'> {
  const responses: Operation['responses'] = {};
  const responseDescriptions: Record<string, string> = {};
  const produces = new Set<string>();
  const anyMedia = new Set<string>();
  for (const [status, resp] of Object.entries(op.responses ?? {})) {
    responses[status] = {};
    responseDescriptions[status] = resp.description ?? '';
    for (const [media, m] of Object.entries(resp.content ?? {})) {
      responses[status][media] = m.schema;
      anyMedia.add(media);
      if (status.startsWith('2')) produces.add(media);
    }
  }
  // An operation whose success has no body (a redirect) still speaks the media type of its errors.
  if (produces.size === 0) anyMedia.forEach((media) => produces.add(media));
  return { produces: produces.size ? [...produces] : ['application/json'], responses, responseDescriptions };
}

export function buildOperations(doc: OpenApiDocument): Operation[] {
  const ops: Operation[] = [];
  for (const [path, item] of Object.entries(doc.paths ?? {})) {
    for (const method of HTTP_METHODS) {
      const op = item[method];
      if (!op) continue;
      const parameters = [...(item.parameters ?? []), ...(op.parameters ?? [])];
      const security = op.security ?? doc.security ?? [];
      const requestContent = op.requestBody?.content ?? {};
      const bodyContentTypes = Object.keys(requestContent);
      ops.push({
        operationId: op.operationId,
        method: method.toUpperCase(),
        path,
        routePath: path.replace(/\{([^}]+)\}/g, ':$1'),
        tags: op.tags ?? [],
        summary: localized(op, 'summary'),
        description: localized(op, 'description'),
        scopes: security.length === 0 ? null : security.flatMap((s) => Object.values(s).flat()),
        deprecated: Boolean(op.deprecated),
        parameters,
        requestContent,
        bodySchema: bodyContentTypes.length ? requestContent[bodyContentTypes[0]].schema : undefined,
        bodyRequired: Boolean(op.requestBody?.required),
        bodyContentTypes,
        querySchema: objectSchemaFromParameters(parameters, 'query'),
        paramsSchema: objectSchemaFromParameters(parameters, 'path'),
        ...mediaTypes(op),
        samples: op['x-samples'] !== false,
      });
    }
  }
  return ops;
}

/** Request fields that carry money in fen (marked `x-unit: fen`) in any operation's body. */
export function moneyFields(operations: Operation[]): string[] {
  const names = new Set<string>();
  for (const op of operations) {
    for (const [name, sub] of Object.entries(op.bodySchema?.properties ?? {})) {
      if (sub?.['x-unit'] === 'fen') names.add(name);
    }
  }
  return [...names];
}
