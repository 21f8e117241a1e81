/** Checks a JuYiFu-Signature in the browser with Web Crypto (HMAC-SHA256 over `t.body`). */
export async function verifySignature(
  secret: string,
  header: string,
  body: string,
  subtle: SubtleCrypto = globalThis.crypto.subtle,
): Promise<boolean> {
  const m = /^t=(\d+),v1=([0-9a-f]{64})$/.exec(header.trim());
  if (!m) return false;
  const enc = new TextEncoder();
  const key = await subtle.importKey('raw', enc.encode(secret), { name: 'HMAC', hash: 'SHA-256' }, false, ['verify']);
  const sig = new Uint8Array(m[2].match(/../g)!.map((h) => parseInt(h, 16)));
  // subtle.verify compares in constant time.
  return subtle.verify('HMAC', key, sig, enc.encode(`${m[1]}.${body}`));
}
