import { translate } from '@docusaurus/Translate';
import { useEffect, useState } from 'react';
import { tokenCache } from '@site/src/lib/browser-state.ts';
import { loadEvents, type CheckedEvent, type Loaded } from '@site/src/lib/console/events.ts';
import type { SandboxKey } from '@site/src/lib/console/keys.ts';
import type { SandboxClient } from '@site/src/lib/sandbox-client.ts';
import { useSandboxClient } from '@site/src/lib/use-sandbox-url.ts';

export type InboxEvent = CheckedEvent;

/** The app's latest events, each signature checked here with the key's webhook_secret. */
export function loadInbox(client: SandboxClient, key: SandboxKey): Promise<Loaded> {
  return loadEvents({ client, tokens: tokenCache(client), key }, [['limit', '20']]);
}

/** The inbox of the stored key's app, loaded again when the key changes or the reader asks. */
export function useInbox(sandboxKey: SandboxKey | null | undefined) {
  const client = useSandboxClient();
  const [asked, setAsked] = useState(0);
  const [events, setEvents] = useState<InboxEvent[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    if (!sandboxKey) return;
    let current = true;
    void loadInbox(client, sandboxKey).then((loaded) => {
      if (!current) return;
      if (loaded.ok) setEvents(loaded.events);
      setError(loaded.ok ? null : loaded.message);
    });
    return () => {
      current = false;
    };
  }, [client, sandboxKey, asked]);
  return {
    events,
    error:
      sandboxKey === null
        ? translate({ id: 'inbox.noKey', message: '先申请沙箱密钥，收件箱属于你的应用。' })
        : sandboxKey
          ? error
          : null,
    refresh: () => setAsked((n) => n + 1),
  };
}
