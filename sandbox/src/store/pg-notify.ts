/**
 * Cache coherence between instances: a write that changes a cached record (a token revoked, a
 * merchant's channels changed) sends `NOTIFY juyifu_cache, '<kind>:<key>'` in its own
 * transaction, so it is heard exactly when it commits. Every instance LISTENs on one connection
 * of its own and drops what it heard about. When that connection is lost, the listener says so
 * (its owner then forgets everything, having possibly missed notices) and reconnects by itself.
 */
import pg from 'pg';
import type { Invalidation } from './types.ts';

export const CACHE_CHANNEL = 'juyifu_cache';

export class ChangeListener {
  private client?: pg.Client;
  private stopped = false;
  private retryMs = 100;
  private readonly listeners: ((change: Invalidation) => void)[] = [];

  constructor(private readonly url: string) {}

  on(listener: (change: Invalidation) => void): void {
    this.listeners.push(listener);
  }

  private emit(change: Invalidation): void {
    for (const l of this.listeners) l(change);
  }

  /** Connects and listens; resolves once listening (or after the first failure, retrying behind). */
  async start(): Promise<void> {
    if (this.stopped) return;
    const client = new pg.Client({ connectionString: this.url, application_name: 'juyifu-sandbox-listen' });
    client.on('notification', (n) => {
      const [kind, ...rest] = (n.payload ?? '').split(':');
      if (kind === 'token' || kind === 'channels') this.emit({ kind, key: rest.join(':') });
    });
    const lost = () => {
      if (this.client !== client) return;
      this.client = undefined;
      this.emit({ kind: 'all' });
      this.retry();
    };
    client.on('error', lost);
    client.on('end', lost);
    try {
      await client.connect();
      await client.query(`LISTEN ${CACHE_CHANNEL}`);
      this.client = client;
      this.retryMs = 100;
      // Anything changed while we were not listening is unknown: start clean.
      this.emit({ kind: 'all' });
    } catch {
      client.end().catch(() => {});
      this.retry();
    }
  }

  private retry(): void {
    if (this.stopped) return;
    const wait = this.retryMs;
    this.retryMs = Math.min(this.retryMs * 2, 2000);
    setTimeout(() => void this.start(), wait).unref();
  }

  /** Whether notices are being heard now. */
  get listening(): boolean {
    return this.client !== undefined;
  }

  async stop(): Promise<void> {
    this.stopped = true;
    const client = this.client;
    this.client = undefined;
    await client?.end().catch(() => {});
  }
}
