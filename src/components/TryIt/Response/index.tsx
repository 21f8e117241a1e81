import Translate from '@docusaurus/Translate';
import type { ReactNode } from 'react';
import type { Exchange, Failure } from '@site/src/lib/sandbox-client.ts';
import styles from '../styles.module.css';
import Body from './Body.tsx';
import Credential from './Credential.tsx';
import StatusLine from './StatusLine.tsx';

/** A request the browser could not complete, named: a timeout, or the network or CORS. */
export function BrowserError({ failure }: { failure: Failure }): ReactNode {
  return (
    <p role="alert" className={styles.bad} data-testid="browser-error">
      {failure.kind === 'timeout' ? (
        <Translate id="tryit.timeout">请求超时：</Translate>
      ) : (
        <Translate id="tryit.network">浏览器无法完成请求（网络不通、沙箱未启动或被 CORS 拒绝）：</Translate>
      )}{' '}
      {failure.message}
    </p>
  );
}

/** The answer to the console's request: status explained, credential, body, headers; or the browser's failure. */
export default function Response({ answer }: { answer: Exchange | Failure }): ReactNode {
  if (answer.kind !== 'response') return <BrowserError failure={answer} />;
  return (
    <>
      <StatusLine sent={answer} />
      <Credential sent={answer} />
      <Body sent={answer} />
    </>
  );
}

export { StatusLine };
