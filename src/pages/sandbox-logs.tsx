import BrowserOnly from '@docusaurus/BrowserOnly';
import Translate, { translate } from '@docusaurus/Translate';
import Layout from '@theme/Layout';
import type { ReactNode } from 'react';
import RequestLog from '@site/src/components/RequestLog/index.tsx';

export default function SandboxLogsPage(): ReactNode {
  return (
    <Layout title={translate({ id: 'logs.title', message: '请求日志' })}>
      <main className="container margin-vert--lg">
        <h1>
          <Translate id="logs.title">请求日志</Translate>
        </h1>
        <p>
          <Translate id="logs.intro">
            沙箱记录用你的密钥发出的每个请求：你的服务器发的（API）和在线调试发的（控制台），包括指名你的 app_id 的获取
            Token 请求。每个应用保留最近 1,000 条，最多 7 天；Authorization 和密钥已打码。 失败的请求附有
            sub_code、处理办法和错误代码表中的对应行；每个请求都可以在控制台中打开，或复制为代码。
          </Translate>
        </p>
        <p>
          <Translate id="logs.ownReads">
            本页每 2 秒读取一次日志（GET
            /v1/sandbox/logs）；这些读取不记入日志，以免挤掉你要看的请求。你的服务器读取日志则照常记录。
          </Translate>
        </p>
        <BrowserOnly fallback={<p />}>{() => <RequestLog />}</BrowserOnly>
      </main>
    </Layout>
  );
}
