import Translate from '@docusaurus/Translate';
import type { ReactNode } from 'react';
import TableHead from '@site/src/components/TableHead/index.tsx';
import type { Attempt } from '@site/src/lib/console/events.ts';
import styles from './styles.module.css';

/**
 * Each delivery attempt of an event: when, how it ended, your server's HTTP status, how long it
 * took, and the start of your server's answer (or why there was none).
 */
export default function Attempts({ attempts }: { attempts: Attempt[] }): ReactNode {
  if (attempts.length === 0) return null;
  return (
    <table className={styles.attempts} data-testid="attempts">
      <TableHead
        labels={[
          <Translate id="events.at">时间</Translate>,
          <Translate id="events.outcome">结果</Translate>,
          <Translate id="events.httpStatus">HTTP 状态</Translate>,
          <Translate id="events.latency">耗时</Translate>,
          <Translate id="events.answer">你的服务器的回答</Translate>,
        ]}
      />
      <tbody>
        {attempts.map((a, i) => (
          <tr key={i} data-outcome={a.outcome}>
            <td>{new Date(a.at).toLocaleTimeString()}</td>
            <td>
              <code>{a.outcome}</code>
            </td>
            <td data-testid="attempt-status">{a.http_status ?? '—'}</td>
            <td>{a.duration_ms} ms</td>
            <td>
              {a.response_excerpt ? <code className={styles.excerpt}>{a.response_excerpt}</code> : null}
              {a.error ? <span>{a.error}</span> : null}
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
