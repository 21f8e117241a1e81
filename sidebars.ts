import type { SidebarsConfig } from '@docusaurus/plugin-content-docs';

/** The original document's sections, in its order, then what integrators need beyond it. */
const sidebars = {
  docs: [
    'intro',
    { type: 'category', label: '新手上路', collapsed: false, items: ['guides/android', 'guides/php', 'guides/java'] },
    { type: 'category', label: '授权机制说明', link: { type: 'doc', id: 'auth/overview' }, items: ['auth/token'] },
    { type: 'category', label: '支付订单', items: ['payments/create', 'payments/query', 'payments/close'] },
    { type: 'category', label: '退款', items: ['refunds/create', 'refunds/query'] },
    {
      type: 'category',
      label: '渠道路由',
      items: ['channels/add', 'channels/delete', 'channels/query', 'channels/update', 'channels/preview'],
    },
    { type: 'category', label: '清算', items: ['bills/query'] },
    'sandbox',
    'deploy',
    'webhooks',
    'errors',
    'changelog',
  ],
} satisfies SidebarsConfig;

export default sidebars;
