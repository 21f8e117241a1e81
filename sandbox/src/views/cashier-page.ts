/**
 * The hosted cashier's HTML, pure: data in, a page out. Every piece of order data is escaped,
 * nothing is loaded from anywhere (styles inline under a nonce), and it fits a phone screen.
 * The buttons are the order's cashier actions (openapi/test-data.yaml's cashier_actions, labels
 * and all); each action's name is also its CSS class below.
 */
import type { Lang } from '../errors.ts';
import type { CashierView } from '../services/cashier.ts';

function escapeHtml(value: unknown): string {
  return String(value ?? '').replace(/[&<>"'`]/g, (c) => `&#${c.charCodeAt(0)};`);
}

function yuan(fen: number): string {
  return `¥${(fen / 100).toFixed(2).replace(/\B(?=(\d{3})+(?!\d))/g, ',')}`;
}

const TEXT = {
  zh: {
    title: '聚易付收银台',
    sandbox: '沙箱环境：不会产生真实扣款',
    order: '订单号',
    product: '商品',
    status: '状态',
    channels: '可用支付渠道',
    routed: '路由选定',
    none: '没有可用渠道',
    back: '返回商户',
    notFound: '订单不存在，或链接已失效。',
    error: '无法完成操作',
    statuses: { created: '待支付', paying: '支付中', paid: '已支付', failed: '支付失败', closed: '已关闭' } as Record<
      string,
      string
    >,
  },
  en: {
    title: 'JuYiFu cashier',
    sandbox: 'Sandbox: no real money moves',
    order: 'Order',
    product: 'Product',
    status: 'Status',
    channels: 'Channels for this order',
    routed: 'routed',
    none: 'No channel can take this order',
    back: 'Back to the merchant',
    notFound: 'No such order, or this link has expired.',
    error: 'This could not be done',
    statuses: {
      created: 'awaiting payment',
      paying: 'paying',
      paid: 'paid',
      failed: 'failed',
      closed: 'closed',
    } as Record<string, string>,
  },
};

const PROVIDER_NAMES: Record<string, { zh: string; en: string }> = {
  mock_alipay: { zh: '支付宝（模拟）', en: 'Alipay (mock)' },
  mock_wechat: { zh: '微信支付（模拟）', en: 'WeChat Pay (mock)' },
  mock_unionpay: { zh: '银联（模拟）', en: 'UnionPay (mock)' },
};

const STYLE = `
*{box-sizing:border-box}body{margin:0;font:16px/1.5 system-ui,-apple-system,"PingFang SC","Microsoft YaHei","Noto Sans CJK SC",sans-serif;background:#f2f4f7;color:#1c2430}
main{max-width:28rem;margin:0 auto;padding:1rem}
.card{background:#fff;border-radius:12px;padding:1.25rem;box-shadow:0 1px 3px rgba(0,0,0,.12)}
h1{font-size:1.1rem;margin:0 0 .25rem}h2{font-size:1rem}.note{color:#8a4b00;background:#fff4e0;border-radius:6px;padding:.25rem .5rem;font-size:.85rem;display:inline-block}
.amount{font-size:2.25rem;font-weight:700;margin:.75rem 0}
dl{display:grid;grid-template-columns:auto 1fr;gap:.25rem .75rem;margin:0 0 1rem;font-size:.95rem}dt{color:#4a5565}dd{margin:0;word-break:break-all}
ul{list-style:none;padding:0;margin:0 0 1rem}li{padding:.5rem .75rem;border:1px solid #d5dbe3;border-radius:8px;margin-bottom:.5rem}
.tag{font-size:.8rem;background:#1a56a8;color:#fff;border-radius:4px;padding:0 .4rem;margin-left:.5rem}
form{display:grid;gap:.5rem}button,.back{font:inherit;width:100%;padding:.8rem;border-radius:8px;border:0;cursor:pointer;text-align:center;text-decoration:none;display:block}
.pay{background:#1a7f37;color:#fff}.fail{background:#b42318;color:#fff}.cancel{background:#e4e7ec;color:#1c2430}.back{background:#1a56a8;color:#fff}
.status-paid{color:#1a7f37}.status-failed,.status-closed{color:#b42318}
`;

function page(lang: Lang, nonce: string, body: string): string {
  const t = TEXT[lang];
  return `<!doctype html>
<html lang="${lang === 'zh' ? 'zh-Hans' : 'en'}"><head><meta charset="utf-8">
<meta name="viewport" content="width=device-width,initial-scale=1">
<meta name="referrer" content="no-referrer">
<title>${escapeHtml(t.title)}</title><style nonce="${nonce}">${STYLE}</style></head>
<body><main><div class="card">${body}</div></main></body></html>`;
}

export function renderCashier(v: CashierView, lang: Lang, clientSecret: string, nonce: string): string {
  const t = TEXT[lang];
  // An order that still takes actions is open: it shows its channels and the buttons.
  const open = v.actions.length > 0;
  const channels = v.channels.length
    ? `<ul>${v.channels
        .map(
          (c) =>
            `<li>${escapeHtml(PROVIDER_NAMES[c.provider]?.[lang] ?? c.provider)}${c.routed ? `<span class="tag">${escapeHtml(t.routed)}</span>` : ''}</li>`,
        )
        .join('')}</ul>`
    : `<p>${escapeHtml(t.none)}</p>`;
  const buttons = v.actions
    .map(
      (a) =>
        `<button class="${escapeHtml(a.action)}" name="action" value="${escapeHtml(a.action)}">${escapeHtml(a.label[lang])}</button>`,
    )
    .join('\n');
  const actions = open
    ? `<form method="post" action="/cashier/${escapeHtml(v.order_id)}">
<input type="hidden" name="client_secret" value="${escapeHtml(clientSecret)}">
${buttons}
</form>`
    : v.return_url
      ? `<a class="back" href="${escapeHtml(v.return_url)}">${escapeHtml(t.back)}</a>`
      : '';
  return page(
    lang,
    nonce,
    `<h1>${escapeHtml(t.title)}</h1><span class="note">${escapeHtml(t.sandbox)}</span>
<div class="amount">${escapeHtml(yuan(v.amount))}</div>
<dl><dt>${escapeHtml(t.product)}</dt><dd>${escapeHtml(v.product_name)}</dd>
<dt>${escapeHtml(t.order)}</dt><dd>${escapeHtml(v.order_id)}</dd>
<dt>${escapeHtml(t.status)}</dt><dd class="status-${escapeHtml(v.status)}" data-status="${escapeHtml(v.status)}">${escapeHtml(t.statuses[v.status] ?? v.status)}${v.failure_code ? ` (${escapeHtml(v.failure_code)})` : ''}</dd></dl>
${open ? `<h2>${escapeHtml(t.channels)}</h2>${channels}` : ''}${actions}`,
  );
}

export function renderCashierError(lang: Lang, nonce: string, kind: 'not_found' | 'error', detail = ''): string {
  const t = TEXT[lang];
  return page(
    lang,
    nonce,
    `<h1>${escapeHtml(kind === 'not_found' ? t.notFound : t.error)}</h1>${detail ? `<p>${escapeHtml(detail)}</p>` : ''}`,
  );
}
