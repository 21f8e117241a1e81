/**
 * A plausible value for a JSON Schema, for response examples on API pages: the schema's own
 * example, const, default or first enum value where it has one, else a value of its type.
 */
import type { JsonSchema as Schema } from '../../contract/index.ts';
import type { Json } from './http-request.ts';

const FORMATS: Record<string, string> = {
  'date-time': '2026-11-26T20:50:22+08:00',
  date: '2026-11-26',
  uri: 'https://merchant.example/notify',
};

export function sampleFromSchema(schema: Schema | undefined, depth = 0): Json {
  if (!schema || depth > 8) return null;
  // Examples, consts, defaults and enums in the contract are JSON values by construction.
  const given = schema.examples?.[0] ?? schema.example ?? schema.const ?? schema.default ?? schema.enum?.[0];
  if (given !== undefined) return given as Json;
  if (schema.allOf) {
    return schema.allOf.reduce(
      (acc: Record<string, Json>, part) => ({ ...acc, ...(sampleFromSchema(part, depth + 1) as object) }),
      {},
    );
  }
  const alternatives = schema.oneOf ?? schema.anyOf;
  if (alternatives) {
    const useful = alternatives.find((s) => s.type !== 'null') ?? alternatives[0];
    return sampleFromSchema(useful, depth + 1);
  }
  const types = Array.isArray(schema.type)
    ? schema.type
    : schema.type
      ? [schema.type]
      : schema.properties
        ? ['object']
        : [];
  const type = types.find((t) => t !== 'null') ?? types[0];
  switch (type) {
    case 'object': {
      const out: Record<string, Json> = {};
      for (const [k, sub] of Object.entries(schema.properties ?? {})) out[k] = sampleFromSchema(sub, depth + 1);
      if (!schema.properties && typeof schema.additionalProperties === 'object')
        out.key = sampleFromSchema(schema.additionalProperties, depth + 1);
      return out;
    }
    case 'array':
      return [sampleFromSchema(schema.items, depth + 1)];
    case 'integer':
    case 'number':
      return schema.minimum ?? 0;
    case 'boolean':
      return true;
    case 'string':
      return (schema.format && FORMATS[schema.format]) || 'string';
    case 'null':
      return null;
    default:
      return null;
  }
}
