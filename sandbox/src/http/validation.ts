/**
 * Request validation from the contract's own schemas (Ajv, JSON Schema 2020-12 as OpenAPI 3.1
 * uses it), and the translation of its findings into the documented error envelope.
 * Type coercion is ours and strict: a form or query value becomes an integer only if it is
 * written as one, so "10.00" is never silently read as 10 fen.
 */
import Ajv2020, { type ErrorObject } from 'ajv/dist/2020.js';
import addFormats from 'ajv-formats';
import { fullFormats } from 'ajv-formats/dist/formats.js';
import type { JsonSchema } from '../../../contract/index.ts';
import { ApiError, type Detail } from '../errors.ts';

export function createAjv() {
  const ajv = new Ajv2020({ strict: false, allErrors: false, verbose: true, coerceTypes: false, useDefaults: true });
  addFormats(ajv);
  // A uri must also be one a browser and our own HTTP client can use: RFC 3986 syntax alone lets
  // through "https://[::1]:99999/", which no request can reach. (Only URL fields use format: uri.)
  const rfc3986 = fullFormats.uri as (s: string) => boolean;
  ajv.addFormat('uri', (s: string) => rfc3986(s) && URL.canParse(s));
  return ajv;
}

function typesOf(schema: JsonSchema | undefined): string[] {
  if (!schema) return [];
  if (Array.isArray(schema.type)) return schema.type;
  if (typeof schema.type === 'string') return [schema.type];
  const alternatives = schema.oneOf ?? schema.anyOf;
  return Array.isArray(alternatives) ? alternatives.flatMap(typesOf) : [];
}

function coerceScalar(value: string, types: string[]): unknown {
  if (types.includes('string')) return value;
  if (types.includes('integer') && /^-?\d{1,15}$/.test(value)) return Number(value);
  if (types.includes('number') && /^-?\d{1,15}(\.\d+)?$/.test(value)) return Number(value);
  if (types.includes('boolean') && (value === 'true' || value === 'false')) return value === 'true';
  return value;
}

/**
 * Turns the strings of a form body, query or path into the types the schema declares, where
 * they are written exactly as such; anything else is left for validation to reject.
 */
export function coerceStrings(input: unknown, schema: JsonSchema | undefined): unknown {
  if (!schema || !input || typeof input !== 'object' || Array.isArray(input)) return input;
  const props = schema.properties ?? {};
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(input as Record<string, unknown>)) {
    const sub = props[key];
    const types = typesOf(sub);
    if (types.includes('array')) {
      const items = Array.isArray(value) ? value : [value];
      const itemTypes = typesOf(sub?.items);
      out[key] = items.map((v) => (typeof v === 'string' ? coerceScalar(v, itemTypes) : v));
    } else if (Array.isArray(value)) {
      out[key] = value; // a repeated scalar field: validation says it is the wrong type
    } else {
      out[key] = typeof value === 'string' && sub ? coerceScalar(value, types) : value;
    }
  }
  return out;
}

/** Money fields written with a decimal point or exponent in raw JSON (JSON.parse hides 10.00). */
export function decimalMoneyInJson(raw: string, moneyFields: string[]): string[] {
  if (moneyFields.length === 0) return [];
  const re = new RegExp(`"(${moneyFields.join('|')})"\\s*:\\s*(-?\\d+(?:\\.\\d*)?(?:[eE][+-]?\\d+)?)`, 'g');
  const found: string[] = [];
  for (const m of raw.matchAll(re)) if (/[.eE]/.test(m[2]) && !found.includes(m[1])) found.push(m[1]);
  return found;
}

function isDecimalLike(value: unknown): boolean {
  if (typeof value === 'number') return !Number.isInteger(value);
  return typeof value === 'string' && /^\s*-?\d*\.\d+\s*$|^\s*-?\d+\.\d*\s*$/.test(value);
}

const TYPE_ZH: Record<string, string> = {
  string: '字符串',
  integer: '整数',
  number: '数字',
  boolean: '布尔值',
  object: '对象',
  array: '数组',
  null: 'null',
};

/** The params of Ajv's findings that the messages below read (each keyword has some of them). */
interface FindingParams {
  type?: string;
  allowedValues?: unknown[];
  allowedValue?: unknown;
  limit?: number;
  pattern?: string;
  format?: string;
  missingProperty?: string;
  additionalProperty?: string;
}

function describe(e: ErrorObject): Detail {
  const p: FindingParams = e.params;
  switch (e.keyword) {
    case 'type': {
      const t = String(p.type).split(',');
      return { zh: `应为${t.map((x) => TYPE_ZH[x] ?? x).join('或')}`, en: `expected ${t.join(' or ')}` };
    }
    case 'enum':
      return { zh: `只能是 ${p.allowedValues?.join(', ')}`, en: `must be one of ${p.allowedValues?.join(', ')}` };
    case 'const':
      return { zh: `只能是 ${p.allowedValue}`, en: `must be ${p.allowedValue}` };
    case 'minimum':
      return { zh: `不能小于 ${p.limit}`, en: `must be at least ${p.limit}` };
    case 'maximum':
      return { zh: `不能大于 ${p.limit}`, en: `must be at most ${p.limit}` };
    case 'minLength':
      return { zh: `长度不能少于 ${p.limit}`, en: `must be at least ${p.limit} characters` };
    case 'maxLength':
      return { zh: `长度不能超过 ${p.limit}`, en: `must be at most ${p.limit} characters` };
    case 'pattern':
      return { zh: `格式不对（应匹配 ${p.pattern}）`, en: `has the wrong format (must match ${p.pattern})` };
    case 'format':
      return { zh: `格式应为 ${p.format}`, en: `must be a valid ${p.format}` };
    case 'minItems':
      return { zh: `至少 ${p.limit} 项`, en: `needs at least ${p.limit} items` };
    case 'maxItems':
      return { zh: `最多 ${p.limit} 项`, en: `takes at most ${p.limit} items` };
    case 'uniqueItems':
      return { zh: '不能有重复项', en: 'must not repeat items' };
    case 'minProperties':
      return { zh: `至少提供 ${p.limit} 个字段`, en: `needs at least ${p.limit} fields` };
    case 'maxProperties':
      return { zh: `最多 ${p.limit} 个字段`, en: `takes at most ${p.limit} fields` };
    case 'anyOf': {
      const formats = ((e.schema ?? []) as JsonSchema[]).map((s) => s.format ?? s.type).join(' / ');
      return { zh: `格式应为 ${formats} 之一`, en: `must be one of: ${formats}` };
    }
    default:
      return { zh: '不符合要求', en: 'is not acceptable' };
  }
}

/**
 * The name of a missing field as the integrator must send it. A missing object whose schema at
 * that point requires fields of its own is named by the first of them: `extra.openid`, not
 * `extra`, since sending `extra` alone would only move the error inside it.
 */
function missingParam(e: ErrorObject, at: string[]): string {
  const name: string = (e.params as FindingParams).missingProperty ?? '';
  const inner = (e.parentSchema as JsonSchema | undefined)?.properties?.[name]?.required?.[0];
  return [...at, name, ...(inner ? [inner] : [])].join('.');
}

/**
 * The finding to report: the first, except when every alternative of an anyOf failed; then the
 * anyOf itself, whose message names all of them (an IPv6 address is not "not an ipv4").
 */
function finding(errors: ErrorObject[]): ErrorObject {
  const first = errors[0];
  const either = errors.find((e) => e.keyword === 'anyOf' && e.instancePath === first.instancePath);
  return either ?? first;
}

/** The first finding of the validator, as the error an integrator can act on. */
export function validationError(errors: ErrorObject[], context: string): ApiError {
  const e = finding(errors);
  const at = e.instancePath
    .split('/')
    .filter(Boolean)
    .map((s) => s.replace(/~1/g, '/').replace(/~0/g, '~'));
  const p: FindingParams = e.params;
  if (context === 'params') {
    // A path id that cannot exist is simply not found.
    return new ApiError(404, 'resource_not_found', { param: at[0] ?? 'id', detail: String(e.data ?? '') });
  }
  if (e.keyword === 'required') return new ApiError(400, 'missing_field', { param: missingParam(e, at) });
  if (e.keyword === 'additionalProperties') {
    return new ApiError(400, 'unknown_field', { param: [...at, p.additionalProperty].join('.') });
  }
  if (at.length === 0) {
    return new ApiError(400, 'malformed_body', {
      detail: { zh: '请求体必须是 JSON 对象或表单', en: 'the body must be a JSON object or a form' },
    });
  }
  const param = at.join('.');
  const schema: JsonSchema | undefined = e.parentSchema; // there because the validator is verbose (createAjv)
  if (e.keyword === 'type' && schema?.['x-unit'] === 'fen' && isDecimalLike(e.data)) {
    return new ApiError(400, 'amount_not_integer', { param });
  }
  // A schema may name the sub_code its failures mean (HttpUrl: invalid_url), more useful than invalid_value.
  const own = schema?.['x-sub-code'];
  if (typeof own === 'string' && e.keyword !== 'type') return new ApiError(400, own, { param, detail: describe(e) });
  return new ApiError(400, e.keyword === 'type' ? 'invalid_type' : 'invalid_value', { param, detail: describe(e) });
}
