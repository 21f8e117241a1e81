import Link from '@docusaurus/Link';
import Translate from '@docusaurus/Translate';
import Layout from '@theme/Layout';
import type { ReactNode } from 'react';

export default function Home(): ReactNode {
  return (
    <Layout title="聚易付开发者中心" description="One API, many payment channels">
      <main className="container margin-vert--xl">
        <h1>
          <Translate id="home.title">聚易付开发者中心</Translate>
        </h1>
        <p>
          <Translate id="home.tagline">一个接口，接入多个支付渠道。申请沙箱密钥，几分钟内完成第一笔测试订单。</Translate>
        </p>
        <Link className="button button--primary button--lg" to="/docs/intro">
          <Translate id="home.start">开始阅读</Translate>
        </Link>
      </main>
    </Layout>
  );
}
