import BrowserOnly from '@docusaurus/BrowserOnly';
import Link from '@docusaurus/Link';
import Translate, { translate } from '@docusaurus/Translate';
import Layout from '@theme/Layout';
import { useState, type ReactNode } from 'react';
import type { SuccessData } from '@site/contract/api.ts';
import CopyField from '@site/src/components/CopyField/index.tsx';
import RotateWebhookSecret from '@site/src/components/RotateWebhookSecret/index.tsx';
import WebhookInbox from '@site/src/components/WebhookInbox/index.tsx';
import { announceKeyChange, keyStore, tokenCache } from '@site/src/lib/browser-state.ts';
import { errorText } from '@site/src/lib/sandbox-client.ts';
import { useStoredKey } from '@site/src/lib/use-sandbox-key.ts';
import { useSandboxClient } from '@site/src/lib/use-sandbox-url.ts';

function KeyPanel(): ReactNode {
  const client = useSandboxClient();
  const state = useStoredKey();
  const [fresh, setFresh] = useState(false);
  const [remember, setRemember] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  async function create() {
    setBusy(true);
    setError(null);
    const answer = await client.call<SuccessData<'createSandboxApp'>>({
      method: 'POST',
      path: '/v1/sandbox/apps',
      body: { kind: 'json', value: {} },
    });
    setBusy(false);
    if (!answer.ok) {
      setError(
        answer.error.kind === 'api'
          ? errorText(answer.error)
          : translate(
              { id: 'key.unreachable', message: '无法连接沙箱（{url}）：请确认它已启动（npm start）。' },
              { url: client.baseUrl },
            ),
      );
      return;
    }
    const { app_id, app_secret, source_id, webhook_secret, created_at } = answer.data;
    keyStore().save({ app_id, app_secret, source_id, webhook_secret, created_at }, remember);
    tokenCache(client).forget();
    setFresh(true);
    announceKeyChange();
  }

  function clear() {
    keyStore().clear();
    tokenCache(client).forget();
    setFresh(false);
    announceKeyChange();
  }

  return (
    <div>
      <p>
        <label>
          <input type="checkbox" checked={remember} onChange={(e) => setRemember(e.target.checked)} />{' '}
          <Translate id="key.remember">在此设备上记住密钥（localStorage；默认只保存在当前标签页）</Translate>
        </label>
      </p>
      <button type="button" className="button button--primary" onClick={() => void create()} disabled={busy}>
        <Translate id="key.create">申请沙箱密钥</Translate>
      </button>
      {error && (
        <p role="alert" className="margin-top--sm">
          {error}
        </p>
      )}
      {state && (
        <div className="margin-top--md" data-testid="sandbox-key">
          {fresh && (
            <div className="alert alert--warning margin-bottom--md" role="alert">
              <Translate id="key.once">app_secret 只显示这一次，沙箱不保存明文：请现在复制保存。</Translate>
            </div>
          )}
          <CopyField label="app_id" name="app_id" value={state.key.app_id} />
          <CopyField label="source_id" name="source_id" value={state.key.source_id} />
          <CopyField label="app_secret" name="app_secret" value={state.key.app_secret} />
          <CopyField label="webhook_secret" name="webhook_secret" value={state.key.webhook_secret} />
          <RotateWebhookSecret stored={state} />
          <p>
            {state.remembered ? (
              <Translate id="key.storedLocal">已保存在此设备（localStorage）。</Translate>
            ) : (
              <Translate id="key.storedSession">已保存在当前标签页（sessionStorage），关闭后消失。</Translate>
            )}{' '}
            <button type="button" className="button button--sm button--outline button--danger" onClick={clear}>
              <Translate id="key.clear">清除密钥</Translate>
            </button>
          </p>
          <p>
            <Translate id="key.next">下一步：</Translate>{' '}
            <Link to="/docs/auth/token">
              <Translate id="key.next.token">获取Token</Translate>
            </Link>{' '}
            ·{' '}
            <Link to="/docs/payments/create">
              <Translate id="key.next.create">订单创建</Translate>
            </Link>
          </p>
        </div>
      )}
    </div>
  );
}

export default function SandboxKeyPage(): ReactNode {
  return (
    <Layout title={translate({ id: 'key.title', message: '申请沙箱密钥' })}>
      <main className="container margin-vert--lg">
        <h1>
          <Translate id="key.title">申请沙箱密钥</Translate>
        </h1>
        <p>
          <Translate id="key.intro">
            一次点击得到一个沙箱应用：app_id、app_secret、商户号 source_id 和校验通知签名用的
            webhook_secret，并预置三个已启用的模拟渠道。文档页面上的在线调试会自动使用它。
          </Translate>
        </p>
        <BrowserOnly fallback={<p />}>{() => <KeyPanel />}</BrowserOnly>
        <h2>
          <Translate id="key.inbox">通知收件箱</Translate>
        </h2>
        <WebhookInbox />
      </main>
    </Layout>
  );
}
