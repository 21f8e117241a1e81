import type { SeedChannel } from '../../../contract/index.ts';
import { payWayEntry } from '../../../contract/pay-ways.ts';
import type { RoutableChannel } from './routing.ts';
import { isoShanghai } from './time.ts';
import { mask } from './secrets.ts';

export interface ChannelRecord extends RoutableChannel {
  merchant_id: string;
  fee_rate_bps: number;
  /** Sealed JSON object of the credentials (see SecretBox). */
  credentials_sealed: string | null;
  created_at: number;
  updated_at: number;
}

/** The first of `payWays` that `provider` does not offer (the pay-way catalogue says whose each is), if any. */
export function foreignPayWay(provider: string, payWays: string[]): string | undefined {
  return payWays.find((w) => payWayEntry(w)?.provider !== provider);
}

export function seedChannelRecord(
  seed: SeedChannel,
  merchantId: string,
  channelId: string,
  now: number,
): ChannelRecord {
  return {
    channel_id: channelId,
    merchant_id: merchantId,
    provider: seed.provider,
    pay_ways: [...seed.pay_ways],
    priority: seed.priority,
    weight: seed.weight,
    status: 'enabled',
    fee_rate_bps: seed.fee_rate_bps,
    min_amount: seed.min_amount,
    max_amount: seed.max_amount,
    credentials_sealed: null,
    created_at: now,
    updated_at: now,
    deleted_at: null,
  };
}

export function channelView(c: ChannelRecord, credentials: Record<string, string>) {
  return {
    channel_id: c.channel_id,
    provider: c.provider,
    pay_ways: c.pay_ways,
    priority: c.priority,
    weight: c.weight,
    status: c.status,
    fee_rate_bps: c.fee_rate_bps,
    min_amount: c.min_amount,
    max_amount: c.max_amount,
    credentials: Object.fromEntries(Object.entries(credentials).map(([k, v]) => [k, mask(v)])),
    created_at: isoShanghai(c.created_at),
    updated_at: isoShanghai(c.updated_at),
  };
}
