import Translate, { translate } from '@docusaurus/Translate';
import { useState, type ReactNode } from 'react';
import type { SuccessData } from '@site/contract/api.ts';
import { announceKeyChange, keyStore, tokenCache } from '@site/src/lib/browser-state.ts';
import type { StoredKey } from '@site/src/lib/browser-state.ts';
import { errorText } from '@site/src/lib/sandbox-client.ts';
import { useSandboxClient } from '@site/src/lib/use-sandbox-url.ts';

/**
 * Rotates the stored key's webhook secret and keeps the new one where the key is kept, so the
 * inbox goes on verifying signatures after the old secret's 24 hours of overlap are over.
 */
export default function RotateWebhookSecret({ stored }: { stored: StoredKey }): ReactNode {
  const client = useSandboxClient();
  const [busy, setBusy] = useState(false);
  const [message, setMessage] = useState<string | null>(null);

  async function rotate() {
    setBusy(true);
    setMessage(null);
    try {
      const { key } = stored;
      const token = (await tokenCache(client).get(key.app_id, key.app_secret)).access_token;
      const answer = await client.call<SuccessData<'rotateWebhookSecret'>>({
        method: 'POST',
        path: '/v1/sandbox/webhook-secret',
        bearer: token,
      });
      if (!answer.ok) {
        setMessage(errorText(answer.error));
        return;
      }
      keyStore().save({ ...key, webhook_secret: answer.data.webhook_secret }, stored.remembered);
      announceKeyChange();
      setMessage(
        translate(
          {
            id: 'key.rotated',
            message: '已换上新的 webhook_secret。旧密钥在 {until} 前继续签名：请在这之前把新密钥配置到你的服务器。',
          },
          { until: answer.data.previous_expires_at },
        ),
      );
    } catch (err) {
      setMessage(String(err instanceof Error ? err.message : err));
    } finally {
      setBusy(false);
    }
  }

  return (
    <p>
      <button
        type="button"
        className="button button--sm button--outline button--secondary"
        onClick={() => void rotate()}
        disabled={busy}
      >
        <Translate id="key.rotate">轮换通知密钥</Translate>
      </button>
      {message && (
        <span role="status" className="margin-left--sm" data-testid="rotate-result">
          {message}
        </span>
      )}
    </p>
  );
}
