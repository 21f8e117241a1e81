import { randomBytes } from 'node:crypto';

/** Prefixed string ids: never JSON numbers, so no client overflows a Long. */
export type IdPrefix = 'app' | 'mch' | 'pay' | 'chn' | 'evt' | 'req';

export function newId(prefix: IdPrefix, bytes = 12): string {
  return `${prefix}_${randomBytes(bytes).toString('hex')}`;
}

export function randomSecret(prefix: string, bytes = 24): string {
  return `${prefix}${randomBytes(bytes).toString('base64url')}`;
}
