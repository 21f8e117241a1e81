/**
 * The page's filters and where they live: the page's URL (so a filtered view can be shared and
 * survives reload) and the query of GET /v1/sandbox/logs, which takes the same three names.
 */
export const STATUS_CLASSES = ['2xx', '4xx', '5xx'] as const;
export type StatusClass = (typeof STATUS_CLASSES)[number];

export interface LogFilters {
  /** '' for every status. */
  status: StatusClass | '';
  /** A path prefix, e.g. `/v1/payments`. */
  path: string;
  request_id: string;
}

export const NO_FILTERS: LogFilters = { status: '', path: '', request_id: '' };
const NAMES = ['status', 'path', 'request_id'] as const;

const isStatusClass = (v: string): v is StatusClass => (STATUS_CLASSES as readonly string[]).includes(v);

/** The filters a page URL's query string names; anything unknown is no filter. */
export function filtersFromSearch(search: string): LogFilters {
  const params = new URLSearchParams(search);
  const status = params.get('status') ?? '';
  return {
    status: isStatusClass(status) ? status : '',
    path: (params.get('path') ?? '').trim(),
    request_id: (params.get('request_id') ?? '').trim(),
  };
}

/** The page's query string with these filters, other parameters (such as `lang`) kept. */
export function searchWithFilters(search: string, filters: LogFilters): string {
  const params = new URLSearchParams(search);
  for (const name of NAMES) {
    const value = filters[name].trim();
    if (value) params.set(name, value);
    else params.delete(name);
  }
  const text = params.toString();
  return text ? `?${text}` : '';
}

/** The query of one GET /v1/sandbox/logs call: the filters set, the page size and the cursor. */
export function logQuery(filters: LogFilters, limit: number, cursor?: string): [string, string][] {
  const query: [string, string][] = NAMES.filter((n) => filters[n].trim()).map((n) => [n, filters[n].trim()]);
  query.push(['limit', String(limit)]);
  if (cursor) query.push(['cursor', cursor]);
  return query;
}
