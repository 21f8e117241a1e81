import Link from '@docusaurus/Link';
import Translate, { translate } from '@docusaurus/Translate';
import Layout from '@theme/Layout';
import type { ReactNode } from 'react';
import SignatureDebugger from '@site/src/components/SignatureDebugger/index.tsx';

/** /tools/signature: why does my webhook handler reject a JuYiFu-Signature? */
export default function SignatureDebuggerPage(): ReactNode {
  const title = translate({ id: 'sigdbg.title', message: '签名调试' });
  return (
    <Layout
      title={title}
      description={translate({
        id: 'sigdbg.description',
        message: '检查一个通知的 JuYiFu-Signature：被签名的字符串、期望的签名、时间戳，以及不匹配的原因。',
      })}
    >
      <main className="container margin-vert--lg">
        <h1>{title}</h1>
        <p>
          <Translate id="sigdbg.intro">
            你的服务器拒绝了一个通知？粘贴它收到的 JuYiFu-Signature 头、原始请求体和
            webhook_secret：这里显示被签名的字符串 t.body、期望的 v1、签名头中每个 v1 是否匹配、时间戳是否在 5
            分钟内，不匹配时指出可能的原因。
          </Translate>{' '}
          <Link to="/docs/webhooks">
            <Translate id="sigdbg.rules">签名规则见“异步通知”。</Translate>
          </Link>
        </p>
        <p className="alert alert--info" data-testid="sigdbg-local">
          <Translate id="sigdbg.local">
            一切都在这个浏览器中用 Web Crypto 计算：你填写的头、请求体和密钥不会发送到任何地方。
          </Translate>
        </p>
        <SignatureDebugger />
      </main>
    </Layout>
  );
}
