import BrowserOnly from '@docusaurus/BrowserOnly';
import Link from '@docusaurus/Link';
import Translate, { translate } from '@docusaurus/Translate';
import type { ReactNode } from 'react';
import { useSandboxKey } from '@site/src/lib/use-sandbox-key.ts';
import { useInbox } from './useInbox.ts';
import TableHead from '@site/src/components/TableHead/index.tsx';
import RawRequest from '@site/src/components/WebhookEvents/RawRequest.tsx';
import Verdict from '@site/src/components/WebhookEvents/Verdict.tsx';

/** The app's webhook inbox, each event's signature checked here in the browser (Web Crypto). */
function Inbox(): ReactNode {
  const { events, error, refresh } = useInbox(useSandboxKey());
  return (
    <section aria-label={translate({ id: 'inbox.title', message: '通知收件箱' })} data-testid="inbox">
      <button type="button" className="button button--sm button--secondary" onClick={refresh}>
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
          <TableHead
            labels={[
              <Translate id="inbox.event">事件</Translate>,
              <Translate id="inbox.order">订单</Translate>,
              <Translate id="inbox.delivery">投递</Translate>,
              <Translate id="inbox.signature">签名</Translate>,
            ]}
          />
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
                  <Verdict valid={e.valid} />
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {events && events[0] && (
        <RawRequest summary={<Translate id="inbox.latest">最新事件的原始请求</Translate>} event={events[0]} />
      )}
      <p className="margin-top--sm">
        <Link to="/tools/signature">
          <Translate id="inbox.debugger">签名校验不通过？在签名调试中逐项检查</Translate>
        </Link>
      </p>
    </section>
  );
}

export default function WebhookInbox(): ReactNode {
  return <BrowserOnly>{() => <Inbox />}</BrowserOnly>;
}
