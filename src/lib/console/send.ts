/**
 * Sends a RequestSpec from the browser and describes what came back, including the failures
 * that are the browser's own (network down, CORS refused, timeout): those are named, not blank.
 */
import { fullUrl, type RequestSpec } from '../http-request';

export interface Sent {
  kind: 'response';
  status: number;
  ms: number;
  bytes: number;
  headers: [string, string][];
  contentType: string;
  text: string;
  json: any | null;
}

export interface Failed {
  kind: 'network' | 'timeout';
  ms: number;
  message: string;
}

export function fetchInit(spec: RequestSpec, acceptLanguage?: string): RequestInit {
  const headers: Record<string, string> = {};
  // Messages in the page's language, whatever the browser's own preference.
  if (acceptLanguage) headers['Accept-Language'] = acceptLanguage;
  for (const [k, v] of spec.headers ?? []) headers[k] = String(v);
  if (spec.bearer) headers.Authorization = `Bearer ${String(spec.bearer)}`;
  let body: string | undefined;
  if (spec.body?.kind === 'json') {
    headers['Content-Type'] = 'application/json';
    body = JSON.stringify(spec.body.value);
  } else if (spec.body?.kind === 'form') {
    headers['Content-Type'] = 'application/x-www-form-urlencoded';
    body = new URLSearchParams(spec.body.fields.map(([k, v]) => [k, String(v)])).toString();
  }
  return { method: spec.method, headers, body };
}

export async function send(
  spec: RequestSpec,
  acceptLanguage?: string,
  timeoutMs = 15_000,
  fetchImpl: typeof fetch = fetch,
): Promise<Sent | Failed> {
  const controller = new AbortController();
  const timer = setTimeout(() => controller.abort(), timeoutMs);
  const started = performance.now();
  try {
    const res = await fetchImpl(fullUrl(spec), {
      ...fetchInit(spec, acceptLanguage),
      signal: controller.signal,
      mode: 'cors',
    });
    const buf = await res.arrayBuffer();
    const text = new TextDecoder('utf-8', { ignoreBOM: true }).decode(buf);
    const contentType = res.headers.get('content-type') ?? '';
    let json: any = null;
    if (contentType.includes('json')) {
      try {
        json = JSON.parse(text);
      } catch {
        json = null;
      }
    }
    const headers: [string, string][] = [];
    res.headers.forEach((v, k) => headers.push([k, v]));
    return {
      kind: 'response',
      status: res.status,
      ms: Math.round(performance.now() - started),
      bytes: buf.byteLength,
      headers,
      contentType,
      text,
      json,
    };
  } catch (e) {
    const ms = Math.round(performance.now() - started);
    if ((e as Error).name === 'AbortError') return { kind: 'timeout', ms, message: `no answer in ${timeoutMs} ms` };
    // fetch gives a bare TypeError for an unreachable host and for a CORS refusal alike.
    return { kind: 'network', ms, message: (e as Error).message };
  } finally {
    clearTimeout(timer);
  }
}
