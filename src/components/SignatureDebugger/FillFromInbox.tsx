import Link from '@docusaurus/Link';
import Translate, { translate } from '@docusaurus/Translate';
import { useState, type ReactNode } from 'react';
import { loadInbox } from '@site/src/components/WebhookInbox/useInbox.ts';
import { useSandboxKey } from '@site/src/lib/use-sandbox-key.ts';
import { useSandboxClient } from '@site/src/lib/use-sandbox-url.ts';

export interface Pasted {
  header: string;
  body: string;
  secret: string;
}

/** Fills the three fields with the newest event of the stored key's inbox, exactly as signed. */
export default function FillFromInbox({ onFill }: { onFill: (values: Pasted) => void }): ReactNode {
  const key = useSandboxKey();
  const client = useSandboxClient();
  const [note, setNote] = useState('');
  if (key === undefined) return null;
  if (key === null) {
    return (
      <p>
        <Translate id="sigdbg.fill.noKey">想用自己的事件试试？先</Translate>{' '}
        <Link to="/sandbox-key">
          <Translate id="sigdbg.fill.getKey">申请沙箱密钥</Translate>
        </Link>
        <Translate id="sigdbg.fill.noKeyEnd">，支付一个订单后可以从收件箱填入它的通知。</Translate>
      </p>
    );
  }
  const sandboxKey = key;

  async function fill() {
    const loaded = await loadInbox(client, sandboxKey);
    const latest = loaded.ok ? loaded.events[0] : undefined;
    if (!loaded.ok) setNote(loaded.message);
    else if (!latest)
      setNote(translate({ id: 'inbox.empty', message: '还没有事件：创建一个订单并完成支付后再刷新。' }));
    else {
      onFill({ header: latest.signature, body: latest.payload, secret: sandboxKey.webhook_secret });
      setNote(translate({ id: 'sigdbg.fill.done', message: '已填入 {id}。' }, { id: latest.id }));
    }
  }

  return (
    <p>
      <button type="button" className="button button--secondary button--sm" onClick={() => void fill()}>
        <Translate id="sigdbg.fill">填入收件箱中的最新事件</Translate>
      </button>{' '}
      <small>
        <Translate id="sigdbg.fill.note">
          这个按钮从沙箱读取你的应用收到的事件，并填入这个浏览器保存的 webhook_secret。
        </Translate>
      </small>{' '}
      <span role="status">{note}</span>
    </p>
  );
}
