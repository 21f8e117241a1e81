/**
 * One HTTP POST of a webhook, guarded against server-side request forgery: the target's
 * addresses are checked after DNS resolution, and the connection goes to the address that was
 * checked (the check is the lookup), so a name cannot resolve to a public address for the check
 * and a private one for the connection. Redirects are never followed.
 */
import { lookup as dnsLookup } from 'node:dns';
import http from 'node:http';
import https from 'node:https';
import { isIP, type LookupFunction } from 'node:net';
import { isPrivateAddress } from '../domain/webhooks.ts';
import type { AttemptRecord } from '../store/types.ts';

interface DeliveryOptions {
  allowPrivate: boolean;
  timeoutMs: number;
  signal?: AbortSignal;
}

type DeliveryResult = Pick<AttemptRecord, 'outcome' | 'http_status' | 'error' | 'response_excerpt'>;

/** How much of a receiver's answer is kept with the attempt: enough to see what it said. */
const EXCERPT_BYTES = 500;

class BlockedTarget extends Error {}

/** A DNS lookup for the request to connect with, refusing names that resolve to a private address. */
function guardedLookup(allowPrivate: boolean): LookupFunction {
  return (hostname, options, callback) => {
    dnsLookup(hostname, { all: true }, (err, addresses) => {
      if (err) return callback(err, []);
      const refused = addresses.find((a) => isPrivateAddress(a.address));
      if (refused && !allowPrivate)
        return callback(new BlockedTarget(`${hostname} resolves to ${refused.address}`), []);
      if (options.all) return callback(null, addresses);
      callback(null, addresses[0].address, addresses[0].family);
    });
  };
}

/** The answer's first bytes as text (a character cut at the edge is dropped), marked when cut; null when empty. */
function excerptOf(bytes: Buffer, cut: boolean): string | null {
  if (bytes.length === 0) return null;
  const text = new TextDecoder('utf-8', { fatal: false }).decode(bytes).replace(/\uFFFD$/, '');
  return cut ? `${text}…` : text;
}

export function deliver(
  url: string,
  body: string,
  headers: Record<string, string>,
  opts: DeliveryOptions,
): Promise<DeliveryResult> {
  let target: URL;
  try {
    target = new URL(url);
  } catch {
    return Promise.resolve({ outcome: 'blocked', http_status: null, error: 'not a URL', response_excerpt: null });
  }
  if (target.protocol !== 'http:' && target.protocol !== 'https:') {
    return Promise.resolve({
      outcome: 'blocked',
      http_status: null,
      error: `scheme ${target.protocol} is not allowed`,
      response_excerpt: null,
    });
  }
  const host = target.hostname.replace(/^\[|\]$/g, '');
  if (isIP(host) && isPrivateAddress(host) && !opts.allowPrivate) {
    return Promise.resolve({
      outcome: 'blocked',
      http_status: null,
      error: `${host} is not a public address`,
      response_excerpt: null,
    });
  }
  const client = target.protocol === 'https:' ? https : http;
  return new Promise((resolve) => {
    const req = client.request(
      target,
      {
        method: 'POST',
        headers: {
          'content-type': 'application/json; charset=utf-8',
          'content-length': Buffer.byteLength(body),
          'user-agent': 'JuYiFu-Webhook/1.0',
          ...headers,
        },
        lookup: guardedLookup(opts.allowPrivate),
        timeout: opts.timeoutMs,
        signal: opts.signal,
      },
      (res) => {
        const status = res.statusCode ?? 0;
        const ok = status >= 200 && status < 300;
        // The start of the answer is kept for the inbox ("why did my handler say no?"); the
        // rest is read and dropped.
        const head: Buffer[] = [];
        let kept = 0;
        res.on('data', (chunk: Buffer) => {
          if (kept < EXCERPT_BYTES) head.push(chunk.subarray(0, EXCERPT_BYTES - kept));
          kept += chunk.length;
        });
        const excerpt = () => excerptOf(Buffer.concat(head), kept > EXCERPT_BYTES);
        res.on('end', () =>
          resolve({
            outcome: ok ? 'delivered' : 'http_error',
            http_status: status,
            error: ok ? null : `HTTP ${status}`,
            response_excerpt: excerpt(),
          }),
        );
        res.on('error', () =>
          resolve({
            outcome: ok ? 'delivered' : 'http_error',
            http_status: status,
            error: null,
            response_excerpt: excerpt(),
          }),
        );
      },
    );
    req.on('timeout', () => req.destroy(new Error('timeout')));
    req.on('error', (err) => {
      const none = { http_status: null, response_excerpt: null };
      if (err instanceof BlockedTarget) resolve({ outcome: 'blocked', error: err.message, ...none });
      else if (err.message === 'timeout')
        resolve({ outcome: 'timeout', error: `no answer in ${opts.timeoutMs} ms`, ...none });
      else
        resolve({
          outcome: 'network_error',
          error: String((err as NodeJS.ErrnoException).code ?? err.message),
          ...none,
        });
    });
    req.end(body);
  });
}
