/**
 * The one way the site talks to the sandbox from the browser: the console's requests, the
 * tokens the console and the inbox use, the key page and the status line. It knows the base URL,
 * reads the API's JSON envelope (`code` "0000" is success) and hands every failure back as a
 * value, so no caller re-checks the envelope or catches fetch's exceptions.
 * React-free; fetch is passed in by tests.
 */
import { fullUrl, type Json, type RequestSpec } from './http-request.ts';

/** Every answer of the API that has a JSON body carries this envelope. */
export interface Envelope {
  code: string;
  sub_code?: string;
  message?: string;
  param?: string;
  request_id?: string;
  data?: Json;
}

export const SUCCESS = '0000';

/** An answer as the console shows it: all the browser lets a page see, whatever the status. */
export interface Exchange {
  kind: 'response';
  status: number;
  ms: number;
  bytes: number;
  headers: [string, string][];
  contentType: string;
  text: string;
  /** The parsed body when it is JSON. */
  json: Json | null;
}

/** The browser's own failures (network down, CORS refused, no answer in time): named, not blank. */
export interface Failure {
  kind: 'network' | 'timeout';
  ms: number;
  message: string;
}

export type SandboxError =
  /** The sandbox answered, with an error envelope or with something that is not an envelope. */
  | { kind: 'api'; status: number; code: string; sub_code: string; message: string }
  | { kind: 'network' | 'timeout'; message: string };

export type SandboxResult<T> = { ok: true; data: T; ms: number } | { ok: false; error: SandboxError };

export interface CallOptions {
  /** Messages in the page's language, whatever the browser's own preference. */
  acceptLanguage?: string;
  timeoutMs?: number;
  /** Aborts the call, e.g. when the component that asked is gone. */
  signal?: AbortSignal;
}

/** A call to the API by path; `data` of the success envelope is what comes back. */
interface ApiCall {
  method: RequestSpec['method'];
  path: string;
  bearer?: string;
  query?: [string, string][];
  body?: RequestSpec['body'];
}

export interface SandboxClient {
  readonly baseUrl: string;
  /** A request exactly as given, and the whole answer back (what the console shows). */
  exchange(spec: RequestSpec, options?: CallOptions): Promise<Exchange | Failure>;
  /** `T` is the operation's success data, e.g. `SuccessData<'getHealth'>` from the contract. */
  call<T>(call: ApiCall, options?: CallOptions): Promise<SandboxResult<T>>;
}

const DEFAULT_TIMEOUT_MS = 15_000;

/**
 * Marks every request the portal sends from the browser, so the request log can tell the
 * console's requests (origin `console`) from the reader's own server's. Added here, where fetch is
 * called, never to the RequestSpec: the code samples made from a spec must not carry it.
 */
export const CONSOLE_HEADER: [string, string] = ['X-JuYiFu-Client', 'console'];

export function fetchInit(spec: RequestSpec, acceptLanguage?: string): RequestInit {
  const headers: Record<string, string> = {};
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

function parseJson(text: string): Json | null {
  try {
    return JSON.parse(text) as Json;
  } catch {
    return null;
  }
}

/** The envelope of a JSON body, when it has one. */
export function envelopeOf(json: Json | null): Envelope | null {
  if (!json || typeof json !== 'object' || Array.isArray(json) || typeof json.code !== 'string') return null;
  const text = (name: string) => {
    const v = json[name];
    return typeof v === 'string' ? v : undefined;
  };
  return {
    code: json.code,
    sub_code: text('sub_code'),
    message: text('message'),
    param: text('param'),
    request_id: text('request_id'),
    data: json.data,
  };
}

/** A success envelope's data, or the answer as an error value. */
export function outcome<T>(answer: Exchange | Failure): SandboxResult<T> {
  if (answer.kind !== 'response') return { ok: false, error: { kind: answer.kind, message: answer.message } };
  const envelope = envelopeOf(answer.json);
  // `data` is the operation's success data: the sandbox answers by the contract `T` names.
  if (envelope?.code === SUCCESS) return { ok: true, data: envelope.data as T, ms: answer.ms };
  return {
    ok: false,
    error: {
      kind: 'api',
      status: answer.status,
      code: envelope?.code ?? String(answer.status),
      sub_code: envelope?.sub_code ?? '',
      message: envelope?.message ?? answer.text.slice(0, 200),
    },
  };
}

/** `400 amount_not_integer: …` for an answer, the browser's message for its own failures. */
export function errorText(error: SandboxError): string {
  return error.kind === 'api' ? `${error.code} ${error.sub_code}: ${error.message}` : error.message;
}

export function createSandboxClient(baseUrl: string, fetchImpl: typeof fetch = (...a) => fetch(...a)): SandboxClient {
  const root = baseUrl.replace(/\/$/, '');

  async function exchange(spec: RequestSpec, options: CallOptions = {}): Promise<Exchange | Failure> {
    const timeoutMs = options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
    const controller = new AbortController();
    const timer = setTimeout(() => controller.abort(), timeoutMs);
    const stop = () => controller.abort();
    options.signal?.addEventListener('abort', stop);
    const started = performance.now();
    try {
      const init = fetchInit(spec, options.acceptLanguage);
      const res = await fetchImpl(fullUrl(spec), {
        ...init,
        headers: { ...(init.headers as Record<string, string>), [CONSOLE_HEADER[0]]: CONSOLE_HEADER[1] },
        signal: controller.signal,
        mode: 'cors',
      });
      const buf = await res.arrayBuffer();
      const text = new TextDecoder('utf-8', { ignoreBOM: true }).decode(buf);
      const contentType = res.headers.get('content-type') ?? '';
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
        json: contentType.includes('json') ? parseJson(text) : null,
      };
    } catch (e) {
      const ms = Math.round(performance.now() - started);
      if ((e as Error).name === 'AbortError' && !options.signal?.aborted)
        return { kind: 'timeout', ms, message: `no answer in ${timeoutMs} ms` };
      // fetch gives a bare TypeError for an unreachable host and for a CORS refusal alike.
      return { kind: 'network', ms, message: (e as Error).message };
    } finally {
      clearTimeout(timer);
      options.signal?.removeEventListener('abort', stop);
    }
  }

  return {
    baseUrl: root,
    exchange,
    async call<T>(call: ApiCall, options?: CallOptions) {
      const { path, ...rest } = call;
      return outcome<T>(await exchange({ ...rest, url: root + path }, options));
    },
  };
}
