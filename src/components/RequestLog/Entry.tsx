import Translate, { translate } from '@docusaurus/Translate';
import useDocusaurusContext from '@docusaurus/useDocusaurusContext';
import clsx from 'clsx';
import { memo, type ReactNode } from 'react';
import errors from '@generated/juyifu-contract/default/errors.json';
import type { LogEntry } from '@site/src/lib/request-log/entry.ts';
import { explain } from '@site/src/lib/request-log/explain.ts';
import EntryActions from './EntryActions.tsx';
import EntryDetails from './EntryDetails.tsx';
import Explanation from './Explanation.tsx';
// The console's status colours, so a 400 looks the same in the console and in the log.
import statusStyles from '../TryIt/styles.module.css';
import styles from './styles.module.css';

/** The time of day in the reader's clock; the full timestamp is in the element for tools. */
function timeOf(at: string, locale: string): string {
  const d = new Date(at);
  return Number.isNaN(d.getTime()) ? at : d.toLocaleTimeString(locale, { hour12: false });
}

/**
 * One logged request: time, method, path, status, origin and duration; a failure explained; its
 * actions; the request and answer behind a disclosure. Memoised: a poll that adds entries above
 * leaves this one's DOM (an open disclosure, the focused button) as it was.
 */
function Entry({ entry }: { entry: LogEntry }): ReactNode {
  const { i18n } = useDocusaurusContext();
  const locale = i18n.currentLocale;
  const explained = explain(entry, errors, locale);
  const failed = entry.status >= 400;
  return (
    <li
      className={styles.entry}
      data-request-id={entry.request_id}
      data-status={entry.status}
      data-origin={entry.origin}
      aria-label={`${entry.method} ${entry.path} ${entry.status}`}
    >
      <div className={styles.line}>
        <time dateTime={entry.at} title={entry.at}>
          {timeOf(entry.at, locale)}
        </time>
        <code className={styles.method}>{entry.method}</code>
        <code className={styles.path}>{entry.path}</code>
        <span className={clsx(statusStyles.status, failed ? statusStyles.bad : statusStyles.ok)}>{entry.status}</span>
        <span className={styles.origin} data-testid="log-origin">
          {entry.origin === 'console' ? translate({ id: 'logs.origin.console', message: '控制台' }) : 'API'}
        </span>
        <span>{entry.duration_ms} ms</span>
        <code className={styles.requestId}>{entry.request_id}</code>
      </div>
      {explained && <Explanation x={explained} />}
      <EntryActions entry={entry} />
      <details>
        <summary>
          <Translate id="logs.details">请求与响应</Translate>
        </summary>
        <EntryDetails entry={entry} />
      </details>
    </li>
  );
}

export default memo(Entry);
