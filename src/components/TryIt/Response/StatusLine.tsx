import Link from '@docusaurus/Link';
import Translate from '@docusaurus/Translate';
import useDocusaurusContext from '@docusaurus/useDocusaurusContext';
import clsx from 'clsx';
import type { ReactNode } from 'react';
import errors from '@generated/juyifu-contract/default/status-lines.json';
import type { ErrorCode } from '@site/contract/index.ts';
import { pick } from '@site/src/lib/locale.ts';
import { envelopeOf, SUCCESS, type Envelope, type Exchange } from '@site/src/lib/sandbox-client.ts';
import styles from '../styles.module.css';

type StatusLineEntry = Pick<ErrorCode, 'code' | 'title' | 'fix'>;

/** What went wrong, linked to its row of the error table, with the catalogue's fix. */
function ErrorRow({ body, entry, locale }: { body: Envelope; entry?: StatusLineEntry; locale: string }): ReactNode {
  const { code } = body;
  return (
    <p data-testid="error-explained">
      <Link to={`/docs/errors#error-${code}`}>
        <Translate id="tryit.errorRow" values={{ code }}>
          {'错误代码 {code}'}
        </Translate>
      </Link>{' '}
      · <code>{body.sub_code}</code>
      {body.param && (
        <>
          {' '}
          (<code>{body.param}</code>)
        </>
      )}
      : {body.message}
      {entry && (
        <>
          <br />
          <Translate id="tryit.fix">处理：</Translate>
          {pick(entry.fix, locale)}
        </>
      )}
    </p>
  );
}

/** The status with the catalogue's name for it, time, size and request id; errors explained. */
export default function StatusLine({ sent }: { sent: Exchange }): ReactNode {
  const { i18n } = useDocusaurusContext();
  const locale = i18n.currentLocale;
  const body = envelopeOf(sent.json);
  const ok = body?.code === SUCCESS || (sent.status === 200 && !sent.json);
  const entry = errors.find((e) => e.code === (body?.code === SUCCESS ? SUCCESS : String(sent.status)));
  return (
    <div>
      <p role="status" data-status={sent.status}>
        <span className={clsx(styles.status, ok ? styles.ok : styles.bad)}>
          {sent.status} · {entry ? pick(entry.title, locale) : ''}
        </span>{' '}
        · {sent.ms} ms · {(sent.bytes / 1024).toFixed(1)} KB
        {body?.request_id && (
          <>
            {' '}
            · <code>{body.request_id}</code>
          </>
        )}
      </p>
      {!ok && body?.sub_code && <ErrorRow body={body} entry={entry} locale={locale} />}
    </div>
  );
}
