/**
 * From the contract to what an API page shows: the request line, parameter rows with their
 * constraints in both languages, examples, the errors it can answer and the four code samples.
 * Runs at build time (the contract plugin) and is unit-tested; pages never read YAML themselves.
 */
import type { ConsoleBehaviour, JsonSchema, Localized, Operation, Parameter } from '../../contract/index.ts';
import { localized } from '../../contract/operations.ts';
import type { Json, RequestSpec, SampleValue } from './http-request.ts';
import { sampleFromSchema } from './sample.ts';
import { allSnippets, type SnippetLanguage } from './snippets.ts';

export type L = Localized;

export interface ParamRow {
  in: 'path' | 'query' | 'header' | 'body';
  name: string;
  type: string;
  required: boolean;
  description: L;
  constraints: L[];
  /** What the console's form needs: the JSON type, allowed values, a sample value. */
  kind: 'string' | 'integer' | 'number' | 'boolean' | 'array' | 'object';
  enum?: string[];
  example?: string;
}

export interface PageOperation {
  id: string;
  method: string;
  path: string;
  summary: L;
  description: L;
  deprecated: boolean;
  scopes: string[] | null;
  bodyContentTypes: string[];
  /** Media types the operation answers in (what the console's Accept picker offers). */
  produces: string[];
  params: ParamRow[];
  requestExample: Json | null;
  responseExample: Json | null;
  /** Statuses this operation declares, 2xx first; the error table has a row (#error-CODE) for each error. */
  responses: { status: string; description: string }[];
  /** Absent for operations marked x-samples: false (pages for a browser, not calls from code). */
  snippets?: Record<SnippetLanguage, string>;
  /** The request the samples make, for the console to start from. */
  request: RequestSpec;
  /** The console's helpers for this operation, from its `x-console`. */
  console?: ConsoleBehaviour;
}

type Schema = JsonSchema;

export function typeLabel(s: Schema | undefined): string {
  if (!s) return 'any';
  const alternatives = s.oneOf ?? s.anyOf;
  if (alternatives) {
    const nullable = alternatives.some((x) => x.type === 'null');
    const named = alternatives.map(typeLabel).filter((t) => t !== 'null');
    return named.join(' | ') + (nullable ? ' | null' : '');
  }
  const types = Array.isArray(s.type) ? s.type : [s.type ?? (s.properties ? 'object' : 'any')];
  return types
    .map((t) => {
      if (t === 'array') return `${typeLabel(s.items)}[]`;
      if (t === 'object' && s.additionalProperties && !s.properties) {
        return `object<string, ${typeof s.additionalProperties === 'object' ? typeLabel(s.additionalProperties) : 'any'}>`;
      }
      if (t === 'string' && s.format) return `string (${s.format})`;
      return t;
    })
    .join(' | ');
}

export function constraintsOf(s: Schema | undefined): L[] {
  if (!s) return [];
  const out: L[] = [];
  const items = s.type === 'array' ? (s.items ?? {}) : undefined;
  const enumValues = s.enum ?? items?.enum;
  if (s['x-unit'] === 'fen')
    out.push({ zh: '单位：分（1000 = ¥10.00），必须是整数', en: 'in fen (1000 = ¥10.00), a whole number' });
  if (enumValues) out.push({ zh: `可选值：${enumValues.join(' | ')}`, en: `one of: ${enumValues.join(' | ')}` });
  if (s.const !== undefined) out.push({ zh: `固定为 ${s.const}`, en: `always ${s.const}` });
  if (s.minLength !== undefined && s.maxLength !== undefined)
    out.push({ zh: `长度 ${s.minLength}–${s.maxLength}`, en: `${s.minLength}–${s.maxLength} characters` });
  else if (s.maxLength !== undefined) out.push({ zh: `最长 ${s.maxLength}`, en: `at most ${s.maxLength} characters` });
  if (s.minimum !== undefined && s.maximum !== undefined)
    out.push({ zh: `范围 ${s.minimum}–${s.maximum}`, en: `from ${s.minimum} to ${s.maximum}` });
  else if (s.minimum !== undefined) out.push({ zh: `≥ ${s.minimum}`, en: `≥ ${s.minimum}` });
  if (s.pattern) out.push({ zh: `格式 ${s.pattern}`, en: `pattern ${s.pattern}` });
  if (s.minItems !== undefined) out.push({ zh: `至少 ${s.minItems} 项`, en: `at least ${s.minItems} items` });
  if (s.uniqueItems) out.push({ zh: '不可重复', en: 'no repeats' });
  if (s.default !== undefined)
    out.push({ zh: `默认 ${JSON.stringify(s.default)}`, en: `default ${JSON.stringify(s.default)}` });
  return out;
}

/** The JSON type a form field holds. */
export function kindOf(s: Schema | undefined): ParamRow['kind'] {
  const types = Array.isArray(s?.type) ? s.type : s?.type ? [s.type] : [];
  const t = types.find((x) => x !== 'null') ?? (s?.properties || s?.additionalProperties ? 'object' : 'string');
  return (['string', 'integer', 'number', 'boolean', 'array', 'object'].includes(t) ? t : 'string') as ParamRow['kind'];
}

function formFacts(s: Schema | undefined, example: unknown): Pick<ParamRow, 'kind' | 'enum' | 'example'> {
  const values = s?.enum ?? (s?.type === 'array' ? s.items?.enum : undefined);
  const sample = example ?? s?.examples?.[0];
  return {
    kind: kindOf(s),
    ...(values ? { enum: values.map(String) } : {}),
    ...(sample !== undefined ? { example: typeof sample === 'object' ? JSON.stringify(sample) : String(sample) } : {}),
  };
}

function paramRows(params: Parameter[], body: Schema | undefined): ParamRow[] {
  const rows: ParamRow[] = params.map((p) => ({
    in: p.in as ParamRow['in'],
    name: p.name,
    type: typeLabel(p.schema),
    required: Boolean(p.required),
    description: localized(p, 'description'),
    constraints: constraintsOf(p.schema),
    ...formFacts(p.schema, p.example),
  }));
  const required = new Set<string>(body?.required ?? []);
  for (const [name, s] of Object.entries(body?.properties ?? {})) {
    rows.push({
      in: 'body',
      name,
      type: typeLabel(s),
      required: required.has(name),
      description: localized(s, 'description'),
      constraints: constraintsOf(s),
      ...formFacts(s, undefined),
    });
  }
  // Required first, in the contract's order otherwise.
  return rows.sort((a, b) => Number(b.required) - Number(a.required));
}

function exampleOf(p: Parameter): string | undefined {
  const v = p.example ?? p.schema?.examples?.[0];
  return v === undefined ? undefined : String(v);
}

/** The request the samples make: path ids from examples, query and headers that have examples. */
export function sampleRequest(op: Operation, authorized: boolean, baseUrl: string): RequestSpec {
  const params = op.parameters;
  let url = baseUrl.replace(/\/$/, '') + op.path;
  for (const p of params.filter((x) => x.in === 'path'))
    url = url.replace(`{${p.name}}`, encodeURIComponent(exampleOf(p) ?? p.name));
  const query = params
    .filter((p) => p.in === 'query' && (p.required || p.example !== undefined))
    .map((p): [string, string] => [p.name, exampleOf(p) ?? '']);
  const headers = params
    .filter((p) => p.in === 'header' && p.example !== undefined)
    .map((p): [string, SampleValue] => [p.name, String(p.example)]);
  const spec: RequestSpec = { method: op.method as RequestSpec['method'], url, query, headers };
  if (authorized) spec.bearer = { env: 'JUYIFU_TOKEN' };
  const body = bodyExample(op);
  if (body && body.value && typeof body.value === 'object' && !Array.isArray(body.value)) {
    const props = op.bodySchema?.properties ?? {};
    if (body.media === 'application/x-www-form-urlencoded') {
      spec.body = {
        kind: 'form',
        fields: Object.entries(body.value).map(([k, v]): [string, SampleValue] => {
          const env = props[k]?.['x-sample-env'];
          return [k, env ? { env } : String(v)];
        }),
      };
    } else {
      spec.body = { kind: 'json', value: body.value };
    }
  }
  return spec;
}

/** The first request body example the contract gives, with its media type. */
function bodyExample(op: Operation): { media: string; value: Json } | undefined {
  const entry = Object.entries(op.requestContent).find(([, c]) => c.example !== undefined);
  return entry ? { media: entry[0], value: entry[1].example as Json } : undefined;
}

export function pageOperation(op: Operation, baseUrl: string): PageOperation {
  const request = sampleRequest(op, op.scopes !== null, baseUrl);
  const ok = Object.entries(op.responses).find(([status]) => status.startsWith('2'));
  const okSchema = ok?.[1]['application/json'];
  const { summary } = op;
  return {
    id: op.operationId,
    method: op.method,
    path: op.path,
    summary,
    description: op.description,
    deprecated: op.deprecated,
    scopes: op.scopes,
    bodyContentTypes: op.bodyContentTypes,
    produces: op.produces,
    params: paramRows(op.parameters, op.bodySchema),
    requestExample: bodyExample(op)?.value ?? null,
    responseExample: okSchema ? sampleFromSchema(okSchema) : null,
    responses: Object.entries(op.responseDescriptions).map(([status, description]) => ({ status, description })),
    ...(op.samples
      ? {
          snippets: allSnippets(
            request,
            op.operationId,
            summary.en && summary.en !== summary.zh ? `${summary.zh} / ${summary.en}` : summary.zh,
          ),
        }
      : {}),
    request,
    ...(op.console ? { console: op.console } : {}),
  };
}
