/**
 * Loads the OpenAPI document and the catalogues beside it, and turns every operation into a
 * record the server (validation, scopes, content negotiation) and the tests can use.
 * This is the only reader of openapi/: nothing else parses the contract by hand.
 */
import { readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import YAML from 'yaml';

export type JsonSchema = Record<string, unknown>;
export type Localized = { zh: string; en: string };

export interface Operation {
  operationId: string;
  method: string;
  /** OpenAPI path template, e.g. /v1/payments/{order_id} */
  path: string;
  /** The same path in Fastify's syntax, e.g. /v1/payments/:order_id */
  routePath: string;
  /** Scopes the token needs; null when the operation takes no authorization. */
  scopes: string[] | null;
  deprecated: boolean;
  bodySchema?: JsonSchema;
  bodyRequired: boolean;
  bodyContentTypes: string[];
  querySchema?: JsonSchema;
  paramsSchema?: JsonSchema;
  /** Media types the successful response can take, for Accept negotiation. */
  produces: string[];
  /** status -> media type -> schema, for contract tests. */
  responses: Record<string, Record<string, JsonSchema | undefined>>;
}

export interface ErrorCode {
  code: string;
  http_status: number;
  title: Localized;
  when: Localized;
  fix: Localized;
  trigger: Localized;
  sub_codes: { sub_code: string; message: Localized }[];
}

export interface MagicAmount {
  amount: number;
  behavior: 'normal' | 'auto_pay' | 'auto_fail' | 'decline' | 'no_channel';
  delay_seconds?: number;
  failure_code?: string;
  title: Localized;
  description: Localized;
}

export interface SeedChannel {
  provider: string;
  pay_ways: string[];
  priority: number;
  weight: number;
  fee_rate_bps: number;
  min_amount: number;
  max_amount: number;
}

export interface TestData {
  magic_amounts: MagicAmount[];
  failure_codes: { code: string; zh: string; en: string }[];
  seeded_channels: SeedChannel[];
}

export interface Contract {
  document: Record<string, any>;
  operations: Operation[];
  byId: Map<string, Operation>;
  errors: ErrorCode[];
  testData: TestData;
  /** Request fields that carry money in fen (marked x-unit: fen). */
  moneyFields: string[];
}

export const contractDir = resolve(dirname(fileURLToPath(import.meta.url)), '../../openapi');

const METHODS = ['get', 'put', 'post', 'delete', 'patch', 'head', 'options'] as const;

/**
 * Replaces local `$ref`s by what they point to, keeping sibling keys (OpenAPI 3.1 allows
 * `description` beside `$ref`, and the docs need it; generic dereferencers drop it).
 */
export function resolveLocalRefs(doc: unknown, node: unknown = doc, seen: string[] = []): any {
  if (Array.isArray(node)) return node.map((n) => resolveLocalRefs(doc, n, seen));
  if (!node || typeof node !== 'object') return node;
  const obj = node as Record<string, unknown>;
  if (typeof obj.$ref === 'string' && obj.$ref.startsWith('#/')) {
    const ref = obj.$ref;
    if (seen.includes(ref)) throw new Error(`circular $ref ${ref}`);
    const target = ref
      .slice(2)
      .split('/')
      .map((p) => p.replace(/~1/g, '/').replace(/~0/g, '~'))
      .reduce<any>((at, key) => (at == null ? undefined : at[key]), doc);
    if (target === undefined) throw new Error(`unresolved $ref ${ref}`);
    const { $ref: _ignored, ...siblings } = obj;
    return { ...resolveLocalRefs(doc, target, [...seen, ref]), ...resolveLocalRefs(doc, siblings, seen) };
  }
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(obj)) out[k] = resolveLocalRefs(doc, v, seen);
  return out;
}

function objectSchemaFromParameters(params: any[], location: string): JsonSchema | undefined {
  const own = params.filter((p) => p.in === location);
  if (own.length === 0) return undefined;
  return {
    type: 'object',
    additionalProperties: location === 'path',
    properties: Object.fromEntries(own.map((p) => [p.name, p.schema ?? {}])),
    required: own.filter((p) => p.required).map((p) => p.name),
  };
}

function collectMoneyFields(schema: unknown, into: Set<string>): void {
  if (!schema || typeof schema !== 'object') return;
  const props = (schema as any).properties as Record<string, any> | undefined;
  if (props) {
    for (const [name, sub] of Object.entries(props)) if (sub?.['x-unit'] === 'fen') into.add(name);
  }
}

export function buildOperations(resolved: Record<string, any>): Operation[] {
  const ops: Operation[] = [];
  const globalSecurity = resolved.security ?? [];
  for (const [path, item] of Object.entries<any>(resolved.paths ?? {})) {
    for (const method of METHODS) {
      const op = item[method];
      if (!op) continue;
      const params = [...(item.parameters ?? []), ...(op.parameters ?? [])];
      const security: any[] = op.security ?? globalSecurity;
      const content = op.requestBody?.content ?? {};
      const bodyContentTypes = Object.keys(content);
      const bodySchema = bodyContentTypes.length ? content[bodyContentTypes[0]].schema : undefined;
      const responses: Operation['responses'] = {};
      const produces = new Set<string>();
      const anyMedia = new Set<string>();
      for (const [status, resp] of Object.entries<any>(op.responses ?? {})) {
        responses[status] = {};
        for (const [media, m] of Object.entries<any>(resp.content ?? {})) {
          responses[status][media] = m.schema;
          anyMedia.add(media);
          if (status.startsWith('2')) produces.add(media);
        }
      }
      // An operation whose success has no body (a redirect) still speaks the media type of its errors.
      if (produces.size === 0) anyMedia.forEach((media) => produces.add(media));
      ops.push({
        operationId: op.operationId,
        method: method.toUpperCase(),
        path,
        routePath: path.replace(/\{([^}]+)\}/g, ':$1'),
        scopes: security.length === 0 ? null : security.flatMap((s) => Object.values<string[]>(s).flat()),
        deprecated: Boolean(op.deprecated),
        bodySchema,
        bodyRequired: Boolean(op.requestBody?.required),
        bodyContentTypes,
        querySchema: objectSchemaFromParameters(params, 'query'),
        paramsSchema: objectSchemaFromParameters(params, 'path'),
        produces: produces.size ? [...produces] : ['application/json'],
        responses,
      });
    }
  }
  return ops;
}

export function loadContract(dir = contractDir): Contract {
  const read = (name: string) => YAML.parse(readFileSync(join(dir, name), 'utf8'));
  const document = read('openapi.yaml');
  const resolved = resolveLocalRefs(document);
  const operations = buildOperations(resolved);
  const money = new Set<string>();
  for (const op of operations) collectMoneyFields(op.bodySchema, money);
  return {
    document: resolved,
    operations,
    byId: new Map(operations.map((o) => [o.operationId, o])),
    errors: read(document['x-catalogues'].errors).codes,
    testData: read(document['x-catalogues'].test_data),
    moneyFields: [...money],
  };
}
