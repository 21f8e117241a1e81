/**
 * Checks a JuYiFu-Signature in the browser with Web Crypto: `t=<unix>,v1=<hex>[,v1=<hex>…]` is
 * good when any v1 is HMAC-SHA256(secret, t + "." + body). For a day after the webhook secret is
 * rotated every event carries one v1 per secret (the new, then the old), so the key stored before
 * the rotation and the new one both verify.
 */
const HEADER = /^t=(\d+)((?:,v1=[0-9a-f]{64})+)$/;

export async function verifySignature(
  secret: string,
  header: string,
  body: string,
  subtle: SubtleCrypto = globalThis.crypto.subtle,
): Promise<boolean> {
  const m = HEADER.exec(header.trim());
  if (!m) return false;
  const enc = new TextEncoder();
  const key = await subtle.importKey('raw', enc.encode(secret), { name: 'HMAC', hash: 'SHA-256' }, false, ['verify']);
  const signed = enc.encode(`${m[1]}.${body}`);
  const signatures = m[2].split(',v1=').slice(1);
  // subtle.verify compares in constant time; every v1 is checked, none short-circuits the others.
  const checks = await Promise.all(
    signatures.map((hex) =>
      subtle.verify('HMAC', key, new Uint8Array(hex.match(/../g)!.map((h) => parseInt(h, 16))), signed),
    ),
  );
  return checks.includes(true);
}

/** Hex HMAC-SHA256 of raw bytes: the signature debugger signs bodies as other encodings would give them. */
export async function hmacHex(
  secret: string,
  message: Uint8Array,
  subtle: SubtleCrypto = globalThis.crypto.subtle,
): Promise<string> {
  const key = await subtle.importKey(
    'raw',
    new TextEncoder().encode(secret),
    { name: 'HMAC', hash: 'SHA-256' },
    false,
    ['sign'],
  );
  const mac = new Uint8Array(await subtle.sign('HMAC', key, message as BufferSource));
  return Array.from(mac, (b) => b.toString(16).padStart(2, '0')).join('');
}
