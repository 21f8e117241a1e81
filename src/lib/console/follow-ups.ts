/**
 * What the console offers after a 0000 answer, from the operation's `x-console` follow-ups:
 * links made from values of that answer, and requests to other operations ready to send.
 */
import type { ConsoleFollowUp, Localized } from '../../../contract/index.ts';
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

export type ReadyFollowUp = { label: Localized } & (
  | { kind: 'open'; href: string }
  /** A page of this site, for the router (`/docs/payments/query?order_id=…`). */
  | { kind: 'page'; to: string }
  | { kind: 'call'; authorized: boolean; spec: RequestSpec }
);

export function readyFollowUps(
  followUps: ConsoleFollowUp[] | undefined,
  answer: Exchange | Failure | null,
  baseUrl: string,
): ReadyFollowUp[] {
  const json = answer?.kind === 'response' ? answer.json : null;
  if (!followUps?.length || envelopeOf(json)?.code !== SUCCESS) return [];
  const text = (path: string) => String(valueAt(json, path) ?? '');
  return followUps.map((f): ReadyFollowUp => {
    const { label } = f;
    if (f.kind === 'open') return { label, kind: 'open', href: text(f.href) };
    if (f.kind === 'page') {
      const query = new URLSearchParams(Object.entries(f.query).map(([k, path]) => [k, text(path)])).toString();
      return { label, kind: 'page', to: query ? `${f.page}?${query}` : f.page };
    }
    let path = f.path;
    for (const [name, from] of Object.entries(f.params))
      path = path.replace(`{${name}}`, encodeURIComponent(text(from)));
    return {
      label,
      kind: 'call',
      authorized: f.authorized,
      spec: {
        method: f.method as RequestSpec['method'],
        url: baseUrl.replace(/\/$/, '') + path,
        ...(Object.keys(f.body).length ? { body: { kind: 'json', value: f.body } } : {}),
      },
    };
  });
}
