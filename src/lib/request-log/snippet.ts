/**
 * "Copy as code": a logged request as a program in the reader's language, made by the same
 * generators as the samples on the API pages (snippets.ts). The log holds no secret, only masked
 * ones, and the code holds none either: the token is read from JUYIFU_TOKEN, as in every sample,
 * and any other field the log masked from an environment variable named after it. The order
 * number and Idempotency-Key are made afresh by each run (per-run.ts), so running the copy makes
 * a new request rather than replaying the logged one.
 */
import type { Json, RequestSpec, SampleValue } from '../http-request.ts';
import { allSnippets, type SnippetLanguage } from '../snippets.ts';
import { headerOf, isMasked, type LogEntry } from './entry.ts';

/** The headers of a request that change what the API does; the rest are the sender's own. */
const MEANINGFUL_HEADERS = ['Idempotency-Key', 'X-Sandbox-Simulate', 'Accept'];

/** The variable a copied program reads a masked field from: app_secret → JUYIFU_APP_SECRET. */
const envFor = (field: string): SampleValue => ({ env: `JUYIFU_${field.toUpperCase()}` });

function queryPairs(query: Record<string, unknown>): [string, string][] {
  return Object.entries(query).flatMap(([k, v]): [string, string][] =>
    (Array.isArray(v) ? v : [v]).filter((x) => x !== undefined && x !== null).map((x) => [k, String(x)]),
  );
}

const isObject = (v: unknown): v is Record<string, Json> => Boolean(v) && typeof v === 'object' && !Array.isArray(v);

/** The body as the generators take it; undefined for none, null when it cannot be written as code. */
function bodyOf(entry: LogEntry): RequestSpec['body'] | null | undefined {
  const { body } = entry.request;
  if (body === null || body === undefined) return undefined;
  const type = headerOf(entry, 'content-type') ?? '';
  if (type.includes('x-www-form-urlencoded') && isObject(body))
    return {
      kind: 'form',
      fields: Object.entries(body).map(([k, v]): [string, SampleValue] => [k, isMasked(v) ? envFor(k) : String(v)]),
    };
  // Text the sandbox could not parse is kept as sent; the generators write JSON values only.
  if (typeof body === 'string') return null;
  const masked = isObject(body) ? Object.keys(body).filter((k) => isMasked(body[k])) : [];
  return {
    kind: 'json',
    value: body as Json,
    ...(masked.length ? { set: masked.map((k): [string, SampleValue] => [k, envFor(k)]) } : {}),
  };
}

/** The logged request as a RequestSpec against `baseUrl`; null when its body cannot be written as code. */
export function entrySpec(entry: LogEntry, baseUrl: string): RequestSpec | null {
  const body = bodyOf(entry);
  if (body === null) return null;
  const headers = MEANINGFUL_HEADERS.flatMap((name): [string, SampleValue][] => {
    const value = headerOf(entry, name);
    // Every HTTP client sends some Accept; only a choice of media type (a bill as CSV) matters.
    if (!value || (name === 'Accept' && (value === '*/*' || value.startsWith('application/json')))) return [];
    return [[name, value]];
  });
  const spec: RequestSpec = {
    method: entry.method.toUpperCase() as RequestSpec['method'],
    url: baseUrl.replace(/\/$/, '') + entry.path,
    query: queryPairs(entry.request.query),
    headers,
  };
  if (/^bearer\s/i.test(headerOf(entry, 'authorization') ?? '')) spec.bearer = { env: 'JUYIFU_TOKEN' };
  if (body) spec.body = body;
  return spec;
}

/** The program for one language; null when the request cannot be written as code. */
export function entrySnippet(
  entry: LogEntry,
  baseUrl: string,
  language: SnippetLanguage,
  operation: { id: string; title: string } | null,
): string | null {
  const spec = entrySpec(entry, baseUrl);
  if (!spec) return null;
  const title = operation?.title ?? `${entry.method} ${entry.path}`;
  return allSnippets(spec, operation?.id ?? 'loggedRequest', title)[language];
}
