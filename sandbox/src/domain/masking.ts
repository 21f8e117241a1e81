/**
 * What the request log keeps of a secret: enough to tell two apart ("which token did my server
 * send?"), never enough to use. Pure; the log's writer applies it to headers and bodies.
 */

/** Fields whose values are secrets wherever they appear in a body (request or answer). */
const SECRET_FIELDS = new Set(['app_secret', 'access_token', 'webhook_secret', 'client_secret', 'secret_key']);
/** Fields whose whole value (an object of merchant credentials) is secret. */
const SECRET_OBJECTS = new Set(['credentials']);

/** `tok_A1b2…x9Z0`: the first 8 and last 4 characters of a long secret, nothing of a short one. */
export function maskSecret(value: string): string {
  return value.length > 16 ? `${value.slice(0, 8)}…${value.slice(-4)}` : '••••';
}

/** An Authorization header with its credentials masked, its scheme kept. */
export function maskAuthorization(header: string): string {
  const m = /^(\S+)\s+(.*)$/.exec(header.trim());
  if (!m) return maskSecret(header);
  // Basic carries app_id:app_secret in base64: nothing of it is shown.
  return m[1].toLowerCase() === 'basic' ? `${m[1]} ••••` : `${m[1]} ${maskSecret(m[2])}`;
}

/** A copy of a parsed body with every secret field masked, at any depth. */
export function maskBody(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(maskBody);
  if (!value || typeof value !== 'object') return value;
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(value)) {
    if (SECRET_FIELDS.has(k) && typeof v === 'string') out[k] = maskSecret(v);
    else if (SECRET_OBJECTS.has(k) && v && typeof v === 'object')
      out[k] = Object.fromEntries(Object.keys(v).map((c) => [c, '••••']));
    else out[k] = maskBody(v);
  }
  return out;
}
