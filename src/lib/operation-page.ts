/**
 * From the contract to what an API page shows: the request line, parameter rows with their
 * constraints in both languages, examples, the errors it can answer and the four code samples.
 * Runs at build time (the contract plugin) and is unit-tested; pages never read YAML themselves.
 */
import type { Json, RequestSpec, SampleValue } from './http-request';
import { sampleFromSchema } from './sample';
import { allSnippets, type SnippetLanguage } from './snippets';

export type L = { zh: string; en: string };

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
  params: ParamRow[];
  requestExample: Json | null;
  responseExample: Json | null;
  /** Statuses this operation declares, 2xx first; the error table has a row (#error-CODE) for each error. */
  responses: { status: string; description: string }[];
  /** Absent for operations marked x-samples: false (pages for a browser, not calls from code). */
  snippets?: Record<SnippetLanguage, string>;
  /** The request the samples make, for the console to start from. */
  request: RequestSpec;
}

type Schema = Record<string, any>;

const text = (o: Schema | undefined, key: 'description' | 'summary'): L => ({
  zh: o?.[key] ?? '',
  en: o?.[`x-${key}-en`] ?? o?.[key] ?? '',
});

export function typeLabel(s: Schema | undefined): string {
  if (!s) return 'any';
  if (s.oneOf || s.anyOf) {
    return (
      (s.oneOf ?? s.anyOf)
        .map(typeLabel)
        .filter((t: string) => t !== 'null')
        .join(' | ') + ((s.oneOf ?? s.anyOf).some((x: Schema) => x.type === 'null') ? ' | null' : '')
    );
  }
  const types: string[] = Array.isArray(s.type) ? s.type : [s.type ?? (s.properties ? 'object' : 'any')];
  return types
    .map((t) => {
      if (t === 'array') return `${typeLabel(s.items)}[]`;
      if (t === 'object' && s.additionalProperties && !s.properties)
        return `object<string, ${typeLabel(s.additionalProperties)}>`;
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
  const types: string[] = Array.isArray(s?.type) ? s!.type : s?.type ? [s.type] : [];
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

function paramRows(params: Schema[], body: Schema | undefined): ParamRow[] {
  const rows: ParamRow[] = params.map((p) => ({
    in: p.in,
    name: p.name,
    type: typeLabel(p.schema),
    required: Boolean(p.required),
    description: text(p, 'description'),
    constraints: constraintsOf(p.schema),
    ...formFacts(p.schema, p.example),
  }));
  const required = new Set<string>(body?.required ?? []);
  for (const [name, s] of Object.entries<Schema>(body?.properties ?? {})) {
    rows.push({
      in: 'body',
      name,
      type: typeLabel(s),
      required: required.has(name),
      description: text(s, 'description'),
      constraints: constraintsOf(s),
      ...formFacts(s, undefined),
    });
  }
  // Required first, in the contract's order otherwise.
  return rows.sort((a, b) => Number(b.required) - Number(a.required));
}

function exampleOf(p: Schema): string | undefined {
  const v = p.example ?? p.schema?.examples?.[0];
  return v === undefined ? undefined : String(v);
}

/** The request the samples make: path ids from examples, query and headers that have examples. */
export function sampleRequest(
  path: string,
  method: string,
  params: Schema[],
  body: { media: string; schema: Schema; example: Json } | undefined,
  authorized: boolean,
  baseUrl: string,
): RequestSpec {
  let url = baseUrl.replace(/\/$/, '') + path;
  for (const p of params.filter((x) => x.in === 'path'))
    url = url.replace(`{${p.name}}`, encodeURIComponent(exampleOf(p) ?? p.name));
  const query = params
    .filter((p) => p.in === 'query' && (p.required || p.example !== undefined))
    .map((p): [string, string] => [p.name, exampleOf(p) ?? '']);
  const headers = params
    .filter((p) => p.in === 'header' && p.example !== undefined)
    .map((p): [string, SampleValue] => [p.name, String(p.example)]);
  const spec: RequestSpec = { method: method as RequestSpec['method'], url, query, headers };
  if (authorized) spec.bearer = { env: 'JUYIFU_TOKEN' };
  if (body && body.example && typeof body.example === 'object' && !Array.isArray(body.example)) {
    const props: Record<string, Schema> = body.schema.properties ?? {};
    if (body.media === 'application/x-www-form-urlencoded') {
      spec.body = {
        kind: 'form',
        fields: Object.entries(body.example).map(([k, v]): [string, SampleValue] => [
          k,
          props[k]?.['x-sample-env'] ? { env: props[k]['x-sample-env'] } : String(v),
        ]),
      };
    } else {
      spec.body = { kind: 'json', value: body.example };
    }
  }
  return spec;
}

export function pageOperation(doc: Schema, path: string, method: string, baseUrl: string): PageOperation {
  const item = doc.paths[path];
  const op = item[method.toLowerCase()];
  const params: Schema[] = [...(item.parameters ?? []), ...(op.parameters ?? [])];
  const content: Record<string, Schema> = op.requestBody?.content ?? {};
  const media = Object.keys(content)[0];
  const bodySchema = media ? content[media].schema : undefined;
  const example = media ? Object.values(content).find((c) => c.example !== undefined)?.example : undefined;
  const exampleMedia = media
    ? (Object.keys(content).find((k) => content[k].example !== undefined) ?? media)
    : undefined;
  const security = op.security ?? doc.security ?? [];
  const scopes = security.length === 0 ? null : security.flatMap((s: Schema) => Object.values<string[]>(s).flat());
  const ok = Object.entries<Schema>(op.responses ?? {}).find(([status]) => status.startsWith('2'));
  const request = sampleRequest(
    path,
    method,
    params,
    exampleMedia ? { media: exampleMedia, schema: bodySchema!, example } : undefined,
    scopes !== null,
    baseUrl,
  );
  const summary = text(op, 'summary');
  return {
    id: op.operationId,
    method: method.toUpperCase(),
    path,
    summary,
    description: text(op, 'description'),
    deprecated: Boolean(op.deprecated),
    scopes,
    bodyContentTypes: Object.keys(content),
    params: paramRows(params, bodySchema),
    requestExample: example ?? null,
    responseExample: ok?.[1].content?.['application/json']
      ? sampleFromSchema(ok[1].content['application/json'].schema)
      : null,
    responses: Object.entries<Schema>(op.responses ?? {}).map(([status, r]) => ({
      status,
      description: r.description ?? '',
    })),
    ...(op['x-samples'] === false
      ? {}
      : {
          snippets: allSnippets(
            request,
            op.operationId,
            summary.en && summary.en !== summary.zh ? `${summary.zh} / ${summary.en}` : summary.zh,
          ),
        }),
    request,
  };
}
