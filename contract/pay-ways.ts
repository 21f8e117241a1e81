/**
 * The pay-way catalogue: each pay_way, the provider it belongs to, what an order of it must
 * send, the credential its answer carries and where each credential field goes in the real SDK
 * or page. The sandbox checks channels and shapes credentials from it, the 订单创建 page renders
 * it; tests hold openapi.yaml's PayWay enum, its if/then rules and credential schemas to it.
 * Pure data, so both the server and the site's build can import it.
 */
import type { Localized } from './catalogues.ts';

export const PAY_WAY_VALUES = [
  'alipay_app',
  'alipay_wap',
  'alipay_pc',
  'alipay_qr',
  'wechat_app',
  'wechat_jsapi',
  'wechat_h5',
  'wechat_mini',
  'wechat_qr',
  'unionpay_app',
  'unionpay_qr',
] as const;
export type PayWay = (typeof PAY_WAY_VALUES)[number];

/** Request fields some pay ways need on top of the usual ones (dotted: inside `extra`). */
export type PayWayField = 'client_ip' | 'extra.openid';

/** The contract's credential schemas (components.schemas), one per shape. */
export type CredentialShape =
  | 'AlipayAppCredential'
  | 'WechatAppCredential'
  | 'WechatJsapiCredential'
  | 'UnionpayAppCredential'
  | 'QrCodeCredential'
  | 'PayUrlCredential';

export interface PayWayEntry {
  pay_way: PayWay;
  provider: 'mock_alipay' | 'mock_wechat' | 'mock_unionpay';
  name: Localized;
  requires: PayWayField[];
  credential: CredentialShape;
  /** Each credential field, in the schema's order, and where it goes (code, the same in every language). */
  fields: { field: string; to: string }[];
  /** What the app or page does with the credential. */
  use: Localized;
}

/** The credential of an order without a pay way: the cashier lets the payer choose. */
export const NO_PAY_WAY_CREDENTIAL: CredentialShape = 'PayUrlCredential';

const REDIRECT: Localized = {
  zh: '让付款人的浏览器打开 pay_url（沙箱里是该订单的收银台）',
  en: "Send the payer's browser to pay_url (in the sandbox, the order's cashier)",
};
const QR: Localized = {
  zh: '把 code_url 画成二维码给付款人扫（沙箱里它指向该订单的收银台）',
  en: "Draw code_url as a QR code for the payer to scan (in the sandbox it points at the order's cashier)",
};
const payUrl = [{ field: 'pay_url', to: 'location.href = pay_url' }];
const codeUrl = [{ field: 'code_url', to: 'QR code(code_url)' }];
const jsapi = (call: string, appId: string) =>
  [
    ['appId', appId],
    ['timeStamp', `${call}.timeStamp`],
    ['nonceStr', `${call}.nonceStr`],
    ['package', `${call}.package`],
    ['signType', `${call}.signType`],
    ['paySign', `${call}.paySign`],
  ].map(([field, to]) => ({ field, to }));

export const PAY_WAYS: readonly PayWayEntry[] = [
  {
    pay_way: 'alipay_app',
    provider: 'mock_alipay',
    name: { zh: '支付宝 App 支付', en: 'Alipay in an app' },
    requires: [],
    credential: 'AlipayAppCredential',
    fields: [{ field: 'order_str', to: 'new PayTask(activity).payV2(order_str, true)' }],
    use: {
      zh: '整串交给支付宝 SDK，不要拆开或改动',
      en: 'Hand the whole string to the Alipay SDK, unparsed and unchanged',
    },
  },
  {
    pay_way: 'alipay_wap',
    provider: 'mock_alipay',
    name: { zh: '支付宝手机网站支付', en: 'Alipay on a mobile website' },
    requires: ['client_ip'],
    credential: 'PayUrlCredential',
    fields: payUrl,
    use: REDIRECT,
  },
  {
    pay_way: 'alipay_pc',
    provider: 'mock_alipay',
    name: { zh: '支付宝电脑网站支付', en: 'Alipay on a desktop website' },
    requires: [],
    credential: 'PayUrlCredential',
    fields: payUrl,
    use: REDIRECT,
  },
  {
    pay_way: 'alipay_qr',
    provider: 'mock_alipay',
    name: { zh: '支付宝扫码支付', en: 'Alipay QR code' },
    requires: [],
    credential: 'QrCodeCredential',
    fields: codeUrl,
    use: QR,
  },
  {
    pay_way: 'wechat_app',
    provider: 'mock_wechat',
    name: { zh: '微信 App 支付', en: 'WeChat Pay in an app' },
    requires: [],
    credential: 'WechatAppCredential',
    fields: [
      ['appid', 'PayReq.appId'],
      ['partnerid', 'PayReq.partnerId'],
      ['prepayid', 'PayReq.prepayId'],
      ['package', 'PayReq.packageValue'],
      ['noncestr', 'PayReq.nonceStr'],
      ['timestamp', 'PayReq.timeStamp'],
      ['sign', 'PayReq.sign'],
    ].map(([field, to]) => ({ field, to })),
    use: {
      zh: '填进微信 OpenSDK 的 PayReq，再调用 IWXAPI.sendReq(req)',
      en: "Fill the WeChat OpenSDK's PayReq, then call IWXAPI.sendReq(req)",
    },
  },
  {
    pay_way: 'wechat_jsapi',
    provider: 'mock_wechat',
    name: { zh: '微信公众号（JSAPI）支付', en: 'WeChat Pay in an Official Account page (JSAPI)' },
    requires: ['extra.openid'],
    credential: 'WechatJsapiCredential',
    fields: jsapi('getBrandWCPayRequest', 'getBrandWCPayRequest.appId'),
    use: {
      zh: "在微信内置浏览器中原样传给 WeixinJSBridge.invoke('getBrandWCPayRequest', credential)",
      en: "In WeChat's browser, pass it as it is to WeixinJSBridge.invoke('getBrandWCPayRequest', credential)",
    },
  },
  {
    pay_way: 'wechat_h5',
    provider: 'mock_wechat',
    name: { zh: '微信 H5 支付（手机浏览器）', en: 'WeChat Pay in a mobile browser (H5)' },
    requires: ['client_ip'],
    credential: 'PayUrlCredential',
    fields: payUrl,
    use: REDIRECT,
  },
  {
    pay_way: 'wechat_mini',
    provider: 'mock_wechat',
    name: { zh: '微信小程序支付', en: 'WeChat Pay in a Mini Program' },
    requires: ['extra.openid'],
    credential: 'WechatJsapiCredential',
    fields: jsapi('wx.requestPayment', '—'),
    use: {
      zh: '传给 wx.requestPayment；appId 不用传，小程序用它自己的',
      en: 'Pass it to wx.requestPayment; leave appId out, the Mini Program uses its own',
    },
  },
  {
    pay_way: 'wechat_qr',
    provider: 'mock_wechat',
    name: { zh: '微信扫码（Native）支付', en: 'WeChat Pay QR code (Native)' },
    requires: [],
    credential: 'QrCodeCredential',
    fields: codeUrl,
    use: QR,
  },
  {
    pay_way: 'unionpay_app',
    provider: 'mock_unionpay',
    name: { zh: '银联手机控件支付', en: 'UnionPay in an app' },
    requires: [],
    credential: 'UnionpayAppCredential',
    fields: [{ field: 'tn', to: 'UPPayAssistEx.startPay(activity, null, null, tn, "01")' }],
    use: {
      zh: 'tn 交给银联控件；最后一个参数 "01" 是测试环境，生产用 "00"',
      en: 'Hand tn to the UnionPay plug-in; the last argument "01" is the test environment, "00" production',
    },
  },
  {
    pay_way: 'unionpay_qr',
    provider: 'mock_unionpay',
    name: { zh: '银联二维码支付', en: 'UnionPay QR code' },
    requires: [],
    credential: 'QrCodeCredential',
    fields: codeUrl,
    use: QR,
  },
];

/** The catalogue entry of a pay way; undefined for a value the catalogue does not have. */
export function payWayEntry(payWay: string | null | undefined): PayWayEntry | undefined {
  return PAY_WAYS.find((w) => w.pay_way === payWay);
}
