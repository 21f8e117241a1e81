/**
 * One event POSTed to the developer's own URL as the sandbox would send it: the same body bytes,
 * content-type, JuYiFu-Signature and JuYiFu-Event-Id, so the handler's signature check runs on
 * exactly what production sends. Redirects are not followed, as the sandbox does not follow them.
 */
import http from 'node:http';
import https from 'node:https';
import type { StreamedEvent } from './event-stream.ts';

export interface Forwarded {
  /** The receiver's HTTP status, or why there was none (ECONNREFUSED, timeout…). */
  outcome: number | string;
  ms: number;
}

/** A handler should answer at once (the sandbox gives up on a slow one too). */
const TIMEOUT_MS = 10_000;

export function forward(target: URL, event: StreamedEvent, signal: AbortSignal): Promise<Forwarded> {
  const started = performance.now();
  const ms = () => Math.round(performance.now() - started);
  const client = target.protocol === 'https:' ? https : http;
  // A real delivery's headers, so the handler runs on what production sends it.
  const headers = {
    'content-type': 'application/json; charset=utf-8',
    'content-length': Buffer.byteLength(event.body),
    'user-agent': 'JuYiFu-Webhook/1.0 (juyifu listen)',
    'JuYiFu-Signature': event.signature,
    'JuYiFu-Event-Id': event.id,
  };
  return new Promise((resolve) => {
    const req = client.request(target, { method: 'POST', headers, timeout: TIMEOUT_MS, signal }, (res) => {
      // The answer's body is the handler's business; read it so the socket can be reused.
      res.resume();
      res.on('end', () => resolve({ outcome: res.statusCode ?? 0, ms: ms() }));
      res.on('error', () => resolve({ outcome: res.statusCode ?? 0, ms: ms() }));
    });
    req.on('timeout', () => req.destroy(Object.assign(new Error('timeout'), { code: 'timeout' })));
    req.on('error', (e: NodeJS.ErrnoException) => resolve({ outcome: e.code ?? 'error', ms: ms() }));
    req.end(event.body);
  });
}
