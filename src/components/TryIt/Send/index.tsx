import Translate from '@docusaurus/Translate';
import type { ReactNode } from 'react';
import styles from '../styles.module.css';

/**
 * The send button, and what keeps the request from being built. The button waits until the
 * console knows whether a key is stored, so an early click cannot go out without its token.
 */
export default function SendBar({
  ready,
  sending,
  problem,
}: {
  ready: boolean;
  sending: boolean;
  problem: string | null;
}): ReactNode {
  return (
    <div className={styles.row}>
      <button type="submit" className="button button--primary" disabled={sending || !ready}>
        <Translate id="tryit.send">发送请求</Translate>
      </button>
      {problem && (
        <span role="alert" className={styles.bad}>
          {problem}
        </span>
      )}
    </div>
  );
}
