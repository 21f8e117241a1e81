/**
 * 请求日志: every request made with the reader's sandbox key, from their own server as much as
 * from the console, newest first and current by itself. The logic is in src/lib/request-log/.
 */
import Link from '@docusaurus/Link';
import { useHistory, useLocation } from '@docusaurus/router';
import Translate from '@docusaurus/Translate';
import { useMemo, type ReactNode } from 'react';
import type { SandboxKey } from '@site/src/lib/console/keys.ts';
import { filtersFromSearch, searchWithFilters, type LogFilters } from '@site/src/lib/request-log/filters.ts';
import { useSandboxKey } from '@site/src/lib/use-sandbox-key.ts';
import CodeLanguage from './CodeLanguage.tsx';
import Entries from './Entries.tsx';
import Filters from './Filters.tsx';
import styles from './styles.module.css';

function LogView({ sandboxKey }: { sandboxKey: SandboxKey }): ReactNode {
  const location = useLocation();
  const history = useHistory();
  const { status, path, request_id } = filtersFromSearch(location.search);
  // The same object while the URL's filters stay the same, so the log is not read again for nothing.
  const filters = useMemo<LogFilters>(() => ({ status, path, request_id }), [status, path, request_id]);
  const setFilters = (next: LogFilters) =>
    history.replace({ pathname: location.pathname, search: searchWithFilters(location.search, next) });
  return (
    <>
      <div className={styles.toolbar}>
        <Filters filters={filters} onChange={setFilters} />
        <CodeLanguage />
      </div>
      {/* Other filters are another question: its entries start afresh. */}
      <Entries key={`${status} ${path} ${request_id}`} sandboxKey={sandboxKey} filters={filters} />
    </>
  );
}

export default function RequestLog(): ReactNode {
  const sandboxKey = useSandboxKey();
  if (sandboxKey === undefined) return <p />;
  if (sandboxKey === null)
    return (
      <p data-testid="log-no-key">
        <Translate id="logs.noKey">日志按沙箱密钥记录：请先</Translate>{' '}
        <Link to="/sandbox-key">
          <Translate id="logs.noKey.link">申请沙箱密钥</Translate>
        </Link>
        <Translate id="logs.noKey.after">，然后用它发出请求。</Translate>
      </p>
    );
  // A new key is another app with another log: start afresh.
  return <LogView key={sandboxKey.app_id} sandboxKey={sandboxKey} />;
}
