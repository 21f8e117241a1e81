/** A notification as stored (and later signed and delivered), for any kind of event. */
import { newId } from '../domain/ids.ts';
import type { EventRecord } from '../store/types.ts';

export function eventRecord(
  owner: { merchant_id: string; app_id: string; order_id: string },
  type: string,
  data: object,
  notifyUrl: string | null,
  now: number,
): EventRecord {
  const id = newId('evt');
  return {
    event_id: id,
    merchant_id: owner.merchant_id,
    app_id: owner.app_id,
    order_id: owner.order_id,
    type,
    created_at: now,
    payload: JSON.stringify({ id, type, created: Math.floor(now / 1000), data }),
    notify_url: notifyUrl,
    status: notifyUrl ? 'pending' : 'no_endpoint',
    attempt_count: 0,
    next_attempt_at: notifyUrl ? now : null,
  };
}
