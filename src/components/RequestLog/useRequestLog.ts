/**
 * The log as the page shows it, kept current by itself: the newest page every 2 s while the tab
 * is visible (a hidden tab asks nothing and catches up when shown), merged into what is shown so
 * entries already on screen stay where they are; older pages on request, from the cursor.
 */
import { useCallback, useEffect, useRef, useState } from 'react';
import type { SuccessData } from '@site/contract/api.ts';
import { tokenCache } from '@site/src/lib/browser-state.ts';
import type { SandboxKey } from '@site/src/lib/console/keys.ts';
import { LOG_PATH, type LogPage } from '@site/src/lib/request-log/entry.ts';
import { logQuery, type LogFilters } from '@site/src/lib/request-log/filters.ts';
import { EMPTY_LIST, reachesKnown, withNewest, withOlder, type LogList } from '@site/src/lib/request-log/merge.ts';
import { errorText } from '@site/src/lib/sandbox-client.ts';
import { useSandboxClient } from '@site/src/lib/use-sandbox-url.ts';

const POLL_MS = 2000;
const PAGE_SIZE = 20;
const OLDER_PAGE_SIZE = 50;
/** Pages a poll may read to reach what is already shown: 100 requests in 2 s is more than a test run makes. */
const MAX_POLL_PAGES = 5;

export interface RequestLogState {
  list: LogList;
  /** False until the first page has come. */
  loaded: boolean;
  /** Why the last read failed; the list shown stays as it was. */
  error: string | null;
  loadingOlder: boolean;
  loadOlder: () => void;
}

/** The log for one key and one set of filters: the caller mounts it afresh when either changes. */
export function useRequestLog(sandboxKey: SandboxKey, filters: LogFilters): RequestLogState {
  const client = useSandboxClient();
  const [list, setList] = useState<LogList>(EMPTY_LIST);
  const [loaded, setLoaded] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [loadingOlder, setLoadingOlder] = useState(false);
  /** The list as the next poll must see it, without waiting for a render. */
  const current = useRef(EMPTY_LIST);
  const { app_id, app_secret } = sandboxKey;
  const { status, path, request_id } = filters;

  const read = useCallback(
    async (query: [string, string][], signal?: AbortSignal): Promise<LogPage | string> => {
      const tokens = tokenCache(client);
      let token: string;
      try {
        token = (await tokens.get(app_id, app_secret)).access_token;
      } catch (e) {
        return (e as Error).message;
      }
      const answer = await client.call<SuccessData<'listRequestLogs'>>(
        { method: 'GET', path: LOG_PATH, bearer: token, query },
        { signal },
      );
      if (answer.ok) return answer.data as LogPage;
      // A revoked or expired token: the next poll asks for a new one.
      if (answer.error.kind === 'api' && answer.error.status === 401) tokens.forget();
      return errorText(answer.error);
    },
    [client, app_id, app_secret],
  );

  const show = (next: LogList) => {
    current.current = next;
    setList(next);
  };

  useEffect(() => {
    const wanted: LogFilters = { status, path, request_id };
    const controller = new AbortController();
    let timer: ReturnType<typeof setTimeout> | undefined;
    let running = false;

    async function poll() {
      clearTimeout(timer);
      if (running || document.visibilityState !== 'visible') return;
      running = true;
      const items: LogPage['items'] = [];
      let cursor: string | undefined;
      let older: string | null = null;
      let failed: string | null = null;
      for (let i = 0; i < MAX_POLL_PAGES; i++) {
        const page = await read(logQuery(wanted, PAGE_SIZE, cursor), controller.signal);
        if (typeof page === 'string') {
          failed = page;
          break;
        }
        items.push(...page.items);
        older = page.next_cursor;
        if (current.current.seen.size === 0 || reachesKnown(current.current, page.items) || !older) break;
        cursor = older;
      }
      running = false;
      if (controller.signal.aborted) return;
      if (failed === null) {
        show(withNewest(current.current, items, older));
        setLoaded(true);
      }
      setError(failed);
      timer = setTimeout(() => void poll(), POLL_MS);
    }

    const onVisibility = () => void poll();
    document.addEventListener('visibilitychange', onVisibility);
    void poll();
    return () => {
      controller.abort();
      clearTimeout(timer);
      document.removeEventListener('visibilitychange', onVisibility);
    };
  }, [read, status, path, request_id]);

  const loadOlder = () => {
    const cursor = current.current.older;
    if (!cursor) return;
    setLoadingOlder(true);
    void read(logQuery({ status, path, request_id }, OLDER_PAGE_SIZE, cursor)).then((page) => {
      setLoadingOlder(false);
      if (typeof page === 'string') setError(page);
      else show(withOlder(current.current, page.items, page.next_cursor));
    });
  };

  return { list, loaded, error, loadingOlder, loadOlder };
}
