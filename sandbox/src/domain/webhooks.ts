/**
 * Webhooks, pure: the signature, secret rotation, the retry schedule, and which addresses a
 * delivery may reach. (Receivers verify in their own code; the tests check signatures with an
 * independent HMAC.)
 *   JuYiFu-Signature: t=<unix seconds>,v1=<hex HMAC-SHA256(webhook_secret, t + "." + raw body)>
 * While a rotated-out secret is still valid, one v1 per secret, the newest first: a receiver
 * that accepts any matching v1 keeps working whichever secret it has configured.
 */
import { createHmac } from 'node:crypto';
import { BlockList, isIP } from 'node:net';

export function sign(secrets: string[], unixSeconds: number, body: string): string {
  const v1s = secrets.map(
    (secret) => `v1=${createHmac('sha256', secret).update(`${unixSeconds}.${body}`, 'utf8').digest('hex')}`,
  );
  return [`t=${unixSeconds}`, ...v1s].join(',');
}

/** How long a rotated-out webhook secret keeps signing events beside the new one. */
export const PREVIOUS_SECRET_TTL_MS = 24 * 60 * 60 * 1000;

/** The secrets that sign an event sent at `now`: the current one, then the previous while it lives. */
export function signingSecrets(
  current: string,
  previous: string | null,
  previousExpiresAt: number | null,
  now: number,
) {
  return previous != null && previousExpiresAt != null && now < previousExpiresAt ? [current, previous] : [current];
}

/** When the next attempt is due after `attemptsMade` failed ones; null when retries are spent. */
export function nextAttemptAt(scheduleSec: number[], attemptsMade: number, now: number): number | null {
  const delay = scheduleSec[attemptsMade - 1];
  return delay === undefined ? null : now + delay * 1000;
}

/** Addresses no webhook may reach unless the operator allows private targets. */
const blocked = new BlockList();
for (const [net, prefix] of [
  ['0.0.0.0', 8],
  ['10.0.0.0', 8],
  ['100.64.0.0', 10],
  ['127.0.0.0', 8],
  ['169.254.0.0', 16],
  ['172.16.0.0', 12],
  ['192.0.0.0', 24],
  ['192.0.2.0', 24],
  ['192.168.0.0', 16],
  ['198.18.0.0', 15],
  ['198.51.100.0', 24],
  ['203.0.113.0', 24],
  ['224.0.0.0', 4],
  ['240.0.0.0', 4],
] as const)
  blocked.addSubnet(net, prefix, 'ipv4');
for (const [net, prefix] of [
  ['::', 128],
  ['::1', 128],
  ['fc00::', 7],
  ['fe80::', 10],
  ['ff00::', 8],
  ['64:ff9b::', 96],
  ['2001:db8::', 32],
] as const) {
  blocked.addSubnet(net, prefix, 'ipv6');
}

/** True when the address is loopback, private, link-local or otherwise not on the public internet. */
export function isPrivateAddress(address: string): boolean {
  const family = isIP(address);
  if (family === 0) return true; // not an address at all: refuse
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(address);
  if (mapped) return blocked.check(mapped[1], 'ipv4');
  return blocked.check(address, family === 6 ? 'ipv6' : 'ipv4');
}
