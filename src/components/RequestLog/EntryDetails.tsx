import Translate from '@docusaurus/Translate';
import type { ReactNode } from 'react';
import type { LogEntry } from '@site/src/lib/request-log/entry.ts';
import styles from './styles.module.css';

/** JSON pretty-printed; text (an answer that is not JSON, a body that did not parse) as it is. */
function shown(value: unknown): string {
  if (typeof value === 'string') {
    try {
      return JSON.stringify(JSON.parse(value), null, 2);
    } catch {
      return value;
    }
  }
  return JSON.stringify(value, null, 2);
}

const isEmpty = (v: unknown) =>
  v === null || v === undefined || (typeof v === 'object' && Object.keys(v as object).length === 0);

function Part({ title, value }: { title: ReactNode; value: unknown }): ReactNode {
  if (isEmpty(value)) return null;
  return (
    <>
      <p className={styles.partTitle}>{title}</p>
      {/* A scrolling region must be reachable by keyboard. */}
      <pre className={styles.code} tabIndex={0}>
        {shown(value)}
      </pre>
    </>
  );
}

/** The request as the sandbox received it (secrets masked) and the answer it gave. */
export default function EntryDetails({ entry }: { entry: LogEntry }): ReactNode {
  const { request, response } = entry;
  return (
    <div className={styles.details}>
      <div>
        <p className={styles.detailsTitle}>
          <Translate id="logs.request">请求</Translate>
        </p>
        <Part title={<Translate id="logs.headers">请求头</Translate>} value={request.headers} />
        <Part title={<Translate id="logs.query">查询参数</Translate>} value={request.query} />
        <Part title={<Translate id="logs.body">请求体</Translate>} value={request.body} />
      </div>
      <div>
        <p className={styles.detailsTitle}>
          <Translate id="logs.response">响应</Translate>
          {response.content_type && (
            <>
              {' '}
              <code>{response.content_type}</code>
            </>
          )}
        </p>
        <Part title={<Translate id="logs.responseBody">响应体</Translate>} value={response.body} />
        {response.truncated && (
          <p>
            <Translate id="logs.truncated">响应体只保存了前 16 KB。</Translate>
          </p>
        )}
      </div>
    </div>
  );
}
