/**
 * The shape of one HTTP request as the docs and the console describe it, independent of any
 * language: what the snippet generators turn into curl, PHP, Java and Android code.
 * React-free and Node-free, so the same code runs at build time and in the browser.
 */

/** A value written into a sample: a literal, or read from an environment variable. */
export type SampleValue = string | { env: string };

export type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

export interface RequestSpec {
  method: 'GET' | 'POST' | 'PATCH' | 'DELETE' | 'PUT';
  /** Absolute URL without the query string. */
  url: string;
  query?: [string, string][];
  headers?: [string, SampleValue][];
  /** Sent as `Authorization: Bearer …` */
  bearer?: SampleValue;
  body?: { kind: 'json'; value: Json } | { kind: 'form'; fields: [string, SampleValue][] };
}

export function fullUrl(spec: RequestSpec): string {
  if (!spec.query?.length) return spec.url;
  return `${spec.url}?${spec.query.map(([k, v]) => `${encodeURIComponent(k)}=${encodeURIComponent(v)}`).join('&')}`;
}

export function isEnv(v: SampleValue): v is { env: string } {
  return typeof v === 'object' && v !== null && 'env' in v;
}
