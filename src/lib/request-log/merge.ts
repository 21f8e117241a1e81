/**
 * The list the page shows, kept across polls: the newest page merged in front of what is shown,
 * older pages added behind it, each entry once. Entries that are already shown keep their place
 * (and so their open details and keyboard focus); only new ones are added.
 *
 * The page's own reads of the log (GET /v1/sandbox/logs every few seconds) never reach it: the
 * sandbox does not keep the portal's reads of the log.
 */
import type { LogEntry } from './entry.ts';

export interface LogList {
  /** What the page lists, newest first. */
  entries: LogEntry[];
  /** Every request id fetched so far, listed or not: how a poll knows where the new ones stop. */
  seen: ReadonlySet<string>;
  /** The cursor of the page after the oldest fetched; null when there is none (or not yet known). */
  older: string | null;
}

export const EMPTY_LIST: LogList = { entries: [], seen: new Set(), older: null };

/** Whether a newest-first page reaches back to entries already fetched (so nothing new is left between). */
export function reachesKnown(list: LogList, items: LogEntry[]): boolean {
  return items.some((e) => list.seen.has(e.request_id));
}

/** The newest entries (newest first, possibly several pages joined) in front of the list. */
export function withNewest(list: LogList, items: LogEntry[], olderCursor: string | null): LogList {
  const fresh = items.filter((e) => !list.seen.has(e.request_id));
  if (fresh.length === 0 && list.seen.size > 0) return list;
  const seen = new Set(list.seen);
  for (const e of fresh) seen.add(e.request_id);
  return {
    entries: [...fresh, ...list.entries],
    seen,
    // The first load sets where "load older" starts; later polls leave it where it is.
    older: list.seen.size === 0 ? olderCursor : list.older,
  };
}

/** An older page behind the list. */
export function withOlder(list: LogList, items: LogEntry[], olderCursor: string | null): LogList {
  const fresh = items.filter((e) => !list.seen.has(e.request_id));
  const seen = new Set(list.seen);
  for (const e of fresh) seen.add(e.request_id);
  return { entries: [...list.entries, ...fresh], seen, older: olderCursor };
}
