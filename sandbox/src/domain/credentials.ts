/**
 * The `credential` of an order: what the app or page hands to the provider's SDK, shaped per pay
 * way as contract/pay-ways.ts says. Values are sandbox values, derived from the order alone
 * (keyed with its client secret), so every read of the order answers the same credential and no
 * one who knows only an order id can make one. The signatures are not ones a real wallet would
 * accept: in the sandbox an order is paid on its cashier page or through simulate.
 */
import { createHash, createHmac } from 'node:crypto';
import type { components } from '../../../contract/api.ts';
import { NO_PAY_WAY_CREDENTIAL, payWayEntry, type CredentialShape } from '../../../contract/pay-ways.ts';
import { isoShanghai } from './time.ts';

export type Credential = components['schemas']['Credential'];

/** The parts of an order its credential is made from. */
export interface CredentialSource {
  order_id: string;
  app_id: string;
  merchant_id: string;
  pay_way: string | null;
  amount: number;
  product_name: string;
  client_secret: string;
  created_at: number;
}

const sha256 = (text: string) => createHash('sha256').update(text).digest('hex');

/** `n` decimal digits drawn from a hex digest. */
function digits(hex: string, n: number): string {
  return BigInt(`0x${hex.slice(0, 24)}`)
    .toString()
    .slice(-n)
    .padStart(n, '0');
}

/** Seconds since the epoch as the WeChat SDKs take them: a 10-digit string. */
const epochSeconds = (ms: number) => String(Math.floor(ms / 1000));

/** Shanghai wall time of `ms` without separators: yyyyMMddHHmmss. */
const compactTime = (ms: number) => isoShanghai(ms).slice(0, 19).replace(/\D/g, '');

function alipayOrderString(p: CredentialSource, sign: (message: string) => string): string {
  const params = new URLSearchParams({
    app_id: `2021${digits(sha256(`alipay:${p.app_id}`), 12)}`,
    biz_content: JSON.stringify({
      out_trade_no: p.order_id,
      total_amount: (p.amount / 100).toFixed(2),
      subject: p.product_name,
      product_code: 'QUICK_MSECURITY_PAY',
    }),
    charset: 'utf-8',
    method: 'alipay.trade.app.pay',
    sign_type: 'RSA2',
    timestamp: isoShanghai(p.created_at).slice(0, 19).replace('T', ' '),
    version: '1.0',
  });
  params.append('sign', sign(params.toString()));
  return params.toString();
}

/** The credential of shape `shape` for order `p`, whose cashier is at `cashierUrl`. */
function shaped(shape: CredentialShape, p: CredentialSource, cashierUrl: string): Credential {
  const derive = (label: string) => createHmac('sha256', p.client_secret).update(`${label}:${p.order_id}`).digest();
  const sign = (message: string) => createHmac('sha256', p.client_secret).update(message).digest('base64');
  const appId = `wx${sha256(`wechat:${p.app_id}`).slice(0, 16)}`;
  const prepayId = `wx${compactTime(p.created_at)}${derive('prepay').toString('hex').slice(0, 20)}`;
  const nonce = derive('nonce').toString('hex').slice(0, 32);
  const timestamp = epochSeconds(p.created_at);
  switch (shape) {
    case 'AlipayAppCredential':
      return { order_str: alipayOrderString(p, sign) };
    case 'WechatAppCredential':
      return {
        appid: appId,
        partnerid: `19${digits(sha256(`mch:${p.merchant_id}`), 8)}`,
        prepayid: prepayId,
        package: 'Sign=WXPay',
        noncestr: nonce,
        timestamp,
        sign: sign(`${appId}\n${timestamp}\n${nonce}\n${prepayId}\n`),
      };
    case 'WechatJsapiCredential':
      return {
        appId,
        timeStamp: timestamp,
        nonceStr: nonce,
        package: `prepay_id=${prepayId}`,
        signType: 'RSA',
        paySign: sign(`${appId}\n${timestamp}\n${nonce}\nprepay_id=${prepayId}\n`),
      };
    case 'UnionpayAppCredential':
      return { tn: compactTime(p.created_at) + digits(derive('tn').toString('hex'), 7) };
    case 'QrCodeCredential':
      return { code_url: cashierUrl };
    case 'PayUrlCredential':
      return { pay_url: cashierUrl };
  }
}

/** The credential an order's answer carries, shaped by its pay way (the cashier's URL without one). */
export function credentialFor(p: CredentialSource, cashierUrl: string): Credential {
  return shaped(payWayEntry(p.pay_way)?.credential ?? NO_PAY_WAY_CREDENTIAL, p, cashierUrl);
}
