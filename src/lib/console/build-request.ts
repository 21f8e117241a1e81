/**
 * What the console's form turns into: a RequestSpec with literal values (the snippet of exactly
 * what is sent), built from the operation and the reader's inputs. Values are sent as typed:
 * an amount of "10.00" goes out as 10.00 so the reader sees the sandbox's answer to it.
 */
import type { Json, RequestSpec } from '../http-request.ts';
import type { PageOperation, ParamRow } from '../operation-page.ts';

export interface FormState {
  /** name -> text as typed, per location */
  values: Record<string, string>;
  /** Send the body from rawBody instead of the fields. */
  raw: boolean;
  rawBody: string;
  idempotencyKey: string;
  /** X-Sandbox-Simulate: '' or one of the values the contract allows. */
  simulate: string;
  accept: string;
}

export type BuildResult =
  { ok: true; spec: RequestSpec } | { ok: false; problem: { param: string; reason: 'missing' | 'json' } };

const fieldKey = (p: ParamRow) => `${p.in}:${p.name}`;

/** The form as the page first shows it: the contract's examples filled in. */
export function initialForm(op: PageOperation, overrides: Record<string, string> = {}): FormState {
  const values: Record<string, string> = {};
  const example = (op.requestExample ?? {}) as Record<string, Json>;
  for (const p of op.params) {
    if (p.in === 'header') continue;
    const fromExample = p.in === 'body' ? example[p.name] : undefined;
    const fromQuery = p.in === 'query' ? op.request.query?.find(([k]) => k === p.name)?.[1] : undefined;
    const text =
      overrides[p.name] ??
      (fromExample !== undefined
        ? typeof fromExample === 'string'
          ? fromExample
          : JSON.stringify(fromExample)
        : (fromQuery ?? (p.in === 'path' ? p.example : undefined)));
    values[fieldKey(p)] = text ?? '';
  }
  return {
    values,
    raw: false,
    rawBody: JSON.stringify(op.requestExample ?? {}, null, 2),
    idempotencyKey: op.params.some((p) => p.name === 'Idempotency-Key')
      ? ((op.request.headers?.find(([k]) => k === 'Idempotency-Key')?.[1] as string) ?? '')
      : '',
    simulate: '',
    // An operation that answers in several media types starts with its first one chosen, so
    // the reader sees there is a choice (a bill in JSON or CSV).
    accept: op.produces.length > 1 ? op.produces[0] : '',
  };
}

/**
 * A typed value from text, as far as the text allows. An integer field gets a number only when
 * the text is a whole number: "10.00" would become 10 in JSON, silently, which is the very
 * mistake the sandbox exists to catch, so it goes out as the string it is and gets its 400.
 */
export function typed(p: ParamRow, text: string): Json {
  const t = text.trim();
  if (p.kind === 'integer') return /^-?\d+$/.test(t) ? Number(t) : t;
  if (p.kind === 'number') return /^-?\d+(\.\d+)?$/.test(t) ? Number(t) : t;
  if (p.kind === 'boolean') return t === 'true' ? true : t === 'false' ? false : t;
  if (p.kind === 'array' || p.kind === 'object') {
    try {
      return JSON.parse(t);
    } catch {
      return p.kind === 'array'
        ? t
            .split(',')
            .map((x) => x.trim())
            .filter(Boolean)
        : t;
    }
  }
  return text;
}

export function buildRequest(
  op: PageOperation,
  form: FormState,
  baseUrl: string,
  token: string | undefined,
): BuildResult {
  const rows = op.params;
  for (const p of rows) {
    if (p.required && p.in !== 'body' && p.in !== 'header' && !form.values[fieldKey(p)]?.trim())
      return { ok: false, problem: { param: p.name, reason: 'missing' } };
  }
  let path = op.path;
  for (const p of rows.filter((r) => r.in === 'path'))
    path = path.replace(`{${p.name}}`, encodeURIComponent(form.values[fieldKey(p)].trim()));
  const query = rows
    .filter((r) => r.in === 'query' && form.values[fieldKey(r)]?.trim())
    .map((r): [string, string] => [r.name, form.values[fieldKey(r)].trim()]);
  const headers: [string, string][] = [];
  if (form.idempotencyKey.trim()) headers.push(['Idempotency-Key', form.idempotencyKey.trim()]);
  if (form.simulate) headers.push(['X-Sandbox-Simulate', form.simulate]);
  if (form.accept) headers.push(['Accept', form.accept]);
  const spec: RequestSpec = {
    method: op.method as RequestSpec['method'],
    url: baseUrl.replace(/\/$/, '') + path,
    query,
    headers,
  };
  if (token) spec.bearer = token;
  if (op.bodyContentTypes.length) {
    if (form.raw) {
      try {
        spec.body = { kind: 'json', value: JSON.parse(form.rawBody) };
      } catch {
        return { ok: false, problem: { param: 'body', reason: 'json' } };
      }
    } else if (op.bodyContentTypes[0] === 'application/x-www-form-urlencoded') {
      spec.body = {
        kind: 'form',
        fields: rows
          .filter((r) => r.in === 'body' && form.values[fieldKey(r)]?.trim())
          .map((r): [string, string] => [r.name, form.values[fieldKey(r)].trim()]),
      };
    } else {
      const value: Record<string, Json> = {};
      for (const r of rows.filter((x) => x.in === 'body')) {
        const text = form.values[fieldKey(r)];
        if (text !== undefined && text.trim() !== '') value[r.name] = typed(r, text);
      }
      spec.body = { kind: 'json', value };
    }
  }
  return { ok: true, spec };
}

export { fieldKey };
