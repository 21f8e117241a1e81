import Link from '@docusaurus/Link';
import Translate from '@docusaurus/Translate';
import useDocusaurusContext from '@docusaurus/useDocusaurusContext';
import type { ReactNode } from 'react';
import payWays from '@generated/juyifu-contract/default/pay-ways.json';
import { chosenPayWay } from '@site/src/lib/console/pay-way.ts';
import { pick } from '@site/src/lib/locale.ts';
import styles from '../styles.module.css';
import type { FormPartProps } from './useConsoleForm.ts';

/**
 * Under the form, for the pay way chosen: its name, what it returns, and what it still needs,
 * with a button that fills those fields with the contract's examples (sending without them is
 * allowed: the sandbox's 400 missing_field is worth seeing once).
 */
export default function PayWayHint({ op, form, edit }: FormPartProps): ReactNode {
  const { i18n } = useDocusaurusContext();
  const chosen = form.raw ? undefined : chosenPayWay(op, form, payWays);
  if (!chosen) return null;
  const { entry, missing } = chosen;
  return (
    <p className={styles.row} data-testid="pay-way-hint">
      <Link to={`/docs/payments/create#pay-way-${entry.pay_way}`}>{pick(entry.name, i18n.currentLocale)}</Link>
      {' · credential: '}
      {entry.fields.map((f) => f.field).join(', ')}
      {missing.length > 0 && (
        <>
          {' · '}
          <Translate id="tryit.payWayNeeds" values={{ fields: missing.map((m) => m.name).join(', ') }}>
            {'还须传 {fields}'}
          </Translate>{' '}
          <button
            type="button"
            className="button button--sm button--secondary"
            onClick={() => missing.forEach((m) => edit.setValue(m.key, m.fill))}
          >
            <Translate id="tryit.payWayFill">填入示例值</Translate>
          </button>
        </>
      )}
    </p>
  );
}
