import Link from '@docusaurus/Link';
import Translate, { translate } from '@docusaurus/Translate';
import Layout from '@theme/Layout';
import type { ReactNode } from 'react';
import SandboxStatus from '@site/src/components/SandboxStatus/index.tsx';
import styles from './index.module.css';

const STEPS = [
  {
    to: '/sandbox-key',
    title: translate({ id: 'home.step1', message: '1 · 申请沙箱密钥' }),
    text: translate({ id: 'home.step1.text', message: '一次请求得到 app_id、app_secret 和三个可用的模拟渠道。' }),
  },
  {
    to: '/docs/auth/token',
    title: translate({ id: 'home.step2', message: '2 · 获取 Token' }),
    text: translate({ id: 'home.step2.text', message: '客户端凭证换取 Bearer 令牌，有效 7200 秒。' }),
  },
  {
    to: '/docs/payments/create',
    title: translate({ id: 'home.step3', message: '3 · 创建第一笔订单' }),
    text: translate({ id: 'home.step3.text', message: '金额以分为单位；打开 pay_url 在收银台完成支付。' }),
  },
  {
    to: '/docs/webhooks',
    title: translate({ id: 'home.step4', message: '4 · 接收异步通知' }),
    text: translate({ id: 'home.step4.text', message: '校验 JuYiFu-Signature 签名，确认支付后再发货。' }),
  },
];

const SECTIONS = [
  { to: '/docs/intro', label: translate({ id: 'home.s.intro', message: '产品简介' }) },
  { to: '/docs/guides/android', label: translate({ id: 'home.s.android', message: 'Android 集成引导' }) },
  { to: '/docs/guides/php', label: translate({ id: 'home.s.php', message: 'PHP 集成引导' }) },
  { to: '/docs/guides/java', label: translate({ id: 'home.s.java', message: 'Java 集成引导' }) },
  { to: '/docs/auth/overview', label: translate({ id: 'home.s.auth', message: '授权机制说明' }) },
  { to: '/docs/payments/create', label: translate({ id: 'home.s.create', message: '订单创建' }) },
  { to: '/docs/payments/query', label: translate({ id: 'home.s.query', message: '订单查询' }) },
  { to: '/docs/refunds/create', label: translate({ id: 'home.s.refund', message: '退款 · 申请退款' }) },
  { to: '/docs/refunds/query', label: translate({ id: 'home.s.refundQuery', message: '查询退款' }) },
  { to: '/docs/channels/add', label: translate({ id: 'home.s.channels', message: '渠道路由' }) },
  { to: '/docs/bills/query', label: translate({ id: 'home.s.bills', message: '清算 · 账单查询' }) },
  { to: '/docs/sandbox', label: translate({ id: 'home.s.sandbox', message: '沙箱测试数据' }) },
  { to: '/docs/deploy', label: translate({ id: 'home.s.deploy', message: '部署' }) },
  { to: '/docs/webhooks', label: translate({ id: 'home.s.webhooks', message: '异步通知' }) },
  { to: '/docs/errors', label: translate({ id: 'home.s.errors', message: '错误代码' }) },
  { to: '/docs/changelog', label: translate({ id: 'home.s.changelog', message: '变更记录' }) },
];

export default function Home(): ReactNode {
  return (
    <Layout
      title={translate({ id: 'home.title', message: '聚易付开发者中心' })}
      description={translate({ id: 'home.description', message: '一个接口，接入多个支付渠道' })}
    >
      <main className="container margin-bottom--xl">
        <header className={styles.hero}>
          <h1>
            <Translate id="home.title">聚易付开发者中心</Translate>
          </h1>
          <p>
            <Translate id="home.tagline">
              聚易付是聚合支付平台：你的服务器只接一个
              API，就能通过支付宝、微信支付、银联等多个渠道收款。渠道路由、对账和支付结果通知都由聚易付完成。
            </Translate>
          </p>
          <SandboxStatus />
          <Link className="button button--primary button--lg" to="/docs/intro">
            <Translate id="home.start">开始阅读</Translate>
          </Link>
        </header>
        <h2>
          <Translate id="home.path">从密钥到第一笔通知</Translate>
        </h2>
        <ol className={styles.steps}>
          {STEPS.map((s) => (
            <li key={s.to}>
              <h3>
                <Link to={s.to}>{s.title}</Link>
              </h3>
              <p>{s.text}</p>
            </li>
          ))}
        </ol>
        <h2>
          <Translate id="home.sections">全部章节</Translate>
        </h2>
        <ul className={styles.sections}>
          {SECTIONS.map((s) => (
            <li key={s.to}>
              <Link to={s.to}>{s.label}</Link>
            </li>
          ))}
        </ul>
      </main>
    </Layout>
  );
}
