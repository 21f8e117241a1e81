/**
 * A webhook handler on 127.0.0.1, as a merchant would write one: it keeps each request's raw
 * bytes and checks JuYiFu-Signature with its own node:crypto HMAC (not the sandbox's or the CLI's
 * code): hex HMAC-SHA256(webhook_secret, t + "." + raw body), any v1 may match.
 */
import { createHmac, timingSafeEqual } from 'node:crypto';
import { createServer, type IncomingHttpHeaders } from 'node:http';

export interface Delivery {
  headers: IncomingHttpHeaders;
  body: Buffer;
  signatureValid: boolean;
}

export function signatureValid(secret: string, header: string | undefined, body: Buffer): boolean {
  const parts = (header ?? '').split(',');
  const t = parts[0]?.startsWith('t=') ? parts[0].slice(2) : undefined;
  if (!t || !/^\d+$/.test(t)) return false;
  const expected = createHmac('sha256', secret).update(`${t}.`).update(body).digest();
  return parts
    .filter((p) => p.startsWith('v1='))
    .some((p) => {
      const given = Buffer.from(p.slice(3), 'hex');
      return given.length === expected.length && timingSafeEqual(given, expected);
    });
}

export async function startReceiver(webhookSecret: string) {
  const deliveries: Delivery[] = [];
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const body = Buffer.concat(chunks);
      const valid = signatureValid(webhookSecret, req.headers['juyifu-signature'] as string | undefined, body);
      deliveries.push({ headers: req.headers, body, signatureValid: valid });
      // What a handler does: 2xx once checked, 401 for a forgery.
      res.writeHead(valid ? 200 : 401).end(valid ? 'ok' : 'bad signature');
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  return {
    url: `http://127.0.0.1:${port}/notify`,
    deliveries,
    /** The event ids delivered, in order of arrival. */
    eventIds: () => deliveries.map((d) => d.headers['juyifu-event-id'] as string),
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
