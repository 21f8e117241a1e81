/**
 * The Authorization header and its answers: reading HTTP Basic client credentials and bearer
 * tokens, and the WWW-Authenticate challenge every 401 and scope 403 carries (RFC 6750).
 * Services never see the header: they get an app id and secret, or a token string, and tell
 * why they refused, which is turned into the answer here.
 */
import type { SandboxContext } from '../context.ts';
import { missingScopes } from '../domain/scopes.ts';
import { ApiError } from '../errors.ts';
import { authenticate, type ClientCredentials, type Principal, type Refusal } from '../services/auth.ts';

/** The `error` of a Bearer challenge: a request we cannot read, a bad token, or bad app credentials. */
type ChallengeError = 'invalid_request' | 'invalid_token' | 'invalid_client';

function unauthorized(subCode: string, error: ChallengeError): ApiError {
  return new ApiError(401, subCode, { headers: { 'WWW-Authenticate': `Bearer realm="juyifu", error="${error}"` } });
}

/** The 401 for credentials a service refused. */
export function refused({ refused: subCode }: Refusal): ApiError {
  return unauthorized(subCode, subCode === 'invalid_client' ? 'invalid_client' : 'invalid_token');
}

/** A Basic header that cannot be read: a 400 that says what is wrong, never a 500. */
function malformedBasic(en: string, zh: string): ApiError {
  return new ApiError(400, 'malformed_authorization', { param: 'Authorization', detail: { zh, en } });
}

/** %-decoding of one half of the Basic pair; a broken escape is the caller's error. */
function percentDecoded(text: string, what: string): string {
  try {
    return decodeURIComponent(text);
  } catch {
    throw malformedBasic(`${what} has a broken %-escape`, `${what} 含残缺的 %-转义`);
  }
}

/**
 * HTTP Basic credentials, if the header carries them (user and password are %-encoded,
 * RFC 6749 2.3.1). A Basic header that is not base64 of `app_id:app_secret` is refused as such.
 */
function basicCredentials(header: string | undefined): Required<ClientCredentials> | undefined {
  if (!header || !/^basic\s/i.test(header)) return undefined;
  const encoded = header.slice(6).trim();
  if (!/^[A-Za-z0-9+/]+={0,2}$/.test(encoded) || encoded.length % 4 === 1) {
    throw malformedBasic('Basic credentials are not base64', 'Basic 凭证不是 base64');
  }
  const decoded = Buffer.from(encoded, 'base64').toString('utf8');
  const colon = decoded.indexOf(':');
  if (colon < 0) throw malformedBasic('Basic credentials need app_id:app_secret', 'Basic 凭证须为 app_id:app_secret');
  return {
    appId: percentDecoded(decoded.slice(0, colon), 'app_id'),
    appSecret: percentDecoded(decoded.slice(colon + 1), 'app_secret'),
  };
}

/** The token endpoint's credentials: HTTP Basic when sent, else app_id and app_secret of the body. */
export function clientCredentials(
  header: string | undefined,
  body: { app_id?: string; app_secret?: string },
): ClientCredentials {
  const basic = basicCredentials(header);
  return { appId: basic?.appId ?? body.app_id, appSecret: basic?.appSecret ?? body.app_secret };
}

/** The token of `Authorization: Bearer <token>`; a missing or unreadable header is a 401. */
function bearerToken(header: string | undefined): string {
  if (!header) throw unauthorized('missing_token', 'invalid_request');
  const match = /^Bearer[ ]+([A-Za-z0-9._~+/=-]+)\s*$/i.exec(header);
  if (!match) throw unauthorized('invalid_token', 'invalid_request');
  return match[1];
}

/** The caller of an operation that needs `scopes`: a live bearer token that carries all of them. */
export async function authorize(ctx: SandboxContext, header: string | undefined, scopes: string[]): Promise<Principal> {
  const who = await authenticate(ctx, bearerToken(header));
  if ('refused' in who) throw refused(who);
  const missing = missingScopes(who.scopes, scopes);
  if (missing.length) {
    throw new ApiError(403, 'insufficient_scope', {
      detail: missing.join(' '),
      headers: { 'WWW-Authenticate': `Bearer error="insufficient_scope", scope="${scopes.join(' ')}"` },
    });
  }
  return who;
}
