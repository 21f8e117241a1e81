/**
 * The console's state that outlives one component: the reader's key (in the browser's storage)
 * and the token cache (in memory, shared by every console of the visit).
 */
import { KeyStore } from '@site/src/lib/console/keys';
import { TokenCache } from '@site/src/lib/console/token-cache';

let keys: KeyStore | null = null;
let tokens: TokenCache | null = null;

export function keyStore(): KeyStore {
  keys ??= new KeyStore(window.sessionStorage, window.localStorage);
  return keys;
}

export function tokenCache(sandboxUrl: string): TokenCache {
  tokens ??= new TokenCache(async (appId, appSecret) => {
    const res = await fetch(`${sandboxUrl}/v1/oauth/token`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ grant_type: 'client_credentials', app_id: appId, app_secret: appSecret }).toString(),
    });
    const body = await res.json();
    if (body.code !== '0000') throw new Error(`${body.code} ${body.sub_code}: ${body.message}`);
    return body.data;
  });
  return tokens;
}

/** Other consoles and the key page hear about a new or cleared key through this event. */
export const KEY_CHANGED = 'juyifu:key-changed';
