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
  /** What the try-it console offers beyond the form (`x-console`); absent for most operations. */
  console?: ConsoleBehaviour;
}

/** The parts of the reader's stored sandbox key a console field can be filled with. */
const KEY_PARTS = ['app_id', 'app_secret', 'source_id', 'webhook_secret'] as const;

export type ConsolePrefill =
  /** The absolute URL of a page of the site, e.g. where the cashier sends the payer back to. */
  | { field: string; page: string }
  /** A part of the reader's stored sandbox key. */
  | { field: string; key: (typeof KEY_PARTS)[number] };

/** An answer value and the text it must have: `{ 'data.status': 'paid' }`. */
export type AnswerCondition = Record<string, string>;

/** A call to another operation, its path filled from values of the answer. */
export interface ConsoleCall {
  operationId: string;
  method: string;
  /** The called operation's path template; `params` fill it from the answer. */
  path: string;
  authorized: boolean;
  params: Record<string, string>;
}

/**
 * An action offered after a 0000 answer. `data.…` values name a value of that answer; `when`
 * offers it only while the latest answer about the same thing has those values (a refund for a
 * paid order).
 */
export type ConsoleFollowUp = { label: Localized; when?: AnswerCondition } & (
  | { kind: 'open'; href: string }
  | { kind: 'page'; page: string; query: Record<string, string> }
  | (ConsoleCall & {
      kind: 'call';
      /** Literal JSON body fields. */
      body: Record<string, string>;
    })
);

export interface ConsoleBehaviour {
  /** Buttons that fill a body field with each entry of a test-data catalogue. */
  presets: { field: string; catalogue: (typeof PRESET_CATALOGUES)[number] }[];
  /** Body fields filled when the console starts (a value in the page's URL still wins). */
  prefill: ConsolePrefill[];
  /** A 0000 answer is an access token for the request's app_id, to reuse for the other calls. */
  storesToken: boolean;
  followUps: ConsoleFollowUp[];
  /**
   * After a 0000 answer that meets `while`, call this operation again and again (a bounded number
   * of times) until its answer no longer does: a pending refund watched until it ends.
   */
  poll?: ConsoleCall & { while: AnswerCondition };
}

/** The test-data catalogues whose amounts a console field can be filled with. */
const PRESET_CATALOGUES = ['magic_amounts', 'magic_refund_amounts'] as const;

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

type Fields = Record<string, unknown>;

/**
 * `x-console` as written, checked: a typo in the contract fails the build rather than leaving a
 * reader with a button that does nothing. Follow-up calls are resolved to the operation they call.
 */
function consoleBehaviour(operationId: string, raw: unknown, byId: Map<string, Operation>): ConsoleBehaviour {
  const fail = (what: string): never => {
    throw new Error(`${operationId}: x-console ${what}`);
  };
  const map = (v: unknown, what: string): Fields => {
    if (v === undefined) return {};
    return v && typeof v === 'object' && !Array.isArray(v) ? (v as Fields) : fail(`${what} must be a map`);
  };
  const texts = (v: unknown, what: string, answer = false): Record<string, string> => {
    const m = map(v, what);
    for (const [k, t] of Object.entries(m)) {
      if (typeof t !== 'string' || (answer && !ANSWER_VALUE.test(t))) fail(`${what}.${k}: ${String(t)}`);
    }
    return m as Record<string, string>;
  };
  /** `{ data.status: paid }`: answer values as keys, the text each must have. */
  const condition = (v: unknown, what: string): AnswerCondition => {
    const m = texts(v, what);
    for (const k of Object.keys(m)) if (!ANSWER_VALUE.test(k)) fail(`${what}.${k}`);
    return m;
  };
  const call = (f: Fields, what: string): ConsoleCall => {
    const target = typeof f.call === 'string' ? byId.get(f.call) : undefined;
    if (!target) return fail(`${what}: open, page or a known operation to call`);
    const { operationId, method, path } = target;
    return {
      operationId,
      method,
      path,
      authorized: target.scopes !== null,
      params: texts(f.params, `${what}.params`, true),
    };
  };
  const x = map(raw, '');
  for (const k of Object.keys(x))
    if (!['presets', 'prefill', 'stores_token', 'follow_ups', 'poll'].includes(k)) fail(k);

  const presets = Object.entries(texts(x.presets, 'presets')).map(([field, name]) => {
    const catalogue = PRESET_CATALOGUES.find((c) => c === name);
    return catalogue ? { field, catalogue } : fail(`presets.${field}`);
  });
  const prefill = Object.entries(map(x.prefill, 'prefill')).map(([field, v]): ConsolePrefill => {
    const from = map(v, `prefill.${field}`);
    if (typeof from.page === 'string') return { field, page: from.page };
    const part = KEY_PARTS.find((k) => k === from.key);
    return part ? { field, key: part } : fail(`prefill.${field}`);
  });
  const followUps = (Array.isArray(x.follow_ups) ? x.follow_ups : []).map((raw, i): ConsoleFollowUp => {
    const f = map(raw, `follow_ups[${i}]`);
    const l = texts(f.label, `follow_ups[${i}].label`);
    if (!l.zh || !l.en) fail(`follow_ups[${i}].label needs zh and en`);
    const head = {
      label: { zh: l.zh, en: l.en },
      ...(f.when === undefined ? {} : { when: condition(f.when, `follow_ups[${i}].when`) }),
    };
    if (typeof f.open === 'string' && ANSWER_VALUE.test(f.open)) return { ...head, kind: 'open', href: f.open };
    if (typeof f.page === 'string')
      return { ...head, kind: 'page', page: f.page, query: texts(f.query, `follow_ups[${i}].query`, true) };
    return { ...head, kind: 'call', ...call(f, `follow_ups[${i}]`), body: texts(f.body, `follow_ups[${i}].body`) };
  });
  const behaviour: ConsoleBehaviour = { presets, prefill, storesToken: x.stores_token === true, followUps };
  if (x.poll !== undefined) {
    const p = map(x.poll, 'poll');
    behaviour.poll = { ...call(p, 'poll'), while: condition(p.while, 'poll.while') };
    if (!Object.keys(behaviour.poll.while).length) fail('poll.while: the answer values that mean "not yet"');
  }
  return behaviour;
}

/** How `x-console` names a value of the answer: `data.order_id`. */
const ANSWER_VALUE = /^data(\.[A-Za-z_][A-Za-z0-9_]*)+$/;

export function buildOperations(doc: OpenApiDocument): Operation[] {
  const ops: Operation[] = [];
  const consoles: [Operation, unknown][] = [];
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
      if (op['x-console'] !== undefined) consoles.push([ops[ops.length - 1], op['x-console']]);
    }
  }
  // Second pass: a follow-up may call an operation declared further down.
  const byId = new Map(ops.map((o) => [o.operationId, o]));
  for (const [o, raw] of consoles) o.console = consoleBehaviour(o.operationId, raw, byId);
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
