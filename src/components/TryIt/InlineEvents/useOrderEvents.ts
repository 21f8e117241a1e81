import { useEffect, useState } from 'react';
import { tokenCache } from '@site/src/lib/browser-state.ts';
import { loadEvents, watchEvents, type Loaded } from '@site/src/lib/console/events.ts';
import { useSandboxKey } from '@site/src/lib/use-sandbox-key.ts';
import { useSandboxClient } from '@site/src/lib/use-sandbox-url.ts';

const wait = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/** What one watch saw, tagged with the answer that started it so an older watch's state is never shown. */
interface Watched {
  since: unknown;
  loaded: Loaded | null;
  done: boolean;
}

/**
 * The events of `orderId`, watched by themselves from the moment `since` (the answer that showed
 * the order paid, failed or closed) arrives until their deliveries end or the watch's bound is
 * reached. A new answer starts a new watch; the old one stops asking.
 */
export function useOrderEvents(orderId: string | null, since: unknown) {
  const client = useSandboxClient();
  const key = useSandboxKey();
  const [watched, setWatched] = useState<Watched | null>(null);
  useEffect(() => {
    if (!orderId || !key) return;
    let current = true;
    void watchEvents({
      load: () => loadEvents({ client, tokens: tokenCache(client), key }, [['order_id', orderId]]),
      wait,
      active: () => current,
      onLoaded: (loaded) => setWatched({ since, loaded, done: false }),
    }).then(() => {
      if (current) setWatched((w) => ({ since, loaded: w && w.since === since ? w.loaded : null, done: true }));
    });
    return () => {
      current = false;
    };
  }, [client, key, orderId, since]);
  const mine = watched?.since === since ? watched : null;
  return { loaded: mine?.loaded ?? null, watching: Boolean(orderId && key) && !mine?.done };
}
