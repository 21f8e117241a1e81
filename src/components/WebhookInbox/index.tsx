import BrowserOnly from '@docusaurus/BrowserOnly';
import Translate, { translate } from '@docusaurus/Translate';
import useDocusaurusContext from '@docusaurus/useDocusaurusContext';
import CodeBlock from '@theme/CodeBlock';
import { useCallback, useEffect, useState, type ReactNode } from 'react';
import { verifySignature } from '@site/src/lib/console/signature';
import { KEY_CHANGED, keyStore, tokenCache } from '../TryIt/browser-state';

interface InboxEvent {
  id: string;
  type: string;
  created: number;
  data: { payment: { order_id: string; status: string; amount: number } };
  delivery: { status: string; attempts: { outcome: string; http_status: number | null }[] };
  signature: string;
  payload: string;
  valid?: boolean;
}

/** The app's webhook inbox, each event's signature checked here in the browser (Web Crypto). */
function Inbox(): ReactNode {
  const { siteConfig } = useDocusaurusContext();
  const sandboxUrl = String(siteConfig.customFields?.sandboxUrl ?? '');
  const [events, setEvents] = useState<InboxEvent[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  const load = useCallback(async () => {
    const key = keyStore().load()?.key;
    if (!key) {
      setError(translate({ id: 'inbox.noKey', message: '先申请沙箱密钥，收件箱属于你的应用。' }));
      return;
    }
    try {
      const token = await tokenCache(sandboxUrl).get(key.app_id, key.app_secret);
      const res = await fetch(`${sandboxUrl}/v1/events?limit=20`, {
        headers: { Authorization: `Bearer ${token.access_token}` },
      });
      const body = await res.json();
      if (body.code !== '0000') throw new Error(`${body.code} ${body.sub_code}`);
      const checked = await Promise.all(
        (body.data.items as InboxEvent[]).map(async (e) => ({
          ...e,
          valid: await verifySignature(key.webhook_secret, e.signature, e.payload),
        })),
      );
      setEvents(checked);
      setError(null);
    } catch (e) {
      setError((e as Error).message);
    }
  }, [sandboxUrl]);
  useEffect(() => {
    void load();
    window.addEventListener(KEY_CHANGED, load);
    return () => window.removeEventListener(KEY_CHANGED, load);
  }, [load]);
  return (
    <section aria-label={translate({ id: 'inbox.title', message: '通知收件箱' })} data-testid="inbox">
      <button type="button" className="button button--sm button--secondary" onClick={() => void load()}>
        <Translate id="inbox.refresh">刷新收件箱</Translate>
      </button>
      {error && <p role="alert">{error}</p>}
      {events && events.length === 0 && (
        <p>
          <Translate id="inbox.empty">还没有事件：创建一个订单并完成支付后再刷新。</Translate>
        </p>
      )}
      {events && events.length > 0 && (
        <table>
          <thead>
            <tr>
              <th>
                <Translate id="inbox.event">事件</Translate>
              </th>
              <th>
                <Translate id="inbox.order">订单</Translate>
              </th>
              <th>
                <Translate id="inbox.delivery">投递</Translate>
              </th>
              <th>
                <Translate id="inbox.signature">签名</Translate>
              </th>
            </tr>
          </thead>
          <tbody>
            {events.map((e) => (
              <tr key={e.id} data-event-type={e.type} data-signature={e.valid ? 'valid' : 'invalid'}>
                <td>
                  <code>{e.type}</code>
                  <br />
                  <small>{e.id}</small>
                </td>
                <td>
                  <code>{e.data.payment.order_id}</code> · {e.data.payment.status}
                </td>
                <td>
                  {e.delivery.status} ({e.delivery.attempts.length})
                </td>
                <td>
                  {e.valid ? (
                    <Translate id="inbox.valid">✓ 有效</Translate>
                  ) : (
                    <Translate id="inbox.invalid">✗ 无效</Translate>
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {events && events[0] && (
        <details>
          <summary>
            <Translate id="inbox.latest">最新事件的原始请求</Translate>
          </summary>
          <CodeBlock language="http">{`JuYiFu-Signature: ${events[0].signature}\n\n${events[0].payload}`}</CodeBlock>
        </details>
      )}
    </section>
  );
}

export default function WebhookInbox(): ReactNode {
  return <BrowserOnly>{() => <Inbox />}</BrowserOnly>;
}
