/**
 * The request log: every request made with an app's credentials, kept for the app to read back
 * (GET /v1/sandbox/logs, the 请求日志 page). Entries are written in batches off the request's
 * path (a flush every 200 ms), so logging costs a request almost nothing; the log is a debugging
 * aid, so a batch the database refuses is dropped rather than failing anyone's request.
 */
import type { SandboxContext } from '../context.ts';
import { isoShanghai } from '../domain/time.ts';
import type { RequestLogRecord } from '../store/types.ts';
import type { Principal } from './auth.ts';

/** The newest entries kept per app, and for how long at most. */
export const LOG_KEEP_PER_APP = 1000;
export const LOG_RETENTION_MS = 7 * 24 * 3600 * 1000;
/** A flush every half second keeps an entry readable within a second. */
const FLUSH_MS = 500;
const FLUSH_AT = 2000;

export class RequestLogWriter {
  private pending: RequestLogRecord[] = [];
  private timer?: NodeJS.Timeout;
  private flushing: Promise<void> = Promise.resolve();

  constructor(
    private readonly ctx: SandboxContext,
    private readonly onError: (err: unknown) => void,
  ) {}

  push(entry: RequestLogRecord): void {
    this.pending.push(entry);
    if (this.pending.length >= FLUSH_AT) void this.flush();
    else this.timer ??= setTimeout(() => void this.flush(), FLUSH_MS);
  }

  /** Writes what is pending; resolves when it (and any flush before it) is done. */
  flush(): Promise<void> {
    clearTimeout(this.timer);
    this.timer = undefined;
    const batch = newestPerApp(this.pending, LOG_KEEP_PER_APP);
    this.pending = [];
    this.flushing = this.flushing.then(async () => {
      if (batch.length === 0) return;
      await this.ctx.store.appendRequestLogs(batch, LOG_KEEP_PER_APP).catch(this.onError);
    });
    return this.flushing;
  }
}

/**
 * The entries of a batch the log would still hold after writing it: an app's newest `keep`.
 * Under a flood (thousands a second) the older ones would be written only to be trimmed.
 */
export function newestPerApp(batch: RequestLogRecord[], keep: number): RequestLogRecord[] {
  const perApp = new Map<string, number>();
  for (const e of batch) perApp.set(e.app_id, (perApp.get(e.app_id) ?? 0) + 1);
  if ([...perApp.values()].every((n) => n <= keep)) return batch;
  const out: RequestLogRecord[] = [];
  const kept = new Map<string, number>();
  for (let i = batch.length - 1; i >= 0; i--) {
    const n = kept.get(batch[i].app_id) ?? 0;
    if (n >= keep) continue;
    kept.set(batch[i].app_id, n + 1);
    out.push(batch[i]);
  }
  return out.reverse();
}

export interface LogQuery {
  status?: '2xx' | '4xx' | '5xx';
  path?: string;
  request_id?: string;
  cursor?: string;
  limit?: number;
}

function parsed(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}

/** The app's entries, newest first, a page at a time. */
export async function listRequestLogs(ctx: SandboxContext, who: Principal, q: LogQuery) {
  const limit = q.limit ?? 20;
  const rows = await ctx.store.listRequestLogs({
    appId: who.appId,
    statusClass: q.status ? Number(q.status[0]) : undefined,
    pathPrefix: q.path,
    requestId: q.request_id,
    beforeSeq: q.cursor ? Number(q.cursor) : undefined,
    limit,
  });
  return {
    items: rows.map((r) => ({
      request_id: r.request_id,
      at: isoShanghai(r.at),
      method: r.method,
      path: r.path,
      status: r.status,
      sub_code: r.sub_code,
      duration_ms: r.duration_ms,
      origin: r.origin,
      request: parsed(r.request),
      response: {
        content_type: r.response_content_type,
        body: r.response_body,
        truncated: r.response_truncated === 1,
      },
    })),
    next_cursor: rows.length === limit ? String(rows[rows.length - 1].seq) : null,
  };
}

/** What time takes away: entries older than the retention. */
export function purgeRequestLogs(ctx: SandboxContext): Promise<void> {
  return ctx.store.purgeRequestLogs(ctx.now() - LOG_RETENTION_MS);
}
