/**
 * Channel routing, pure: which channels may take a payment and in which order to try them.
 * Eligible = enabled, not deleted, takes the pay_way, amount within limits. The lowest
 * priority number wins; inside that group a weighted draw seeded by the order id picks the
 * first channel (so the same order always routes the same way); the rest are fallbacks.
 */
import { createHash } from 'node:crypto';
import type { ChannelAttempt } from './payments.ts';

export interface RoutableChannel {
  channel_id: string;
  provider: string;
  pay_ways: string[];
  priority: number;
  weight: number;
  status: 'enabled' | 'disabled';
  min_amount: number;
  max_amount: number | null;
  deleted_at: number | null;
}

export function eligibleChannels<C extends RoutableChannel>(channels: C[], payWay: string | null, amount: number): C[] {
  return channels.filter(
    (c) =>
      c.status === 'enabled' &&
      c.deleted_at == null &&
      (payWay == null || c.pay_ways.includes(payWay)) &&
      amount >= c.min_amount &&
      (c.max_amount == null || amount <= c.max_amount),
  );
}

/** A number in [0, 1) fixed by the seed. */
function seededUnit(seed: string): number {
  const h = createHash('sha256').update(seed).digest();
  return h.readUIntBE(0, 6) / 2 ** 48;
}

/** Channels in the order to try them; empty when none is eligible. */
export function routeOrder<C extends RoutableChannel>(
  channels: C[],
  payWay: string | null,
  amount: number,
  seed: string,
): C[] {
  const eligible = eligibleChannels(channels, payWay, amount).sort(
    (a, b) => a.priority - b.priority || a.channel_id.localeCompare(b.channel_id),
  );
  if (eligible.length === 0) return [];
  const top = eligible.filter((c) => c.priority === eligible[0].priority);
  const total = top.reduce((s, c) => s + c.weight, 0);
  let point = seededUnit(seed) * total;
  let chosen = top[top.length - 1];
  for (const c of top) {
    if (point < c.weight) {
      chosen = c;
      break;
    }
    point -= c.weight;
  }
  return [chosen, ...eligible.filter((c) => c !== chosen)];
}

/** For the preview: each candidate with its chance of being tried first. */
export function routeProbabilities<C extends RoutableChannel>(channels: C[], payWay: string | null, amount: number) {
  const eligible = eligibleChannels(channels, payWay, amount).sort(
    (a, b) => a.priority - b.priority || b.weight - a.weight || a.channel_id.localeCompare(b.channel_id),
  );
  if (eligible.length === 0) return [];
  const topPriority = eligible[0].priority;
  const total = eligible.filter((c) => c.priority === topPriority).reduce((s, c) => s + c.weight, 0);
  return eligible.map((c) => ({ channel: c, probability: c.priority === topPriority ? c.weight / total : 0 }));
}

/**
 * Offers an order to the channels of its route in turn until one accepts (fallback routing).
 * `refuses(channel, index)` says which answer channel_unavailable. Every offer is recorded.
 */
export function placeOrder<C extends RoutableChannel>(
  route: C[],
  now: number,
  refuses: (channel: C, index: number) => boolean,
): { channel: C | null; attempts: ChannelAttempt[] } {
  const attempts: ChannelAttempt[] = [];
  for (const [i, c] of route.entries()) {
    if (refuses(c, i)) {
      attempts.push({ channel_id: c.channel_id, result: 'failed', failure_code: 'channel_unavailable', at: now });
      continue;
    }
    attempts.push({ channel_id: c.channel_id, result: 'accepted', failure_code: null, at: now });
    return { channel: c, attempts };
  }
  return { channel: null, attempts };
}
