import useDocusaurusContext from '@docusaurus/useDocusaurusContext';
import Translate from '@docusaurus/Translate';
import type { ReactNode } from 'react';
import testData from '@generated/juyifu-contract/default/test-data.json';
import { pick } from '@site/src/lib/locale';

type L = { zh: string; en: string };
interface TestData {
  magic_amounts: { amount: number; behavior: string; title: L; description: L }[];
  failure_codes: { code: string; zh: string; en: string }[];
  cashier_actions: { action: string; label: L; result: string; note: L }[];
}

const yuan = (fen: number) => `¥${(fen / 100).toFixed(2)}`;

/** 沙箱测试数据: rendered from openapi/test-data.yaml, the catalogue the sandbox acts on. */
export function MagicAmounts(): ReactNode {
  const { i18n } = useDocusaurusContext();
  const data = testData as TestData;
  return (
    <table>
      <thead>
        <tr>
          <th><Translate id="testdata.amount">amount（分）</Translate></th>
          <th><Translate id="testdata.effect">效果</Translate></th>
          <th><Translate id="testdata.description">说明</Translate></th>
        </tr>
      </thead>
      <tbody>
        {data.magic_amounts.map((m) => (
          <tr key={m.amount} id={`amount-${m.amount}`}>
            <td><code>{m.amount}</code> ({yuan(m.amount)})</td>
            <td>{pick(m.title, i18n.currentLocale)}</td>
            <td>{pick(m.description, i18n.currentLocale)}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

export function FailureCodes(): ReactNode {
  const { i18n } = useDocusaurusContext();
  const data = testData as TestData;
  return (
    <table>
      <thead>
        <tr>
          <th>failure_code</th>
          <th><Translate id="testdata.meaning">含义</Translate></th>
        </tr>
      </thead>
      <tbody>
        {data.failure_codes.map((f) => (
          <tr key={f.code}>
            <td><code>{f.code}</code></td>
            <td>{i18n.currentLocale.startsWith('en') ? f.en : f.zh}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

export function CashierActions(): ReactNode {
  const { i18n } = useDocusaurusContext();
  const data = testData as TestData;
  return (
    <table>
      <thead>
        <tr>
          <th><Translate id="testdata.button">按钮</Translate></th>
          <th><Translate id="testdata.result">订单结果</Translate></th>
          <th><Translate id="testdata.note">说明</Translate></th>
        </tr>
      </thead>
      <tbody>
        {data.cashier_actions.map((a) => (
          <tr key={a.action}>
            <td>{pick(a.label, i18n.currentLocale)}</td>
            <td><code>{a.result}</code></td>
            <td>{pick(a.note, i18n.currentLocale)}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
