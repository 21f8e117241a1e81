/**
 * The code shown under the console: the request the form makes, in the four languages, with the
 * token and app_secret masked until the reader asks to see them. The order number and the
 * Idempotency-Key are the exception: the copied program makes its own on every run (per-run.ts),
 * so code pasted into a shop never replays the order the console just sent.
 */
import { fullUrl, type RequestSpec } from '../http-request.ts';
import type { PageOperation } from '../operation-page.ts';
import { allSnippets, type SnippetLanguage } from '../snippets.ts';
import { buildRequest, type FormState } from './build-request.ts';
import { maskSecret } from './keys.ts';

export interface PreviewSecrets {
  /** The cached access token, if there is one yet. */
  token: string | undefined;
  /** Without a cached token a stored key still means the request will carry one. */
  hasKey: boolean;
  reveal: boolean;
}

export function requestPreview(
  op: PageOperation,
  form: FormState,
  baseUrl: string,
  secrets: PreviewSecrets,
  title: string,
): { snippets: Record<SnippetLanguage, string>; url: string } | null {
  const { token, hasKey, reveal } = secrets;
  const shown =
    op.scopes === null
      ? undefined
      : token
        ? reveal
          ? token
          : maskSecret(token)
        : hasKey
          ? '<ACCESS_TOKEN>'
          : undefined;
  const built = buildRequest(op, form, baseUrl, shown);
  if (!built.ok) return null;
  let spec: RequestSpec = built.spec;
  if (!reveal && spec.body?.kind === 'form') {
    spec = {
      ...spec,
      body: {
        kind: 'form',
        fields: spec.body.fields.map(([k, v]) => [k, k === 'app_secret' ? maskSecret(String(v)) : v]),
      },
    };
  }
  return { snippets: allSnippets(spec, op.id, title), url: fullUrl(spec) };
}
