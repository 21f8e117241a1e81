import useDocusaurusContext from '@docusaurus/useDocusaurusContext';
import Translate from '@docusaurus/Translate';
import type { ReactNode } from 'react';
import data from '@generated/juyifu-contract/default/test-data.json';
import { pick } from '@site/src/lib/locale.ts';
import TableHead from '@site/src/components/TableHead/index.tsx';

const yuan = (fen: number) => `¥${(fen / 100).toFixed(2)}`;

/** A table of catalogue rows: headings, then one row of cells per entry (id optional). */
function CatalogueTable<T>({
  head,
  rows,
  cells,
  rowId,
}: {
  head: ReactNode[];
  rows: T[];
  cells: (row: T, locale: string) => ReactNode[];
  rowId?: (row: T) => string;
}): ReactNode {
  const { i18n } = useDocusaurusContext();
  return (
    <table>
      <TableHead labels={head} />
      <tbody>
        {rows.map((row, i) => (
          <tr key={i} id={rowId?.(row)}>
            {cells(row, i18n.currentLocale).map((c, j) => (
              <td key={j}>{c}</td>
            ))}
          </tr>
        ))}
      </tbody>
    </table>
  );
}

/** 沙箱测试数据: rendered from openapi/test-data.yaml, the catalogue the sandbox acts on. */
export function MagicAmounts(): ReactNode {
  return (
    <CatalogueTable
      head={[
        <Translate id="testdata.amount">amount（分）</Translate>,
        <Translate id="testdata.effect">效果</Translate>,
        <Translate id="testdata.description">说明</Translate>,
      ]}
      rows={data.magic_amounts}
      rowId={(m) => `amount-${m.amount}`}
      cells={(m, locale) => [
        <>
          <code>{m.amount}</code> ({yuan(m.amount)})
        </>,
        pick(m.title, locale),
        pick(m.description, locale),
      ]}
    />
  );
}

/** The refund amounts that make a refund fail, and how long any refund stays pending. */
export function MagicRefundAmounts(): ReactNode {
  return (
    <>
      <p data-testid="refund-delay">
        <Translate id="testdata.refundDelay" values={{ seconds: <code>{data.refund_delay_seconds}</code> }}>
          {'其他金额的退款在申请 {seconds} 秒后变为 succeeded。'}
        </Translate>
      </p>
      <CatalogueTable
        head={[
          <Translate id="testdata.refundAmount">退款 amount（分）</Translate>,
          <Translate id="testdata.effect">效果</Translate>,
          'failure_code',
          <Translate id="testdata.description">说明</Translate>,
        ]}
        rows={data.magic_refund_amounts}
        rowId={(m) => `refund-amount-${m.amount}`}
        cells={(m, locale) => [
          <>
            <code>{m.amount}</code> ({yuan(m.amount)})
          </>,
          pick(m.title, locale),
          <code>{m.failure_code}</code>,
          pick(m.description, locale),
        ]}
      />
    </>
  );
}

export function FailureCodes(): ReactNode {
  return (
    <CatalogueTable
      head={['failure_code', <Translate id="testdata.meaning">含义</Translate>]}
      rows={data.failure_codes}
      cells={(f, locale) => [<code>{f.code}</code>, locale.startsWith('en') ? f.en : f.zh]}
    />
  );
}

export function CashierActions(): ReactNode {
  return (
    <CatalogueTable
      head={[
        <Translate id="testdata.button">按钮</Translate>,
        <Translate id="testdata.result">订单结果</Translate>,
        <Translate id="testdata.note">说明</Translate>,
      ]}
      rows={data.cashier_actions}
      cells={(a, locale) => [pick(a.label, locale), <code>{a.result}</code>, pick(a.note, locale)]}
    />
  );
}
