import Translate from '@docusaurus/Translate';
import type { ReactNode } from 'react';
import type { Attempt } from '@site/src/lib/console/events.ts';
import styles from './styles.module.css';

/**
 * Each delivery attempt of an event, one line each (the console's column is narrow): when, how it
 * ended, your server's HTTP status, how long it took, then the start of your server's answer (or
 * why there was none).
 */
export default function Attempts({ attempts }: { attempts: Attempt[] }): ReactNode {
  if (attempts.length === 0) return null;
  return (
    <ol className={styles.attempts} data-testid="attempts">
      {attempts.map((a, i) => (
        <li key={i} data-outcome={a.outcome}>
          {new Date(a.at).toLocaleTimeString()} · <code>{a.outcome}</code> · HTTP{' '}
          <span data-testid="attempt-status">{a.http_status ?? '—'}</span> ·{' '}
          <Translate id="events.latency">耗时</Translate> {a.duration_ms} ms
          {a.response_excerpt ? (
            <div>
              <Translate id="events.answer">你的服务器的回答</Translate>:{' '}
              <code className={styles.excerpt}>{a.response_excerpt}</code>
            </div>
          ) : (
            a.error && <div>{a.error}</div>
          )}
        </li>
      ))}
    </ol>
  );
}
