import Link from '@docusaurus/Link';
import Translate from '@docusaurus/Translate';
import type { ReactNode } from 'react';
import type { SandboxKey } from '@site/src/lib/console/keys.ts';
import styles from '../styles.module.css';

/**
 * Which sandbox key the console sends with, or, for an operation that needs one, where to get
 * it. Nothing while the key is not yet known.
 */
export default function KeyBar({
  sandboxKey,
  authorized,
}: {
  sandboxKey: SandboxKey | null | undefined;
  authorized: boolean;
}): ReactNode {
  return (
    <p className={styles.keyline}>
      {sandboxKey ? (
        <>
          <Translate id="tryit.usingKey">使用沙箱密钥</Translate> <code>{sandboxKey.app_id}</code> ·{' '}
          <Link to="/sandbox-key">
            <Translate id="tryit.manageKey">管理密钥</Translate>
          </Link>
        </>
      ) : authorized && sandboxKey === null ? (
        <>
          <Translate id="tryit.noKey">还没有沙箱密钥，请求会以 401 返回。</Translate>{' '}
          <Link to="/sandbox-key">
            <Translate id="tryit.getKey">申请沙箱密钥</Translate>
          </Link>
        </>
      ) : null}
    </p>
  );
}
