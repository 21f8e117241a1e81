import { randomFillSync } from 'node:crypto';

/** Prefixed string ids: never JSON numbers, so no client overflows a Long. */
type IdPrefix = 'app' | 'mch' | 'pay' | 'chn' | 'evt' | 'req' | 'ref' | 'inst';

// Cryptographic randomness drawn 4 KiB at a time: one system call serves hundreds of ids,
// which matters on the hot path (every request gets an id, every order three).
const pool = Buffer.alloc(4096);
let offset = pool.length;

export function randomBuffer(bytes: number): Buffer {
  if (bytes > pool.length) return randomFillSync(Buffer.alloc(bytes));
  if (offset + bytes > pool.length) {
    randomFillSync(pool);
    offset = 0;
  }
  const out = Buffer.from(pool.subarray(offset, offset + bytes));
  // Never hand out the same bytes twice.
  pool.fill(0, offset, offset + bytes);
  offset += bytes;
  return out;
}

export function newId(prefix: IdPrefix, bytes = 12): string {
  return `${prefix}_${randomBuffer(bytes).toString('hex')}`;
}

export function randomSecret(prefix: string, bytes = 24): string {
  return `${prefix}${randomBuffer(bytes).toString('base64url')}`;
}
