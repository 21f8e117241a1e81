import { translate } from '@docusaurus/Translate';
import { useEffect, useState } from 'react';
import type { SuccessData } from '@site/contract/api.ts';
import { tokenCache } from '@site/src/lib/browser-state.ts';
import type { SandboxKey } from '@site/src/lib/console/keys.ts';
import { verifySignature } from '@site/src/lib/console/signature.ts';
import type { SandboxClient } from '@site/src/lib/sandbox-client.ts';
import { useSandboxClient } from '@site/src/lib/use-sandbox-url.ts';

export type InboxEvent = SuccessData<'listEvents'>['items'][number] & { valid: boolean };

type Loaded = { ok: true; events: InboxEvent[] } | { ok: false; message: string };

/** The app's latest events, each signature checked here with the key's webhook_secret. */
export async function loadInbox(client: SandboxClient, key: SandboxKey): Promise<Loaded> {
  let token: string;
  try {
    token = (await tokenCache(client).get(key.app_id, key.app_secret)).access_token;
  } catch (e) {
    return { ok: false, message: (e as Error).message };
  }
  const answer = await client.call<SuccessData<'listEvents'>>({
    method: 'GET',
    path: '/v1/events',
    query: [['limit', '20']],
    bearer: token,
  });
  if (!answer.ok) {
    const { error } = answer;
    return { ok: false, message: error.kind === 'api' ? `${error.code} ${error.sub_code}` : error.message };
  }
  const events = await Promise.all(
    answer.data.items.map(async (e) => ({
      ...e,
      valid: await verifySignature(key.webhook_secret, e.signature, e.payload),
    })),
  );
  return { ok: true, events };
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
