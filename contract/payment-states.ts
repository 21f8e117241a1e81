/**
 * The payment order's states and the moves between them: the table the sandbox's state machine
 * checks every change against (sandbox/src/domain/payments.ts) and the 支付订单 pages render.
 * Pure data, so both the server and the site's build can import it.
 */
import type { Localized } from './catalogues.ts';

export type PaymentStatus = 'created' | 'paying' | 'paid' | 'failed' | 'closed';
/** Why an order closed: the merchant's close call, time_expire passing, or the payer's cancel. */
export const CLOSE_REASONS = ['merchant', 'expired', 'payer_cancelled'] as const;
export type CloseReason = (typeof CLOSE_REASONS)[number];

/** Every move an order can make, and what makes it. */
export const PAYMENT_MOVES: readonly { from: PaymentStatus; to: PaymentStatus; by: Localized }[] = [
  {
    from: 'created',
    to: 'paying',
    by: {
      zh: '付款人在收银台提交，或调用模拟接口（paid / failed），或魔法金额到时自动推进',
      en: 'The payer submits on the cashier page, you call simulate (paid / failed), or a magic amount comes due',
    },
  },
  {
    from: 'paying',
    to: 'paid',
    by: { zh: '渠道确认付款成功', en: 'The channel confirms the payment' },
  },
  {
    from: 'paying',
    to: 'failed',
    by: {
      zh: '渠道拒绝（failure_code 说明原因，如 insufficient_funds）',
      en: 'The channel declines (failure_code says why, e.g. insufficient_funds)',
    },
  },
  {
    from: 'created',
    to: 'closed',
    by: {
      zh: '关闭订单（close_reason=merchant）、time_expire 到期（expired）或付款人在收银台取消（payer_cancelled）',
      en: 'The close call (close_reason=merchant), time_expire passing (expired) or the payer cancelling on the cashier page (payer_cancelled)',
    },
  },
  {
    from: 'paying',
    to: 'closed',
    by: {
      zh: '同上：关闭订单、到期或付款人取消',
      en: 'As above: the close call, expiry or the payer cancelling',
    },
  },
];

/** Statuses no move leaves: paid, failed, closed. */
export const FINAL_STATUSES: readonly PaymentStatus[] = (
  ['created', 'paying', 'paid', 'failed', 'closed'] as const
).filter((s) => !PAYMENT_MOVES.some((m) => m.from === s));
