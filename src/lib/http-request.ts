/**
 * The shape of one HTTP request as the docs and the console describe it, independent of any
 * language: what the snippet generators turn into curl, PHP, Java and Android code.
 * React-free and Node-free, so the same code runs at build time and in the browser.
 */

/**
 * A value a copied program makes afresh each time it runs, in a variable it declares before the
 * request: run twice, the program makes two orders, never a replay of the first.
 */
export interface RunValue {
  /** The variable, in camelCase (`outTradeNo`); curl spells it OUT_TRADE_NO. */
  name: string;
  make: RunMake;
}

export type RunMake =
  /** The merchant's own order number: the time and a random part. */
  | { kind: 'order-number' }
  /** The merchant's own refund number, made the same way. */
  | { kind: 'refund-number' }
  /** A random value that never repeats: a UUID where the language has one. */
  | { kind: 'random' }
  /** Another value of the same run behind a prefix, e.g. `create-<order number>`. */
  | { kind: 'prefixed'; prefix: string; of: RunValue };

/** A value written into a sample: a literal, read from an environment variable, or made by each run. */
export type SampleValue = string | { env: string } | { run: RunValue };

export type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

export interface RequestSpec {
  method: 'GET' | 'POST' | 'PATCH' | 'DELETE' | 'PUT';
  /** Absolute URL without the query string. */
  url: string;
  query?: [string, string][];
  headers?: [string, SampleValue][];
  /** Sent as `Authorization: Bearer …` */
  bearer?: SampleValue;
  body?:
    | {
        kind: 'json';
        value: Json;
        /**
         * Top-level fields of `value` that a sample writes as a value of its own instead (an
         * order number each run makes). Such values are safe inside a JSON string as they are.
         */
        set?: [string, SampleValue][];
      }
    | { kind: 'form'; fields: [string, SampleValue][] };
}

export function fullUrl(spec: RequestSpec): string {
  if (!spec.query?.length) return spec.url;
  return `${spec.url}?${spec.query.map(([k, v]) => `${encodeURIComponent(k)}=${encodeURIComponent(v)}`).join('&')}`;
}

export function isEnv(v: SampleValue): v is { env: string } {
  return typeof v === 'object' && v !== null && 'env' in v;
}

export function isRun(v: SampleValue): v is { run: RunValue } {
  return typeof v === 'object' && v !== null && 'run' in v;
}

/** Every value of the spec's that a value of this run is made from, itself last. */
function withSources(v: RunValue): RunValue[] {
  return v.make.kind === 'prefixed' ? [...withSources(v.make.of), v] : [v];
}

/**
 * The run values a sample of this spec declares, each once and after the values it is made
 * from, in the order the request uses them.
 */
export function runValuesOf(spec: RequestSpec): RunValue[] {
  const used: SampleValue[] = [
    ...(spec.bearer ? [spec.bearer] : []),
    ...(spec.headers ?? []).map(([, v]) => v),
    ...(spec.body?.kind === 'json' ? (spec.body.set ?? []) : (spec.body?.fields ?? [])).map(([, v]) => v),
  ];
  const declared = new Map<string, RunValue>();
  for (const v of used.filter(isRun).flatMap((u) => withSources(u.run))) {
    if (!declared.has(v.name)) declared.set(v.name, v);
  }
  return [...declared.values()];
}
