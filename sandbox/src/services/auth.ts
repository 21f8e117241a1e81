/** OAuth2 client credentials, and checking the bearer token of every other call. */
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

const CHALLENGE = { 'WWW-Authenticate': 'Bearer realm="juyifu"' };

function unauthorized(subCode: string, error: string): ApiError {
  return new ApiError(401, subCode, {
    headers: { 'WWW-Authenticate': `${CHALLENGE['WWW-Authenticate']}, error="${error}"` },
  });
}

/** Reads HTTP Basic credentials, if the header carries them. */
export function basicCredentials(header: string | undefined): { appId: string; appSecret: string } | undefined {
  if (!header || !/^basic\s/i.test(header)) return undefined;
  const decoded = Buffer.from(header.slice(6).trim(), 'base64').toString('utf8');
  const colon = decoded.indexOf(':');
  if (colon < 0) return undefined;
  return {
    appId: decodeURIComponent(decoded.slice(0, colon)),
    appSecret: decodeURIComponent(decoded.slice(colon + 1)),
  };
}

export async function issueToken(
  ctx: SandboxContext,
  body: { grant_type: string; app_id?: string; app_secret?: string; scope?: string },
  authorization: string | undefined,
) {
  const basic = basicCredentials(authorization);
  const appId = basic?.appId ?? body.app_id;
  const appSecret = basic?.appSecret ?? body.app_secret;
  if (!appId) throw new ApiError(400, 'missing_field', { param: 'app_id' });
  if (!appSecret) throw new ApiError(400, 'missing_field', { param: 'app_secret' });
  const { granted, unknown } = parseScope(body.scope);
  if (unknown.length) throw new ApiError(400, 'invalid_scope', { param: 'scope', detail: unknown.join(' ') });
  const app = await ctx.store.findApp(appId);
  // Compare against a dummy hash when the app is unknown, so timing does not tell which ids exist.
  const ok = secretMatches(appSecret, app?.secret_hash ?? hashSecret('no such app'));
  if (!app || !ok) throw unauthorized('invalid_client', 'invalid_client');
  const accessToken = randomSecret('tok_', 32);
  await ctx.store.insertToken({
    token_hash: hashSecret(accessToken),
    app_id: app.app_id,
    merchant_id: app.merchant_id,
    scope: granted.join(' '),
    expires_at: ctx.now() + ctx.config.tokenTtlSeconds * 1000,
    revoked_at: null,
  });
  return {
    access_token: accessToken,
    token_type: 'Bearer',
    expires_in: ctx.config.tokenTtlSeconds,
    scope: granted.join(' '),
  };
}

export async function authenticate(ctx: SandboxContext, authorization: string | undefined): Promise<Principal> {
  if (!authorization) throw unauthorized('missing_token', 'invalid_request');
  const match = /^Bearer[ ]+([A-Za-z0-9._~+/=-]+)\s*$/i.exec(authorization);
  if (!match) throw unauthorized('invalid_token', 'invalid_request');
  const tokenHash = hashSecret(match[1]);
  const token = await ctx.store.findToken(tokenHash);
  if (!token) throw unauthorized('invalid_token', 'invalid_token');
  if (token.revoked_at != null) throw unauthorized('token_revoked', 'invalid_token');
  if (token.expires_at <= ctx.now()) throw unauthorized('token_expired', 'invalid_token');
  return { appId: token.app_id, merchantId: token.merchant_id, scopes: token.scope.split(' '), tokenHash };
}
