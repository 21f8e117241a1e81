import Link from '@docusaurus/Link';
import Translate from '@docusaurus/Translate';
import type { ReactNode } from 'react';
import type { Explanation as Explained } from '@site/src/lib/request-log/explain.ts';

/** Why a request failed: sub_code, the catalogue's words and fix, the sandbox's message, the error row. */
export default function Explanation({ x }: { x: Explained }): ReactNode {
  return (
    <div data-testid="log-explained">
      <p className="margin-bottom--xs">
        <code>{x.code}</code>
        {x.subCode && (
          <>
            {' '}
            <code data-testid="log-sub-code">{x.subCode}</code>
          </>
        )}
        {x.title && <> · {x.title}</>}
        {x.param && (
          <>
            {' '}
            (<code>{x.param}</code>)
          </>
        )}
        {x.meaning && <>: {x.meaning}</>}
      </p>
      {x.fix && (
        <p className="margin-bottom--xs" data-testid="log-fix">
          <Translate id="logs.fix">处理：</Translate>
          {x.fix}
        </p>
      )}
      {x.message && (
        <p className="margin-bottom--xs">
          <Translate id="logs.message">沙箱的回答：</Translate>
          {x.message}
        </p>
      )}
      {x.link && (
        <p className="margin-bottom--xs">
          <Link to={x.link} data-testid="log-error-row">
            <Translate id="logs.errorRow" values={{ code: x.subCode ? `${x.code} ${x.subCode}` : x.code }}>
              {'错误代码表中的 {code}'}
            </Translate>
          </Link>
        </p>
      )}
    </div>
  );
}
