import Link from '@docusaurus/Link';
import Translate from '@docusaurus/Translate';
import type { ReactNode } from 'react';
import payWays from '@generated/juyifu-contract/default/pay-ways.json';
import { credentialRows } from '@site/src/lib/console/pay-way.ts';
import { envelopeOf, type Exchange } from '@site/src/lib/sandbox-client.ts';

/**
 * The answer's credential, pulled out of the JSON: each field, its value and where it goes, so
 * the reader sees at once what their app or page hands to the provider's SDK.
 */
export default function Credential({ sent }: { sent: Exchange }): ReactNode {
  const found = credentialRows(envelopeOf(sent.json)?.data, payWays);
  if (!found) return null;
  return (
    <div data-testid="credential-summary">
      <strong>credential</strong>{' '}
      <small>
        (<code>{found.payWay ?? 'pay_way: —'}</code> ·{' '}
        <Link to={found.payWay ? `/docs/payments/create#pay-way-${found.payWay}` : '/docs/payments/create'}>
          <Translate id="tryit.credentialWhere">每个字段交给哪里</Translate>
        </Link>
        )
      </small>
      <ul>
        {found.rows.map((r) => (
          <li key={r.field}>
            <code>{r.field}</code>
            {r.to && (
              <>
                {' → '}
                <code>{r.to}</code>
              </>
            )}
            : <code>{r.value}</code>
          </li>
        ))}
      </ul>
    </div>
  );
}
