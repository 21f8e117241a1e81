/**
 * The two catalogues beside openapi.yaml, typed once for everyone who reads them: the sandbox
 * answers from them, the portal renders them, the tests check them. Keys mirror the YAML files.
 */

/** Text in both of the portal's languages. */
export interface Localized {
  zh: string;
  en: string;
}

/** openapi/errors.yaml: one entry per `code` the API answers. */
export interface ErrorCode {
  /** "0000" for success, otherwise the HTTP status as text ("400", "401", …). */
  code: string;
  http_status: number;
  title: Localized;
  when: Localized;
  fix: Localized;
  /** How a reader can make the sandbox answer this code. */
  trigger: Localized;
  sub_codes: SubCode[];
}

export interface SubCode {
  sub_code: string;
  /** Template: `{param}` and `{detail}` are filled in by the sandbox. */
  message: Localized;
  /** What to do about this case, where it differs from the code's general advice. */
  fix?: Localized;
  /** How to produce it in the sandbox (errors.test.ts runs every one). */
  trigger?: Localized;
}

export interface ErrorCatalogueFile {
  codes: ErrorCode[];
}

export type MagicBehavior =
  'normal' | 'auto_pay' | 'auto_fail' | 'decline' | 'no_channel' | 'first_channel_unavailable';

/** An amount (in fen) that makes the sandbox do something on purpose. */
export interface MagicAmount {
  amount: number;
  behavior: MagicBehavior;
  /** For auto_pay / auto_fail: seconds after creation. */
  delay_seconds?: number;
  /** For auto_fail / decline: the failure_code the order gets. */
  failure_code?: string;
  title: Localized;
  description: Localized;
}

export interface FailureCode {
  code: string;
  zh: string;
  en: string;
}

/** A channel every new sandbox app starts with. */
export interface SeedChannel {
  provider: string;
  pay_ways: string[];
  priority: number;
  weight: number;
  fee_rate_bps: number;
  min_amount: number;
  max_amount: number;
}

/** A button of the hosted cashier and the state it moves an open order to. */
export interface CashierAction {
  action: 'pay' | 'fail' | 'cancel';
  label: Localized;
  result: 'paid' | 'failed' | 'closed';
  note: Localized;
}

/** openapi/test-data.yaml, every key it has. */
export interface TestData {
  magic_amounts: MagicAmount[];
  failure_codes: FailureCode[];
  seeded_channels: SeedChannel[];
  cashier_actions: CashierAction[];
  /** Seconds between webhook delivery retries; its length bounds them. */
  webhook_retry_seconds: number[];
  /** Seconds after it was asked for that a refund succeeds (or fails, for a magic refund amount). */
  refund_delay_seconds: number;
  magic_refund_amounts: MagicRefundAmount[];
}

/** A refund amount (in fen) that makes the refund fail on purpose. */
export interface MagicRefundAmount {
  amount: number;
  failure_code: string;
  title: Localized;
  description: Localized;
}
