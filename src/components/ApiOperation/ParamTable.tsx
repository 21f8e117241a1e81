import Translate, { translate } from '@docusaurus/Translate';
import type { ReactNode } from 'react';
import TableHead from '@site/src/components/TableHead/index.tsx';
import { pick } from '@site/src/lib/locale.ts';
import type { ParamRow } from '@site/src/lib/operation-page.ts';
import styles from './styles.module.css';

/** Where a parameter goes, in the order the page lists them. */
export const LOCATIONS: ParamRow['in'][] = ['path', 'query', 'header', 'body'];

export function locationTitle(where: ParamRow['in']): string {
  switch (where) {
    case 'path':
      return translate({ id: 'api.params.path', message: '路径参数' });
    case 'query':
      return translate({ id: 'api.params.query', message: '查询参数' });
    case 'header':
      return translate({ id: 'api.params.header', message: '请求头' });
    default:
      return translate({ id: 'api.params.body', message: '请求体参数' });
  }
}

export function ParamTable({ rows, locale }: { rows: ParamRow[]; locale: string }): ReactNode {
  return (
    <table className={styles.params}>
      <TableHead
        labels={[
          <Translate id="api.params.name">参数</Translate>,
          <Translate id="api.params.type">类型</Translate>,
          <Translate id="api.params.description">说明</Translate>,
        ]}
      />
      <tbody>
        {rows.map((r) => (
          <tr key={`${r.in}-${r.name}`} data-param={r.name}>
            <td>
              <code>{r.name}</code>
              <br />
              {r.required ? (
                <span className={styles.required}>
                  <Translate id="api.params.required">必填</Translate>
                </span>
              ) : (
                <span className={styles.optional}>
                  <Translate id="api.params.optional">可选</Translate>
                </span>
              )}
            </td>
            <td>
              <code>{r.type}</code>
            </td>
            <td>
              {pick(r.description, locale)}
              {r.constraints.length > 0 && (
                <ul className={styles.constraints}>
                  {r.constraints.map((c, i) => (
                    <li key={i}>{pick(c, locale)}</li>
                  ))}
                </ul>
              )}
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
