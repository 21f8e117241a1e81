/**
 * OAuth2 client credentials, and checking the bearer token of every other call. The HTTP side
 * reads the Authorization header (http/authorization.ts) and hands over what it found; credentials
 * that do not hold come back as a Refusal, which that side answers with its 401 and challenge.
 */
import type { SandboxContext } from '../context.ts';
import { randomSecret } from '../domain/ids.ts';
import { parseScope } from '../domain/scopes.ts';
import { hashSecret, secretMatches } from '../domain/secrets.ts';
import { ApiError } from '../errors.ts';

export interface Principal {
  appId: string;
  merchantId: string;
  scopes: string[];
  tokenHash: string;
}

/** An app's id and secret, as the client sent them (either may be missing). */
export interface ClientCredentials {
  appId?: string;
  appSecret?: string;
}

/** Credentials that do not hold, and why: the sub_code of the 401 to answer. */
export interface Refusal {
  refused: 'invalid_client' | 'invalid_token' | 'token_revoked' | 'token_expired';
}

interface TokenGrant {
  access_token: string;
  token_type: 'Bearer';
  expires_in: number;
  scope: string;
}

/** An app whose credentials held, and the scope its token will carry. */
export interface CheckedClient {
  appId: string;
  merchantId: string;
  scope: string;
}

/** Checks an app's id and secret, without issuing anything: the caller decides what a failure costs. */
export async function checkClient(
  ctx: SandboxContext,
  { appId, appSecret }: ClientCredentials,
  scope: string | undefined,
): Promise<CheckedClient | Refusal> {
  if (!appId) throw new ApiError(400, 'missing_field', { param: 'app_id' });
  if (!appSecret) throw new ApiError(400, 'missing_field', { param: 'app_secret' });
  const { granted, unknown } = parseScope(scope);
  if (unknown.length) throw new ApiError(400, 'invalid_scope', { param: 'scope', detail: unknown.join(' ') });
  const app = await ctx.store.findApp(appId);
  // Compare against a dummy hash when the app is unknown, so timing does not tell which ids exist.
  const ok = secretMatches(appSecret, app?.secret_hash ?? hashSecret('no such app'));
  if (!app || !ok) return { refused: 'invalid_client' };
  return { appId: app.app_id, merchantId: app.merchant_id, scope: granted.join(' ') };
}

/** A new token for a client whose credentials held. */
export async function issueToken(ctx: SandboxContext, client: CheckedClient): Promise<TokenGrant> {
  const accessToken = randomSecret('tok_', 32);
  await ctx.store.insertToken({
    token_hash: hashSecret(accessToken),
    app_id: client.appId,
    merchant_id: client.merchantId,
    scope: client.scope,
    expires_at: ctx.now() + ctx.config.tokenTtlSeconds * 1000,
    revoked_at: null,
  });
  return {
    access_token: accessToken,
    token_type: 'Bearer',
    expires_in: ctx.config.tokenTtlSeconds,
    scope: client.scope,
  };
}

/** Who a bearer token speaks for, or why it speaks for no one. */
export async function authenticate(ctx: SandboxContext, accessToken: string): Promise<Principal | Refusal> {
  const tokenHash = hashSecret(accessToken);
  const token = await ctx.store.findToken(tokenHash);
  if (!token) return { refused: 'invalid_token' };
  if (token.revoked_at != null) return { refused: 'token_revoked' };
  if (token.expires_at <= ctx.now()) return { refused: 'token_expired' };
  return { appId: token.app_id, merchantId: token.merchant_id, scopes: token.scope.split(' '), tokenHash };
}

/** Ends the token the caller used; revoking it again changes nothing. */
export async function revokeToken(ctx: SandboxContext, who: Principal): Promise<{ revoked: true }> {
  await ctx.store.revokeToken(who.tokenHash, ctx.now());
  return { revoked: true };
}
