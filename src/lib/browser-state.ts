/**
 * What outlives one component in the browser: the reader's key (in the browser's storage), the
 * token cache (in memory, shared by every console of the visit) and the sandbox client.
 * React-free: the hooks in use-sandbox-key.ts and use-sandbox-url.ts read it for components.
 */
import { KEY_SLOT, KeyStore, type SandboxKey } from './console/keys.ts';
import { TokenCache } from './console/token-cache.ts';
import { createSandboxClient, errorText, type SandboxClient } from './sandbox-client.ts';
import type { SuccessData } from '../../contract/api.ts';

/** Other consoles, the inbox and the key page hear about a new or cleared key through this event. */
const KEY_CHANGED = 'juyifu:key-changed';

let keys: KeyStore | null = null;
let tokens: TokenCache | null = null;
const clients = new Map<string, SandboxClient>();

export function keyStore(): KeyStore {
  keys ??= new KeyStore(window.sessionStorage, window.localStorage);
  return keys;
}

/** Tells this page's consoles, inbox and key panel that the key was saved or cleared. */
export function announceKeyChange(): void {
  window.dispatchEvent(new Event(KEY_CHANGED));
}

/** Calls back whenever the stored key may have changed: on this page, or in another tab. */
export function subscribeToKey(onChange: () => void): () => void {
  window.addEventListener(KEY_CHANGED, onChange);
  window.addEventListener('storage', onChange);
  return () => {
    window.removeEventListener(KEY_CHANGED, onChange);
    window.removeEventListener('storage', onChange);
  };
}

export type StoredKey = { key: SandboxKey; remembered: boolean };

let snapshot: { raw: string; stored: StoredKey | null } | null = null;

/**
 * The stored key, read from storage now. The same object until the stored text changes, so React
 * can compare snapshots (useSyncExternalStore) without re-rendering on every read.
 */
export function storedKey(): StoredKey | null {
  const raw = `${window.sessionStorage.getItem(KEY_SLOT)}\n${window.localStorage.getItem(KEY_SLOT)}`;
  if (snapshot?.raw !== raw) snapshot = { raw, stored: keyStore().load() };
  return snapshot.stored;
}

/** One client per sandbox URL (the site has one), so components can compare it between renders. */
export function sandboxClient(baseUrl: string): SandboxClient {
  let client = clients.get(baseUrl);
  if (!client) clients.set(baseUrl, (client = createSandboxClient(baseUrl)));
  return client;
}

export function tokenCache(client: SandboxClient): TokenCache {
  tokens ??= new TokenCache(async (appId, appSecret) => {
    const answer = await client.call<SuccessData<'getToken'>>({
      method: 'POST',
      path: '/v1/oauth/token',
      body: {
        kind: 'form',
        fields: [
          ['grant_type', 'client_credentials'],
          ['app_id', appId],
          ['app_secret', appSecret],
        ],
      },
    });
    // TokenCache shares one pending fetch between callers, so a failure travels as a rejection.
    if (!answer.ok) throw new Error(errorText(answer.error));
    return answer.data;
  });
  return tokens;
}
