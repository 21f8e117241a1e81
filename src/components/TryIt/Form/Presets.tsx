import useDocusaurusContext from '@docusaurus/useDocusaurusContext';
import { translate } from '@docusaurus/Translate';
import type { ReactNode } from 'react';
import testData from '@generated/juyifu-contract/default/test-data.json';
import { fieldKey } from '@site/src/lib/console/build-request.ts';
import { pick } from '@site/src/lib/locale.ts';
import type { PageOperation } from '@site/src/lib/operation-page.ts';
import styles from '../styles.module.css';
import type { FormEditor } from './useConsoleForm.ts';

/** Each catalogue's name over its buttons. */
const TITLES = {
  magic_amounts: () => translate({ id: 'tryit.presets', message: '魔法金额' }),
  magic_refund_amounts: () => translate({ id: 'tryit.refundPresets', message: '魔法退款金额' }),
};

/**
 * Buttons that fill a field with a test-data catalogue's magic amounts (of orders or of refunds),
 * for the fields the operation's x-console names. Picking one leaves raw JSON editing, so the
 * field is what is sent.
 */
export default function Presets({ op, edit }: { op: PageOperation; edit: FormEditor }): ReactNode {
  const { i18n } = useDocusaurusContext();
  return (op.console?.presets ?? []).map(({ field, catalogue }) => {
    const row = op.params.find((p) => p.name === field && p.in !== 'header');
    if (!row) return null;
    const title = TITLES[catalogue]();
    return (
      <div key={field} className={styles.presets} role="group" aria-label={title}>
        {title}:
        {testData[catalogue].map((m) => (
          <button
            key={m.amount}
            type="button"
            className="button button--sm button--secondary"
            onClick={() => {
              edit.patch({ raw: false });
              edit.setValue(fieldKey(row), String(m.amount));
            }}
          >
            {m.amount} · {pick(m.title, i18n.currentLocale)}
          </button>
        ))}
      </div>
    );
  });
}
