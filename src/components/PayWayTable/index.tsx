import useBrokenLinks from '@docusaurus/useBrokenLinks';
import useDocusaurusContext from '@docusaurus/useDocusaurusContext';
import Translate, { translate } from '@docusaurus/Translate';
import type { ReactNode } from 'react';
import payWays from '@generated/juyifu-contract/default/pay-ways.json';
import type { PayWayEntry } from '@site/contract/pay-ways.ts';
import { pick } from '@site/src/lib/locale.ts';
import TableHead from '@site/src/components/TableHead/index.tsx';

/** What an order of this pay way must send besides the usual fields, or a dash. */
function Requires({ entry }: { entry: PayWayEntry }): ReactNode {
  if (entry.requires.length === 0) return '—';
  return entry.requires.map((field, i) => (
    <span key={field}>
      {i > 0 && ', '}
      <code>{field}</code>
    </span>
  ));
}

/** Each credential field and where it goes in the provider's SDK or page. */
function Fields({ entry }: { entry: PayWayEntry }): ReactNode {
  return (
    <ul>
      {entry.fields.map(({ field, to }) => (
        <li key={field}>
          <code>{field}</code> → <code>{to}</code>
        </li>
      ))}
    </ul>
  );
}

/**
 * 订单创建's pay-way table: the catalogue the sandbox checks requests and shapes credentials from
 * (contract/pay-ways.ts), whose rules and shapes tests hold to the contract. `only`: some pay
 * ways (a guide's), without the row anchors, which belong to the 订单创建 page.
 */
export default function PayWayTable({ only }: { only?: string[] }): ReactNode {
  const { i18n } = useDocusaurusContext();
  const locale = i18n.currentLocale;
  const rows = only ? payWays.filter((w) => only.includes(w.pay_way)) : payWays;
  // Row anchors are linked to (the console, the Android guide): the build checks they exist.
  const brokenLinks = useBrokenLinks();
  if (!only) for (const w of rows) brokenLinks.collectAnchor(`pay-way-${w.pay_way}`);
  return (
    // Wide code in its cells scrolls the table sideways on a phone: keyboard users must reach it.
    <table
      data-testid="pay-way-table"
      tabIndex={0}
      aria-label={translate({ id: 'payWays.label', message: '支付方式：还须传的字段与 credential' })}
    >
      <TableHead
        labels={[
          <Translate id="payWays.payWay">支付方式</Translate>,
          <Translate id="payWays.requires">还须传</Translate>,
          <Translate id="payWays.credential">返回的 credential → 交给哪里</Translate>,
          <Translate id="payWays.use">用法</Translate>,
        ]}
      />
      <tbody>
        {rows.map((entry) => (
          <tr key={entry.pay_way} id={only ? undefined : `pay-way-${entry.pay_way}`}>
            <td>
              <code>{entry.pay_way}</code>
              <br />
              {pick(entry.name, locale)} (<code>{entry.provider}</code>)
            </td>
            <td>
              <Requires entry={entry} />
            </td>
            <td>
              <Fields entry={entry} />
            </td>
            <td>{pick(entry.use, locale)}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
