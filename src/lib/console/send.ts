/**
 * The console's send path, React-free: the request built from the form, a token when the
 * operation needs one and a key is stored, the answer, and a token answer kept for the other
 * consoles. The caller passes the key stored at the moment of sending (not one remembered from
 * an earlier render), so a click never goes out without the token the reader has a key for.
 */
import type { SuccessData } from '../../../contract/api.ts';
import type { RequestSpec } from '../http-request.ts';
import type { PageOperation } from '../operation-page.ts';
import { outcome, type Exchange, type Failure, type SandboxClient } from '../sandbox-client.ts';
import { buildRequest, type BuildResult, type FormState } from './build-request.ts';
import type { SandboxKey } from './keys.ts';
import type { TokenCache } from './token-cache.ts';

export interface SendContext {
  client: SandboxClient;
  tokens: TokenCache;
  key: SandboxKey | null;
  acceptLanguage: string;
}

export type Problem = Extract<BuildResult, { ok: false }>['problem'];

export type Sent =
  /** A key is stored but no token could be had with it; `message` says why. */
  { kind: 'no-token'; message: string } | { kind: 'answered'; answer: Exchange | Failure };

export type SendOutcome = { kind: 'invalid'; problem: Problem } | Sent;

/** The token for an authorized call: from the cache or fetched now; none without a key. */
async function bearer(
  authorized: boolean,
  ctx: SendContext,
): Promise<{ ok: true; token?: string } | { ok: false; message: string }> {
  if (!authorized || !ctx.key) return { ok: true };
  try {
    return { ok: true, token: (await ctx.tokens.get(ctx.key.app_id, ctx.key.app_secret)).access_token };
  } catch (e) {
    return { ok: false, message: (e as Error).message };
  }
}

/** Sends a request with a token when it needs one and a key exists. */
export async function sendSpec(spec: RequestSpec, authorized: boolean, ctx: SendContext): Promise<Sent> {
  const token = await bearer(authorized, ctx);
  if (!token.ok) return { kind: 'no-token', message: token.message };
  const answer = await ctx.client.exchange(token.token ? { ...spec, bearer: token.token } : spec, {
    acceptLanguage: ctx.acceptLanguage,
  });
  return { kind: 'answered', answer };
}

export async function sendForm(op: PageOperation, form: FormState, ctx: SendContext): Promise<SendOutcome> {
  // Checked before any token is fetched: a missing field needs no network to be pointed out.
  const built = buildRequest(op, form, ctx.client.baseUrl, undefined);
  if (!built.ok) return { kind: 'invalid', problem: built.problem };
  const sent = await sendSpec(built.spec, op.scopes !== null, ctx);
  if (sent.kind === 'answered' && op.console?.storesToken) {
    // The answer is a token for the app_id of the request: the other consoles reuse it.
    const token = outcome<SuccessData<'getToken'>>(sent.answer);
    if (token.ok) ctx.tokens.put(form.values['body:app_id'] ?? '', token.data.access_token, token.data.expires_in);
  }
  return sent;
}
