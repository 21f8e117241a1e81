/**
 * A merchant's webhook endpoint on 127.0.0.1 for the multi-instance tests. It checks every
 * JuYiFu-Signature with its own HMAC code (t=<unix s>,v1=<hex HMAC-SHA256(secret, t + "." + body)>,
 * one v1 per live secret), answers as the test says (a status, after a delay), and logs each
 * request: the event, which secrets signed it, what it answered, and which instance sent it.
 *
 * Which instance: both send from 127.0.0.1, so the sender is found the way `ss -p` finds it: the
 * connection's port in /proc/net/tcp gives its socket inode, and the instance whose process holds
 * that inode among its file descriptors sent it. That is what lets a test say "B delivered the
 * events A had claimed" instead of assuming it.
 */
import { createHmac, timingSafeEqual } from 'node:crypto';
import { readdirSync, readFileSync, readlinkSync } from 'node:fs';
import { createServer, type IncomingMessage } from 'node:http';
import type { Socket } from 'node:net';

export interface Delivery {
  eventId: string;
  type: string;
  orderId: string;
  at: number;
  /** The secrets (of those the receiver knows) whose v1 the header carries, in header order. */
  signedWith: string[];
  /** The instance that sent it, by name; undefined if it could not be told. */
  from: string | undefined;
  /** What the receiver answered; null while it waits, or for good if the sender went away first. */
  answered: number | null;
  /** The sender closed the connection before the answer (it was killed mid-delivery). */
  cut: boolean;
}

export interface Answer {
  status: number;
  delayMs?: number;
}

/** The secrets of `header` among `secrets`, checked with an HMAC of our own. */
export function secretsThatSigned(header: string, body: string, secrets: string[]): string[] {
  const parts = header.split(',');
  const t = parts.find((p) => p.startsWith('t='))?.slice(2);
  if (!t || !/^\d+$/.test(t)) return [];
  const v1s = parts.filter((p) => p.startsWith('v1=')).map((p) => Buffer.from(p.slice(3), 'hex'));
  const found: string[] = [];
  for (const v1 of v1s) {
    const secret = secrets.find((s) => {
      const mac = createHmac('sha256', s).update(`${t}.${body}`, 'utf8').digest();
      return mac.length === v1.length && timingSafeEqual(mac, v1);
    });
    if (secret) found.push(secret);
  }
  return found;
}

/** The socket inode of the TCP connection between local port `port` and remote port `peerPort`. */
function socketInode(port: number, peerPort: number): string | undefined {
  const hex = (n: number) => n.toString(16).toUpperCase().padStart(4, '0');
  for (const table of ['/proc/net/tcp', '/proc/net/tcp6']) {
    let text: string;
    try {
      text = readFileSync(table, 'utf8');
    } catch {
      continue;
    }
    for (const line of text.split('\n').slice(1)) {
      const cols = line.trim().split(/\s+/);
      if (cols.length < 10) continue;
      if (cols[1].endsWith(`:${hex(port)}`) && cols[2].endsWith(`:${hex(peerPort)}`)) return cols[9];
    }
  }
  return undefined;
}

/** Which of `pids` holds socket `inode` open. */
function holderOf(inode: string, pids: Map<string, number>): string | undefined {
  const target = `socket:[${inode}]`;
  for (const [name, pid] of pids) {
    let fds: string[];
    try {
      fds = readdirSync(`/proc/${pid}/fd`);
    } catch {
      continue;
    }
    for (const fd of fds) {
      try {
        if (readlinkSync(`/proc/${pid}/fd/${fd}`) === target) return name;
      } catch {
        // closed while we looked
      }
    }
  }
  return undefined;
}

export interface ReceiverOptions {
  /** The webhook secrets the merchant has configured (read on each request: rotation changes them). */
  secrets: () => string[];
  /** The instances that may send, name to pid, read on each new connection. */
  senders: () => Map<string, number>;
  /** What to answer; `attempt` counts this event's requests, from 1. */
  answer?: (d: Delivery, attempt: number) => Answer;
}

export async function startSignedReceiver(options: ReceiverOptions) {
  const log: Delivery[] = [];
  const attempts = new Map<string, number>();
  const senderOf = new WeakMap<Socket, string | undefined>();
  const server = createServer((req: IncomingMessage, res) => {
    const socket = req.socket;
    // Found while the connection is open, once per connection (keep-alive carries many).
    if (!senderOf.has(socket)) {
      const inode = socketInode(socket.remotePort ?? 0, socket.localPort ?? 0);
      senderOf.set(socket, inode ? holderOf(inode, options.senders()) : undefined);
    }
    let body = '';
    req.setEncoding('utf8');
    req.on('data', (d) => (body += d));
    req.on('end', () => {
      let event: { id?: string; type?: string; data?: Record<string, { order_id?: string } | undefined> } = {};
      try {
        event = JSON.parse(body);
      } catch {
        // logged with empty fields: the test fails on it
      }
      const d: Delivery = {
        eventId: String(event.id ?? ''),
        type: String(event.type ?? ''),
        // payment.* events carry data.payment, refund.* events data.refund; both name the order.
        orderId: String(event.data?.payment?.order_id ?? event.data?.refund?.order_id ?? ''),
        at: Date.now(),
        signedWith: secretsThatSigned(String(req.headers['juyifu-signature'] ?? ''), body, options.secrets()),
        from: senderOf.get(socket),
        answered: null,
        cut: false,
      };
      log.push(d);
      const n = (attempts.get(d.eventId) ?? 0) + 1;
      attempts.set(d.eventId, n);
      const { status, delayMs = 0 } = options.answer?.(d, n) ?? { status: 200 };
      res.once('close', () => {
        if (!res.writableFinished) d.cut = true;
      });
      const reply = () => {
        if (d.cut || res.destroyed) return;
        d.answered = status;
        res.statusCode = status;
        res.end('ok');
      };
      if (delayMs > 0) setTimeout(reply, delayMs);
      else reply();
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  return {
    url: `http://127.0.0.1:${port}/notify`,
    log,
    /** Requests for `eventId`, in arrival order. */
    of: (eventId: string) => log.filter((d) => d.eventId === eventId),
    close: () =>
      new Promise<void>((r) => {
        server.closeAllConnections();
        server.close(() => r());
      }),
  };
}

export type SignedReceiver = Awaited<ReturnType<typeof startSignedReceiver>>;
