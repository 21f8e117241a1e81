/**
 * The request log's queries as SQL both stores run (`@name` parameters, as in bill-sql.ts): one
 * app's entries newest first with the page's filters, and the trim that keeps each app's newest.
 */
import type { RequestLogQuery } from './types.ts';

export const REQUEST_LOG_COLUMNS = [
  'app_id',
  'request_id',
  'at',
  'method',
  'path',
  'status',
  'sub_code',
  'duration_ms',
  'origin',
  'request',
  'response_content_type',
  'response_body',
  'response_truncated',
] as const;

export const REQUEST_LOG_INSERT = `INSERT INTO request_logs (${REQUEST_LOG_COLUMNS.join(', ')})
  VALUES (${REQUEST_LOG_COLUMNS.map((c) => '@' + c).join(', ')})`;

/** Deletes an app's entries older than its newest `keep`. */
export const REQUEST_LOG_TRIM = `DELETE FROM request_logs WHERE app_id = @app AND seq <=
  (SELECT seq FROM request_logs WHERE app_id = @app ORDER BY seq DESC LIMIT 1 OFFSET @keep)`;

export function requestLogSql(q: RequestLogQuery): string {
  const where = ['app_id = @app'];
  if (q.statusClass) where.push('status >= @statusFrom AND status < @statusTo');
  if (q.pathPrefix) where.push(`path LIKE @pathLike ESCAPE '\\'`);
  if (q.requestId) where.push('request_id = @requestId');
  if (q.beforeSeq) where.push('seq < @before');
  return `SELECT seq, ${REQUEST_LOG_COLUMNS.join(', ')} FROM request_logs WHERE ${where.join(' AND ')}
    ORDER BY seq DESC LIMIT @limit`;
}

export function requestLogParams(q: RequestLogQuery): Record<string, unknown> {
  return {
    app: q.appId,
    statusFrom: (q.statusClass ?? 0) * 100,
    statusTo: (q.statusClass ?? 0) * 100 + 100,
    // A prefix, with LIKE's own wildcards taken literally.
    pathLike: `${(q.pathPrefix ?? '').replace(/[\\%_]/g, (c) => `\\${c}`)}%`,
    requestId: q.requestId ?? null,
    before: q.beforeSeq ?? null,
    limit: q.limit,
  };
}
