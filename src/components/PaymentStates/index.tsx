import useDocusaurusContext from '@docusaurus/useDocusaurusContext';
import Translate from '@docusaurus/Translate';
import type { ReactNode } from 'react';
import states from '@generated/juyifu-contract/default/payment-states.json';
import { pick } from '@site/src/lib/locale.ts';
import TableHead from '@site/src/components/TableHead/index.tsx';

/**
 * 订单状态: the sandbox's own table of moves (contract/payment-states.ts), the same one its
 * state machine checks every change against.
 */
export default function PaymentStates(): ReactNode {
  const { i18n } = useDocusaurusContext();
  return (
    <>
      <table className="payment-states">
        <TableHead
          labels={[
            <Translate id="paymentStates.from">从</Translate>,
            <Translate id="paymentStates.to">到</Translate>,
            <Translate id="paymentStates.by">何时发生</Translate>,
          ]}
        />
        <tbody>
          {states.moves.map((m) => (
            <tr key={`${m.from}-${m.to}`}>
              <td>
                <code>{m.from}</code>
              </td>
              <td>
                <code>{m.to}</code>
              </td>
              <td>{pick(m.by, i18n.currentLocale)}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <p>
        <Translate id="paymentStates.final">终态（不再变化）：</Translate>
        {states.final.map((s, i) => (
          <span key={s}>
            {i > 0 && ', '}
            <code>{s}</code>
          </span>
        ))}
      </p>
    </>
  );
}
