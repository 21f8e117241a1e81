import Link from '@docusaurus/Link';
import useDocusaurusContext from '@docusaurus/useDocusaurusContext';
import type { ReactNode } from 'react';
import { readyFollowUps, valueAt, type ReadyFollowUp } from '@site/src/lib/console/follow-ups.ts';
import { pick } from '@site/src/lib/locale.ts';
import type { PageOperation } from '@site/src/lib/operation-page.ts';
import type { Exchange, Failure } from '@site/src/lib/sandbox-client.ts';
import { useSandboxUrl } from '@site/src/lib/use-sandbox-url.ts';
import { BrowserError, StatusLine } from '../Response/index.tsx';
import styles from '../styles.module.css';

type Call = Extract<ReadyFollowUp, { kind: 'call' }>;

function Action({ f, locale, onCall }: { f: ReadyFollowUp; locale: string; onCall: (c: Call) => void }): ReactNode {
  const label = pick(f.label, locale);
  switch (f.kind) {
    case 'open':
      return (
        <a className="button button--sm button--primary" href={f.href}>
          {label}
        </a>
      );
    case 'page':
      return (
        <Link className="button button--sm button--secondary" to={f.to}>
          {label}
        </Link>
      );
    case 'call':
      return (
        <button type="button" className="button button--sm button--secondary" onClick={() => onCall(f)}>
          {label}
        </button>
      );
  }
}

/**
 * After a 0000 answer, the next steps the operation's x-console lists (open the cashier,
 * simulate the payment, query the order, refund it once paid), and the answer to the last one called.
 */
export default function FollowUps({
  op,
  result,
  followUp,
  latest,
  onCall,
}: {
  op: PageOperation;
  result: Exchange | Failure | null;
  followUp: Exchange | Failure | null;
  /** The newest 0000 answer about the same thing, for the follow-ups offered only in some states. */
  latest: Exchange | Failure | null;
  onCall: (c: Call) => void;
}): ReactNode {
  const { i18n } = useDocusaurusContext();
  const ready = readyFollowUps(op.console?.followUps, result, useSandboxUrl(), latest);
  const status = followUp?.kind === 'response' ? valueAt(followUp.json, 'data.status') : undefined;
  return (
    <>
      {ready.length > 0 && (
        <div className={styles.row} data-testid="flow">
          {ready.map((f, i) => (
            <Action key={i} f={f} locale={i18n.currentLocale} onCall={onCall} />
          ))}
        </div>
      )}
      {followUp &&
        (followUp.kind === 'response' ? <StatusLine sent={followUp} /> : <BrowserError failure={followUp} />)}
      {status !== undefined && status !== null && (
        <p>
          status: <code data-testid="followup-status">{String(status)}</code>
        </p>
      )}
    </>
  );
}
