import useBrokenLinks from '@docusaurus/useBrokenLinks';
import useDocusaurusContext from '@docusaurus/useDocusaurusContext';
import Translate from '@docusaurus/Translate';
import type { ReactNode } from 'react';
import errors from '@generated/juyifu-contract/default/errors.json';
import { pick } from '@site/src/lib/locale.ts';
import TableHead from '@site/src/components/TableHead/index.tsx';

/** 错误代码: rendered from openapi/errors.yaml, the catalogue the sandbox answers from. */
export default function ErrorTable(): ReactNode {
  const { i18n } = useDocusaurusContext();
  const brokenLinks = useBrokenLinks();
  const locale = i18n.currentLocale;
  // Row anchors are ours, not headings: tell the build's link checker they exist.
  for (const e of errors) {
    brokenLinks.collectAnchor(`error-${e.code}`);
    for (const s of e.sub_codes) brokenLinks.collectAnchor(`error-${e.code}-${s.sub_code}`);
  }
  return (
    <table>
      <TableHead
        labels={[
          <Translate id="errors.code">代码</Translate>,
          <Translate id="errors.meaning">含义</Translate>,
          <Translate id="errors.when">何时返回</Translate>,
          <Translate id="errors.fix">如何处理</Translate>,
          <Translate id="errors.trigger">沙箱中如何触发</Translate>,
        ]}
      />
      <tbody>
        {errors.map((e) => (
          <tr key={e.code} id={`error-${e.code}`}>
            <td>
              <a href={`#error-${e.code}`}>
                <code>{e.code}</code>
              </a>
            </td>
            <td>
              <strong>{pick(e.title, locale)}</strong>
              <br />
              <span lang={locale.startsWith('en') ? 'zh-Hans' : 'en'}>
                {pick(e.title, locale.startsWith('en') ? 'zh' : 'en')}
              </span>
            </td>
            <td>
              {pick(e.when, locale)}
              {e.sub_codes.length > 0 && (
                <ul>
                  {e.sub_codes.map((s) => (
                    <li key={s.sub_code} id={`error-${e.code}-${s.sub_code}`}>
                      <code>{s.sub_code}</code>:{' '}
                      {pick(s.message, locale).replaceAll('{param}', '…').replaceAll('{detail}', '…')}
                      {s.fix && (
                        <>
                          {' '}
                          <Translate id="errors.subFix">处理：</Translate>
                          {pick(s.fix, locale)}
                        </>
                      )}
                      {s.trigger && (
                        <>
                          {' '}
                          <Translate id="errors.subTrigger">触发：</Translate>
                          {pick(s.trigger, locale)}
                        </>
                      )}
                    </li>
                  ))}
                </ul>
              )}
            </td>
            <td>{pick(e.fix, locale)}</td>
            <td>{pick(e.trigger, locale)}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
