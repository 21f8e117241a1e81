import Link from '@docusaurus/Link';
import Translate from '@docusaurus/Translate';
import type { ReactNode } from 'react';
import Attempts from '@site/src/components/WebhookEvents/Attempts.tsx';
import RawRequest from '@site/src/components/WebhookEvents/RawRequest.tsx';
import Verdict from '@site/src/components/WebhookEvents/Verdict.tsx';
import type { CheckedEvent } from '@site/src/lib/console/events.ts';
import styles from '../styles.module.css';
import { useOrderEvents } from './useOrderEvents.ts';

function Event({ e }: { e: CheckedEvent }): ReactNode {
  return (
    <div className={styles.event} data-testid="inline-event" data-event-type={e.type} data-delivery={e.delivery.status}>
      <p>
        <code>{e.type}</code> <small>{e.id}</small> · <Translate id="inbox.delivery">投递</Translate>:{' '}
        <code>{e.delivery.status}</code> ·{' '}
        <Translate id="events.signature">签名（在本浏览器用 webhook_secret 校验）</Translate>:{' '}
        <Verdict valid={e.valid} />
      </p>
      {e.delivery.status === 'no_endpoint' && (
        <p>
          <small>
            <Translate id="events.noEndpoint">
              这笔订单没有 notify_url：事件已签名并保存，但没有投递。下单时填一个沙箱能访问的
              notify_url，就能在这里看到每次投递。
            </Translate>
          </small>
        </p>
      )}
      <Attempts attempts={e.delivery.attempts} />
      <RawRequest summary={<Translate id="events.raw">你的服务器收到的请求</Translate>} event={e} />
    </div>
  );
}

/**
 * Under an answer that shows an order paid, failed or closed: that order's webhook events, each
 * with its delivery attempts and the signature checked here, refreshed by themselves until the
 * deliveries end.
 */
export default function InlineEvents({ orderId, since }: { orderId: string | null; since: unknown }): ReactNode {
  const { loaded, watching } = useOrderEvents(orderId, since);
  if (!orderId || (!loaded && !watching)) return null;
  return (
    <div data-testid="inline-events" data-watching={watching}>
      <h3 className={styles.subheading}>
        <Translate id="events.title">这笔订单的异步通知</Translate>
      </h3>
      {loaded && !loaded.ok && <p className={styles.bad}>{loaded.message}</p>}
      {loaded?.ok && loaded.events.map((e) => <Event key={e.id} e={e} />)}
      <p>
        <small>
          {watching ? (
            <Translate id="events.watching">每 1.5 秒自动刷新，投递结束后停止…</Translate>
          ) : loaded?.ok && loaded.events.some((e) => e.delivery.status === 'pending') ? (
            <Translate id="events.stopped">已停止自动刷新：投递仍在按退避重试，稍后在收件箱查看结果。</Translate>
          ) : null}{' '}
          <Link to="/docs/webhooks">
            <Translate id="events.inbox">通知收件箱</Translate>
          </Link>
        </small>
      </p>
    </div>
  );
}
