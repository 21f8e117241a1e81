import Translate from '@docusaurus/Translate';
import type { ReactNode } from 'react';
import type { SandboxKey } from '@site/src/lib/console/keys.ts';
import type { LogFilters } from '@site/src/lib/request-log/filters.ts';
import Entry from './Entry.tsx';
import styles from './styles.module.css';
import { useRequestLog } from './useRequestLog.ts';

/** The entries for one key and one set of filters, newest first, current by themselves. */
export default function Entries({ sandboxKey, filters }: { sandboxKey: SandboxKey; filters: LogFilters }): ReactNode {
  const log = useRequestLog(sandboxKey, filters);
  const { entries, older } = log.list;
  return (
    <>
      <p aria-live="polite" data-testid="log-summary">
        {log.loaded ? (
          <Translate id="logs.summary" values={{ count: entries.length, app: sandboxKey.app_id }}>
            {'{app} 的 {count} 条请求，最新的在前，每 2 秒自动更新。'}
          </Translate>
        ) : (
          <Translate id="logs.loading">正在读取日志…</Translate>
        )}
      </p>
      {log.error && (
        <p role="alert">
          <Translate id="logs.error">读取日志失败：</Translate>
          {log.error}
        </p>
      )}
      {log.loaded && entries.length === 0 && (
        <p>
          <Translate id="logs.empty">
            还没有请求。用你的服务器或在线调试发出一个请求，它会在几秒内出现在这里。
          </Translate>
        </p>
      )}
      <ul className={styles.list} data-testid="log-entries">
        {entries.map((e) => (
          <Entry key={e.request_id} entry={e} />
        ))}
      </ul>
      {older && (
        <button type="button" className="button button--secondary" onClick={log.loadOlder} disabled={log.loadingOlder}>
          <Translate id="logs.loadOlder">加载更早的请求</Translate>
        </button>
      )}
    </>
  );
}
