/**
 * The reader's stored sandbox key for components, kept current when the key page saves or
 * clears it (here or in another tab). Read from storage during render, so a console's first
 * render already knows whether there is a key.
 */
import { useSyncExternalStore } from 'react';
import { storedKey, subscribeToKey, type StoredKey } from './browser-state.ts';
import type { SandboxKey } from './console/keys.ts';

/** Storage exists only in the browser: on the server and while hydrating, the key is unknown. */
const unknown = () => undefined;

/** The key and where it is kept; null without one, undefined while not yet known. */
export function useStoredKey(): StoredKey | null | undefined {
  return useSyncExternalStore(subscribeToKey, storedKey, unknown);
}

/** The key alone; null without one, undefined while not yet known. */
export function useSandboxKey(): SandboxKey | null | undefined {
  const stored = useStoredKey();
  return stored === undefined ? undefined : (stored?.key ?? null);
}
