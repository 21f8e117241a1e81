/**
 * An app's webhook events as the portal shows them (the inbox, and the console under a paid
 * order): listed with the stored key's token, each signature checked here with the key's
 * webhook_secret, and watched until their deliveries have ended. React-free, so it is testable.
 */
import type { SuccessData } from '../../../contract/api.ts';
import type { Json } from '../http-request.ts';
import type { SandboxClient } from '../sandbox-client.ts';
import { valueAt } from './follow-ups.ts';
import type { SandboxKey } from './keys.ts';
import { verifySignature } from './signature.ts';

export type ListedEvent = SuccessData<'listEvents'>['items'][number];
export type Attempt = ListedEvent['delivery']['attempts'][number];
/** An event with the verdict on its JuYiFu-Signature, checked with the reader's webhook_secret. */
export type CheckedEvent = ListedEvent & { valid: boolean };
export type Loaded = { ok: true; events: CheckedEvent[] } | { ok: false; message: string };

export interface EventSource {
  client: Pick<SandboxClient, 'call'>;
  tokens: { get(appId: string, appSecret: string): Promise<{ access_token: string }> };
  key: SandboxKey;
}

/** The app's latest events (`query` narrows them: `[['order_id', …]]`), signatures checked. */
export async function loadEvents({ client, tokens, key }: EventSource, query: [string, string][]): Promise<Loaded> {
  let token: string;
  try {
    token = (await tokens.get(key.app_id, key.app_secret)).access_token;
  } catch (e) {
    return { ok: false, message: (e as Error).message };
  }
  const answer = await client.call<SuccessData<'listEvents'>>({
    method: 'GET',
    path: '/v1/events',
    query,
    bearer: token,
  });
  if (!answer.ok) {
    const { error } = answer;
    return { ok: false, message: error.kind === 'api' ? `${error.code} ${error.sub_code}` : error.message };
  }
  const events = await Promise.all(
    answer.data.items.map(async (e) => ({
      ...e,
      valid: await verifySignature(key.webhook_secret, e.signature, e.payload),
    })),
  );
  return { ok: true, events };
}

/** Order states that send a payment event: the console shows that order's events once it is in one. */
const EVENT_STATES = new Set(['paid', 'failed', 'closed']);

/**
 * The order whose events to show under a 0000 answer: an order (not a refund of it) that is paid,
 * failed or closed. Null for anything else, so an order still waiting for payment shows nothing.
 */
export function orderWithEvents(json: Json | null): string | null {
  const orderId = valueAt(json, 'data.order_id');
  const status = valueAt(json, 'data.status');
  if (typeof orderId !== 'string' || valueAt(json, 'data.refund_id') !== undefined) return null;
  return typeof status === 'string' && EVENT_STATES.has(status) ? orderId : null;
}

/** Whether nothing more will happen to these events by itself: there is one, and none is still being delivered. */
export function settled(events: ListedEvent[]): boolean {
  return events.length > 0 && events.every((e) => e.delivery.status !== 'pending');
}

/**
 * Every 1.5 s for at most a minute: the first delivery is made at once and its first retries
 * come 2 and 5 s later, so a reader sees them; later retries (up to 60 s apart) are for the inbox.
 */
export const EVENTS_EVERY_MS = 1500;
export const EVENTS_TRIES = 40;

export interface EventWatch {
  load: () => Promise<Loaded>;
  wait: (ms: number) => Promise<void>;
  /** Each load's outcome as it comes. */
  onLoaded: (loaded: Loaded) => void;
  /** False once the watch is no longer wanted (another order, the console closed). */
  active: () => boolean;
  tries?: number;
}

/** Loads at once, then again until the events have settled, a load fails or the tries are spent. */
export async function watchEvents({ load, wait, onLoaded, active, tries = EVENTS_TRIES }: EventWatch): Promise<void> {
  for (let i = 0; i < tries; i++) {
    if (i > 0) await wait(EVENTS_EVERY_MS);
    if (!active()) return;
    const loaded = await load();
    if (!active()) return;
    onLoaded(loaded);
    if (!loaded.ok || settled(loaded.events)) return;
  }
}
