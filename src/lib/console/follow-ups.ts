/**
 * What the console offers after a 0000 answer, from the operation's `x-console` follow-ups:
 * links made from values of that answer, and requests to other operations ready to send.
 */
import type { AnswerCondition, ConsoleCall, ConsoleFollowUp, Localized } from '../../../contract/index.ts';
import type { Json, RequestSpec } from '../http-request.ts';
import { envelopeOf, SUCCESS, type Exchange, type Failure } from '../sandbox-client.ts';

/** The value at a dotted path of a JSON answer: `data.order_id`. */
export function valueAt(json: Json | null | undefined, path: string): Json | undefined {
  let at: Json | undefined = json ?? undefined;
  for (const name of path.split('.')) {
    if (!at || typeof at !== 'object' || Array.isArray(at)) return undefined;
    at = at[name];
  }
  return at;
}

/** The JSON of a 0000 answer; null for anything else. */
export function successJson(answer: Exchange | Failure | null | undefined): Json | null {
  const json = answer?.kind === 'response' ? answer.json : null;
  return envelopeOf(json)?.code === SUCCESS ? json : null;
}

/** Whether each answer value named by the condition has its text. */
export function meets(condition: AnswerCondition, json: Json | null): boolean {
  return Object.entries(condition).every(([path, text]) => String(valueAt(json, path) ?? '') === text);
}

/** The request to another operation, its path filled from the answer's values. */
export function callSpec(call: ConsoleCall, json: Json | null, baseUrl: string, body?: Record<string, string>) {
  let path = call.path;
  for (const [name, from] of Object.entries(call.params))
    path = path.replace(`{${name}}`, encodeURIComponent(String(valueAt(json, from) ?? '')));
  const spec: RequestSpec = { method: call.method as RequestSpec['method'], url: baseUrl.replace(/\/$/, '') + path };
  if (body && Object.keys(body).length) spec.body = { kind: 'json', value: body };
  return spec;
}

export type ReadyFollowUp = { label: Localized } & (
  | { kind: 'open'; href: string }
  /** A page of this site, for the router (`/docs/payments/query?order_id=…`). */
  | { kind: 'page'; to: string }
  | { kind: 'call'; authorized: boolean; spec: RequestSpec }
);

/**
 * The follow-ups of a 0000 `answer`, made from its values. `latest` is the newest 0000 answer
 * about the same thing (the order after "simulate paid", the refund after it settled): a
 * follow-up's `when` is checked against it, so "refund" appears once the order is paid.
 */
export function readyFollowUps(
  followUps: ConsoleFollowUp[] | undefined,
  answer: Exchange | Failure | null,
  baseUrl: string,
  latest: Exchange | Failure | null = answer,
): ReadyFollowUp[] {
  const json = successJson(answer);
  if (!followUps?.length || !json) return [];
  const now = successJson(latest) ?? json;
  const text = (path: string) => String(valueAt(json, path) ?? '');
  return followUps
    .filter((f) => !f.when || meets(f.when, now))
    .map((f): ReadyFollowUp => {
      const { label } = f;
      if (f.kind === 'open') return { label, kind: 'open', href: text(f.href) };
      if (f.kind === 'page') {
        const query = new URLSearchParams(Object.entries(f.query).map(([k, path]) => [k, text(path)])).toString();
        return { label, kind: 'page', to: query ? `${f.page}?${query}` : f.page };
      }
      return { label, kind: 'call', authorized: f.authorized, spec: callSpec(f, json, baseUrl, f.body) };
    });
}
